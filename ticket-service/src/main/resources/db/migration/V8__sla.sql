-- Business calendars, SLA policies, and each ticket's SLA clocks as last computed.
CREATE TABLE business_calendar (
    id              uuid PRIMARY KEY,
    name            text NOT NULL UNIQUE,
    time_zone       text NOT NULL,
    -- JSON object: day of week -> list of "08:00-16:00" spans
    weekly_hours    text NOT NULL,
    -- comma-separated built-in holiday sets, e.g. "FI" or "FI,SE"
    public_holidays text NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE calendar_exception (
    calendar_id   uuid NOT NULL REFERENCES business_calendar (id) ON DELETE CASCADE,
    day           date NOT NULL,
    label         text NOT NULL,
    -- "08:00-22:00,..." or empty for a closed day
    opening_hours text NOT NULL,
    source        text NOT NULL,
    PRIMARY KEY (calendar_id, day)
);

CREATE TABLE sla_policy (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    position    int NOT NULL,
    active      boolean NOT NULL,
    calendar_id uuid REFERENCES business_calendar (id),
    -- JSON: conditions, targets, pauseOnHold, warning, escalation
    definition  text NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Every cycle of every clock of a ticket; recomputed whenever the ticket changes.
CREATE TABLE ticket_sla_clock (
    ticket_id     uuid NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    target        text NOT NULL,
    cycle         int NOT NULL,
    policy_id     uuid,
    state         text NOT NULL,
    started_at    timestamptz NOT NULL,
    due_at        timestamptz,
    warn_at       timestamptz,
    stopped_at    timestamptz,
    business_hours boolean NOT NULL,
    target_seconds bigint NOT NULL,
    elapsed_seconds bigint NOT NULL,
    -- the next moment a warning or breach is to be raised for this cycle; null when none is pending
    next_alert_at timestamptz,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, target, cycle)
);
CREATE INDEX ticket_sla_clock_next_alert_idx ON ticket_sla_clock (next_alert_at) WHERE next_alert_at IS NOT NULL;

-- Warnings and breaches raised, at most one per cycle and kind.
CREATE TABLE sla_alert (
    ticket_id uuid NOT NULL,
    target    text NOT NULL,
    cycle     int NOT NULL,
    kind      text NOT NULL,
    policy_id uuid,
    due_at    timestamptz NOT NULL,
    raised_at timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, target, cycle, kind)
);
CREATE INDEX sla_alert_raised_idx ON sla_alert (raised_at);

-- The inbox sorts and filters by the most urgent running clock of each ticket.
ALTER TABLE ticket ADD COLUMN sla_state text;
ALTER TABLE ticket ADD COLUMN sla_due_at timestamptz;
CREATE INDEX ticket_sla_due_idx ON ticket (sla_due_at) WHERE sla_due_at IS NOT NULL;

ALTER TABLE customer ADD COLUMN customer_group text;
