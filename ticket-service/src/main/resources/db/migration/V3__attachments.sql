-- Attachments of messages: references into the object store (content-addressed), or why one was left out.
CREATE TABLE ticket_attachment (
    id             uuid PRIMARY KEY,
    message_id     uuid NOT NULL REFERENCES ticket_message (id),
    sha256         varchar(64),
    file_name      text NOT NULL,
    media_type     text NOT NULL,
    size           bigint NOT NULL,
    content_id     text,
    inline_part    boolean NOT NULL,
    omitted_reason text
);
CREATE INDEX ticket_attachment_message_idx ON ticket_attachment (message_id);
