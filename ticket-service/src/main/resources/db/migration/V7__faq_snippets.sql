-- Answers to frequent questions, maintained by team leads, chosen for acknowledgements.
CREATE TABLE faq_snippet (
    id         uuid PRIMARY KEY,
    language   varchar(8) NOT NULL,
    question   text NOT NULL,
    answer     text NOT NULL,
    keywords   text NOT NULL,
    reasons    text,
    active     boolean NOT NULL,
    position   int NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX faq_snippet_language_idx ON faq_snippet (language, active);
