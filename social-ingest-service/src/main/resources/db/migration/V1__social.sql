-- Social ingest schema, owned by social-ingest-service alone.

-- Every platform update taken in, so a webhook retry yields one event.
CREATE TABLE received_update (
    dedupe_key  varchar(300) PRIMARY KEY,
    connection  varchar(128) NOT NULL,
    event_id    varchar(64),
    received_at timestamptz NOT NULL
);

-- Webhook payloads that could not be understood, kept with the reason.
CREATE TABLE quarantined_update (
    id          uuid PRIMARY KEY,
    platform    varchar(32) NOT NULL,
    connection  varchar(128) NOT NULL,
    reason      text NOT NULL,
    payload     bytea NOT NULL,
    status      varchar(16) NOT NULL,
    received_at timestamptz NOT NULL
);

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
