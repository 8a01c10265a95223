-- Brand and team of a ticket, from the inbox that received it.
ALTER TABLE ticket ADD COLUMN brand text;
ALTER TABLE ticket ADD COLUMN team text;
CREATE INDEX outbound_request_provider_idx ON outbound_request (provider_message_id);

-- The original of a message in the object store (raw mail), one click away from the cleaned-up text.
ALTER TABLE ticket_message ADD COLUMN raw_reference varchar(64);
