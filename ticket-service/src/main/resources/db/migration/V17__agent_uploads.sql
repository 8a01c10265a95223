-- Files agents upload to attach to a reply: kept in the object store by content, listed here so that a reply can
-- only attach what an agent really uploaded (never an arbitrary object named by its hash).
CREATE TABLE agent_upload (
    id           uuid PRIMARY KEY,
    sha256       varchar(64)  NOT NULL,
    file_name    varchar(255) NOT NULL,
    media_type   varchar(128) NOT NULL,
    size         bigint       NOT NULL,
    uploaded_by  varchar(200) NOT NULL,
    uploaded_at  timestamptz  NOT NULL
);
