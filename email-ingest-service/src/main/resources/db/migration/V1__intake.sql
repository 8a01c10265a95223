-- Email ingest schema, owned by email-ingest-service alone.

-- How far each mailbox has been read, by IMAP UIDVALIDITY and UID (not by the \Seen flag).
CREATE TABLE mailbox_cursor (
    mailbox      varchar(128) PRIMARY KEY,
    uid_validity bigint NOT NULL,
    last_uid     bigint NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- Every mail taken in, so the same mail fetched again or delivered to two mailboxes yields one event.
CREATE TABLE received_mail (
    dedupe_key  varchar(600) PRIMARY KEY,
    mailbox     varchar(128) NOT NULL,
    event_id    varchar(64),
    received_at timestamptz NOT NULL
);

-- Mail that could not be processed, kept whole with the reason until an operator replays or discards it.
CREATE TABLE quarantined_mail (
    id          uuid PRIMARY KEY,
    mailbox     varchar(128) NOT NULL,
    reason      text NOT NULL,
    raw         bytea NOT NULL,
    size        bigint NOT NULL,
    status      varchar(16) NOT NULL,
    received_at timestamptz NOT NULL,
    resolved_at timestamptz
);
CREATE INDEX quarantined_mail_status_idx ON quarantined_mail (status, received_at);

CREATE TABLE outbox_event (
    id            bigserial PRIMARY KEY,
    event_id      varchar(64) NOT NULL,
    topic         text NOT NULL,
    record_key    text,
    headers       jsonb NOT NULL,
    payload       bytea NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    failed_reason text
);
CREATE INDEX outbox_event_unpublished_idx ON outbox_event (id) WHERE published_at IS NULL AND failed_reason IS NULL;

CREATE TABLE processed_event (
    consumer     varchar(64) NOT NULL,
    event_id     varchar(64) NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
