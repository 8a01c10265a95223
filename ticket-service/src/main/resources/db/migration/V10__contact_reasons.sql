-- Why customers contact the shop: a managed list of codes; a ticket gets one before it is solved.
CREATE TABLE contact_reason (
    code       text PRIMARY KEY,
    label_fi   text NOT NULL,
    label_sv   text NOT NULL,
    label_en   text NOT NULL,
    active     boolean NOT NULL,
    position   int NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
ALTER TABLE ticket ADD COLUMN contact_reason text;
CREATE INDEX ticket_contact_reason_idx ON ticket (contact_reason) WHERE contact_reason IS NOT NULL;
