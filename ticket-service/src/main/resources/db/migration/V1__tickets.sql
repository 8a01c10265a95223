-- Ticket service schema, owned by ticket-service alone.

CREATE SEQUENCE ticket_number_seq START WITH 1001;

CREATE TABLE customer (
    id           uuid PRIMARY KEY,
    display_name text,
    language     varchar(8),
    created_at   timestamptz NOT NULL
);

-- One customer, many identities: email addresses, phone numbers, social platform ids.
CREATE TABLE customer_identity (
    id          uuid PRIMARY KEY,
    customer_id uuid NOT NULL REFERENCES customer (id),
    channel     varchar(32) NOT NULL,
    address     text NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT customer_identity_unique UNIQUE (channel, address)
);
CREATE INDEX customer_identity_customer_idx ON customer_identity (customer_id);

CREATE TABLE ticket (
    id               uuid PRIMARY KEY,
    number           bigint NOT NULL UNIQUE,
    subject          text NOT NULL,
    channel          varchar(32) NOT NULL,
    status           varchar(16) NOT NULL,
    priority         varchar(16) NOT NULL,
    type             varchar(32) NOT NULL,
    customer_id      uuid NOT NULL REFERENCES customer (id),
    conversation_key text NOT NULL,
    inbox_address    text,
    language         varchar(8),
    linked_ticket_id uuid REFERENCES ticket (id),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    last_message_at  timestamptz NOT NULL,
    status_changed_at timestamptz NOT NULL
);
CREATE INDEX ticket_newest_idx ON ticket (created_at DESC, id DESC);
CREATE INDEX ticket_conversation_idx ON ticket (channel, conversation_key);
CREATE INDEX ticket_customer_idx ON ticket (customer_id);

CREATE TABLE ticket_message (
    id                uuid PRIMARY KEY,
    ticket_id         uuid NOT NULL REFERENCES ticket (id),
    direction         varchar(16) NOT NULL,
    kind              varchar(32) NOT NULL,
    channel           varchar(32) NOT NULL,
    source_message_id text NOT NULL,
    author_address    text NOT NULL,
    author_name       text,
    subject           text,
    text_body         text,
    new_text          text,
    html_body         text,
    language          varchar(8),
    classification    varchar(32),
    threading_reason  text NOT NULL,
    received_at       timestamptz NOT NULL,
    created_at        timestamptz NOT NULL,
    CONSTRAINT ticket_message_source_unique UNIQUE (channel, source_message_id)
);
CREATE INDEX ticket_message_ticket_idx ON ticket_message (ticket_id, created_at);

-- Every email Message-ID Tiski has received or sent, to thread replies by In-Reply-To and References.
CREATE TABLE email_message_id (
    message_id        text PRIMARY KEY,
    ticket_id         uuid NOT NULL REFERENCES ticket (id),
    ticket_message_id uuid REFERENCES ticket_message (id),
    origin            varchar(32) NOT NULL,
    created_at        timestamptz NOT NULL
);
CREATE INDEX email_message_id_ticket_idx ON email_message_id (ticket_id);

-- Acknowledgements and replies Tiski asked to send, with what became of them.
CREATE TABLE outbound_request (
    id                  uuid PRIMARY KEY,
    ticket_id           uuid NOT NULL REFERENCES ticket (id),
    kind                varchar(32) NOT NULL,
    channel             varchar(32) NOT NULL,
    recipient           text NOT NULL,
    provider_message_id text,
    status              varchar(16) NOT NULL,
    status_reason       text,
    requested_at        timestamptz NOT NULL,
    reported_at         timestamptz
);
CREATE INDEX outbound_request_ticket_idx ON outbound_request (ticket_id);

CREATE TABLE api_token (
    id           uuid PRIMARY KEY,
    token_sha256 varchar(64) NOT NULL UNIQUE,
    name         text NOT NULL,
    agent_name   text NOT NULL,
    role         varchar(16) NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz
);

-- Transactional outbox, published by the relay (see docs/adr/0002-transactional-outbox.md).
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

-- Events this service has applied, so a redelivery is a no-op.
CREATE TABLE processed_event (
    consumer     varchar(64) NOT NULL,
    event_id     varchar(64) NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
