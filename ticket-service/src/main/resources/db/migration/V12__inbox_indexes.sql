-- Indexes for the inbox's views at a million tickets (measured in docs/benchmarks.md).
-- Work in progress: every status but CLOSED, small however many tickets were ever closed.
CREATE INDEX ticket_active_idx ON ticket (status, created_at DESC, id DESC) WHERE status <> 'CLOSED';
-- "Mine" and any agent's view.
CREATE INDEX ticket_assignee_idx ON ticket (assignee, created_at DESC, id DESC) WHERE assignee IS NOT NULL;
-- Recent activity.
CREATE INDEX ticket_last_message_idx ON ticket (last_message_at DESC, id DESC);
-- Soonest SLA due first, tickets without an open clock last.
DROP INDEX ticket_sla_due_idx;
CREATE INDEX ticket_sla_due_idx ON ticket (sla_due_at ASC NULLS LAST, id ASC);
-- Searching by a customer's address or a message id.
CREATE INDEX customer_identity_address_idx ON customer_identity (address);
CREATE INDEX ticket_message_source_id_idx ON ticket_message (source_message_id);
