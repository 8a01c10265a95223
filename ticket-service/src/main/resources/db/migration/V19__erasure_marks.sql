-- When a ticket's or a customer's personal data was erased (by request or by the retention policy).
ALTER TABLE ticket ADD COLUMN erased_at timestamptz;
ALTER TABLE customer ADD COLUMN erased_at timestamptz;
CREATE INDEX ticket_retention_idx ON ticket (status_changed_at) WHERE status = 'CLOSED' AND erased_at IS NULL;
