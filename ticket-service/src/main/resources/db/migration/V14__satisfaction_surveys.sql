-- Satisfaction surveys: one per ticket, sent a while after it is solved, answered through a signed link.
CREATE TABLE satisfaction_survey (
    ticket_id    uuid PRIMARY KEY REFERENCES ticket (id),
    -- SHA-256 of the link's token; the token itself is only in the customer's mail
    token_sha256 varchar(64) UNIQUE,
    due_at       timestamptz NOT NULL,
    requested_at timestamptz,
    rating       varchar(8),
    comment      text,
    answered_at  timestamptz,
    created_at   timestamptz NOT NULL
);
CREATE INDEX satisfaction_survey_due_idx ON satisfaction_survey (due_at) WHERE requested_at IS NULL;
CREATE INDEX satisfaction_survey_answered_idx ON satisfaction_survey (answered_at) WHERE answered_at IS NOT NULL;
