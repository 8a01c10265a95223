-- Local accounts: the embedded default sign-in (OpenID Connect accounts are made on first sign-in, without a
-- password). The username is the agent's name everywhere else (assignee, agent_team.agent, api_token.agent_name).
CREATE TABLE agent_account (
    username            text PRIMARY KEY,
    display_name        text NOT NULL,
    email               text,
    role                varchar(16) NOT NULL,
    locale              varchar(8) NOT NULL DEFAULT 'en',
    password_hash       text,
    password_changed_at timestamptz,
    failed_sign_ins     integer NOT NULL DEFAULT 0,
    locked_until        timestamptz,
    disabled_at         timestamptz,
    created_at          timestamptz NOT NULL,
    last_sign_in_at     timestamptz
);

-- Browser sessions: only the SHA-256 of the cookie's value is stored.
CREATE TABLE agent_session (
    id_sha256      varchar(64) PRIMARY KEY,
    username       text NOT NULL REFERENCES agent_account (username) ON DELETE CASCADE,
    csrf_token     text NOT NULL,
    created_at     timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    client_address text,
    user_agent     text
);
CREATE INDEX agent_session_username_idx ON agent_session (username);
CREATE INDEX agent_session_expires_idx ON agent_session (expires_at);

ALTER TABLE api_token ADD COLUMN last_used_at timestamptz;
CREATE INDEX api_token_agent_idx ON api_token (agent_name);

-- Security-relevant actions, readable by administrators. Holds agents' names, never a customer's personal data.
CREATE TABLE security_audit (
    id             bigserial PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    action         varchar(40) NOT NULL,
    outcome        varchar(16) NOT NULL,
    actor          text,
    subject        text,
    client_address text,
    detail         text
);
CREATE INDEX security_audit_occurred_idx ON security_audit (occurred_at DESC);
CREATE INDEX security_audit_action_idx ON security_audit (action, occurred_at DESC);
