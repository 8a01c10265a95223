-- Every verified webhook request, kept before it is answered: the durable hand-off that lets the endpoint answer
-- at once while parsing, media downloads and publishing happen after. The body's SHA-256 (per connection) is the
-- key, so the same signed request presented again is recognised as a replay before anything parses it.
CREATE TABLE webhook_delivery (
    id               bigserial PRIMARY KEY,
    platform         varchar(32)  NOT NULL,
    connection       varchar(128) NOT NULL,
    body_sha256      varchar(64)  NOT NULL,
    payload          bytea        NOT NULL,
    received_at      timestamptz  NOT NULL,
    status           varchar(16)  NOT NULL,   -- WAITING, DONE, QUARANTINED
    attempts         int          NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL,
    last_error       text,
    processed_at     timestamptz,
    UNIQUE (connection, body_sha256)
);
CREATE INDEX webhook_delivery_waiting_idx ON webhook_delivery (next_attempt_at, id) WHERE status = 'WAITING';

-- One row per platform conversation: when the customer last wrote decides what the platform lets Tiski send.
CREATE TABLE social_conversation (
    conversation_key          varchar(300) PRIMARY KEY,
    platform                  varchar(32)  NOT NULL,
    connection                varchar(128) NOT NULL,
    recipient_id              varchar(128) NOT NULL,
    display_name              varchar(300),
    last_customer_message_at  timestamptz  NOT NULL
);

-- Each reply request, once: SENDING before the platform is called, SENT with the platform's message id after, so a
-- redelivered request is not sent again and a delivery receipt finds the reply it is about.
CREATE TABLE social_reply (
    request_id           varchar(64)  PRIMARY KEY,
    ticket_id            varchar(64)  NOT NULL,
    ticket_number        bigint       NOT NULL,
    channel              varchar(32)  NOT NULL,
    conversation_key     varchar(300) NOT NULL,
    kind                 varchar(32)  NOT NULL,
    status               varchar(16)  NOT NULL,   -- SENDING, SENT, FAILED, DELIVERED, READ
    provider_message_id  varchar(300),
    reason               text,
    created_at           timestamptz  NOT NULL,
    updated_at           timestamptz  NOT NULL
);
CREATE INDEX social_reply_provider_idx ON social_reply (provider_message_id);

-- What an operator sees of each connection: when it last heard from the platform and what last went wrong.
CREATE TABLE connection_health (
    connection       varchar(128) PRIMARY KEY,
    platform         varchar(32)  NOT NULL,
    last_event_at    timestamptz,
    last_sent_at     timestamptz,
    last_error_at    timestamptz,
    last_error       text
);

-- Unintelligible payloads are now kept in webhook_delivery with status QUARANTINED and the reason.
DROP TABLE quarantined_update;
