-- Agent actions: who wrote outbound messages and notes, and the audit trail of every change.

ALTER TABLE ticket_message ADD COLUMN agent_name text;
ALTER TABLE ticket_message ALTER COLUMN source_message_id DROP NOT NULL;
ALTER TABLE ticket ADD COLUMN assignee text;

-- Every change to a ticket: who, when, what, before and after.
CREATE TABLE ticket_audit (
    id         bigserial PRIMARY KEY,
    ticket_id  uuid NOT NULL REFERENCES ticket (id),
    actor      text NOT NULL,
    action     varchar(32) NOT NULL,
    field      varchar(64),
    before     text,
    after      text,
    at         timestamptz NOT NULL
);
CREATE INDEX ticket_audit_ticket_idx ON ticket_audit (ticket_id, id);
