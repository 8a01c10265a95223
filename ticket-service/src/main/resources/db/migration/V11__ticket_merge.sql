-- A merged ticket is closed and points at the ticket that took over its conversation.
ALTER TABLE ticket ADD COLUMN merged_into uuid REFERENCES ticket (id);
