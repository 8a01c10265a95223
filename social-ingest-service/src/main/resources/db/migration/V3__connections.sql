-- Connections added by administrators at run time (beside those in configuration). Secrets are stored only
-- encrypted (AES-256-GCM with the key in tiski.social.secrets-key, which lives in a Kubernetes secret).
CREATE TABLE social_connection (
    name             varchar(128) PRIMARY KEY,
    platform         varchar(32)  NOT NULL,
    settings         text         NOT NULL,   -- JSON: account id, inbox name, API address, options
    secrets          bytea        NOT NULL,   -- 12-byte IV followed by the AES-GCM ciphertext of a JSON object
    created_by       varchar(200) NOT NULL,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    disconnected_at  timestamptz
);
