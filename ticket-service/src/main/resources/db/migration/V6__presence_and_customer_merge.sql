-- Who is looking at or answering a ticket right now, so a second agent is warned. Rows expire.
CREATE TABLE ticket_presence (
    ticket_id  uuid NOT NULL REFERENCES ticket (id),
    agent      text NOT NULL,
    activity   varchar(16) NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, agent)
);

-- A customer merged into another keeps its row, pointing at the survivor.
ALTER TABLE customer ADD COLUMN merged_into uuid REFERENCES customer (id);
