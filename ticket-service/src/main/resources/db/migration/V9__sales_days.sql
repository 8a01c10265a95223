-- Orders per day imported by the shop (CSV), lined up against support volume in the seasonal report.
CREATE TABLE sales_day (
    brand       text NOT NULL,
    day         date NOT NULL,
    orders      int NOT NULL CHECK (orders >= 0),
    imported_at timestamptz NOT NULL,
    PRIMARY KEY (brand, day)
);
CREATE INDEX ticket_audit_status_idx ON ticket_audit (ticket_id, at) WHERE action = 'STATUS_CHANGED';
CREATE INDEX ticket_message_created_idx ON ticket_message (created_at) WHERE direction = 'INBOUND';
