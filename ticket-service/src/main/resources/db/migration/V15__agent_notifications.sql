-- What each agent wants to hear of by email: assignments, customers' replies on their tickets, SLA warnings.
CREATE TABLE agent_notification_settings (
    agent             text PRIMARY KEY,
    email             text NOT NULL,
    on_assigned       boolean NOT NULL,
    on_customer_reply boolean NOT NULL,
    on_sla_warning    boolean NOT NULL,
    updated_at        timestamptz NOT NULL
);
