-- The mail server a deferred request could not reach (no connection, no answer in time), or NULL when the server
-- answered and put it off (a 4xx). When that server accepts a mail again, the requests waiting for it are due at
-- once instead of at their next attempt, which after a long outage can be ten minutes away.
ALTER TABLE outbound_delivery ADD COLUMN unreachable_server varchar(100);
CREATE INDEX outbound_delivery_unreachable_idx ON outbound_delivery (unreachable_server)
    WHERE unreachable_server IS NOT NULL;
