-- Tags: free labels agents put on tickets; lower-case, looked up by tag for the inbox filter.
CREATE TABLE ticket_tag (
    ticket_id uuid NOT NULL REFERENCES ticket (id),
    tag       text NOT NULL,
    PRIMARY KEY (ticket_id, tag)
);
CREATE INDEX ticket_tag_tag_idx ON ticket_tag (tag, ticket_id);

-- Followers: agents who want to hear of a ticket without being its assignee.
CREATE TABLE ticket_follower (
    ticket_id  uuid NOT NULL REFERENCES ticket (id),
    agent      text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, agent)
);
CREATE INDEX ticket_follower_agent_idx ON ticket_follower (agent, ticket_id);

-- Custom fields defined by admins, and their values per ticket (one typed column per kind, so each is indexable).
CREATE TABLE custom_field (
    key        text PRIMARY KEY,
    kind       varchar(16) NOT NULL,
    label_fi   text NOT NULL,
    label_sv   text NOT NULL,
    label_en   text NOT NULL,
    options    text NOT NULL DEFAULT '',
    active     boolean NOT NULL,
    position   int NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE TABLE ticket_field_value (
    ticket_id    uuid NOT NULL REFERENCES ticket (id),
    field_key    text NOT NULL REFERENCES custom_field (key),
    text_value   text,
    number_value numeric,
    date_value   date,
    PRIMARY KEY (ticket_id, field_key)
);
CREATE INDEX ticket_field_text_idx ON ticket_field_value (field_key, lower(text_value)) WHERE text_value IS NOT NULL;
CREATE INDEX ticket_field_number_idx ON ticket_field_value (field_key, number_value) WHERE number_value IS NOT NULL;
CREATE INDEX ticket_field_date_idx ON ticket_field_value (field_key, date_value) WHERE date_value IS NOT NULL;

-- Which teams an agent belongs to: agents see the tickets of their teams (and unrouted ones, and their own).
CREATE TABLE agent_team (
    agent text NOT NULL,
    team  text NOT NULL,
    PRIMARY KEY (agent, team)
);

-- Saved inbox views: an agent's own, or shared with a team.
CREATE TABLE saved_view (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    owner      text NOT NULL,
    team       text,
    filters    text NOT NULL,
    sort       varchar(32),
    position   int NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX saved_view_owner_idx ON saved_view (owner);
CREATE INDEX saved_view_team_idx ON saved_view (team) WHERE team IS NOT NULL;

-- A ticket split off another records where it came from (linked_ticket_id is for follow-ups after close).
ALTER TABLE ticket ADD COLUMN split_from uuid REFERENCES ticket (id);
CREATE INDEX ticket_team_idx ON ticket (team, created_at DESC, id DESC) WHERE team IS NOT NULL;
