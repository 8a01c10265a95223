-- Canned answers: text an agent puts into a reply, with placeholders filled from the ticket
-- ({{customer.name}}, {{customer.first_name}}, {{ticket.number}}, {{agent.name}}, {{field.<key>}}).
CREATE TABLE canned_answer (
    id         uuid PRIMARY KEY,
    title      text NOT NULL,
    body       text NOT NULL,
    language   varchar(8),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX canned_answer_title_idx ON canned_answer (lower(title));

-- The browsers' live feed reads the tickets changed in the last seconds.
CREATE INDEX ticket_updated_idx ON ticket (updated_at);
