-- Notification service schema, owned by notification-service alone.

-- One row per OutboundMessageRequested: the record that makes sending exactly once in effect.
CREATE TABLE outbound_delivery (
    request_id   varchar(64) PRIMARY KEY,
    ticket_id    varchar(64) NOT NULL,
    kind         varchar(32) NOT NULL,
    channel      varchar(32) NOT NULL,
    recipient    text NOT NULL,
    message_id   text,
    status       varchar(16) NOT NULL,
    reason       text,
    attempts     int NOT NULL DEFAULT 0,
    requested_at timestamptz NOT NULL,
    sent_at      timestamptz,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX outbound_delivery_recipient_idx ON outbound_delivery (lower(recipient), kind, requested_at);

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
