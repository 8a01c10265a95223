package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A file an agent uploaded to attach to a reply. */
@Entity
@Table(name = "agent_upload")
public class AgentUpload extends PanacheEntityBase {
    @Id
    public UUID id;
    public String sha256;
    public String fileName;
    public String mediaType;
    public long size;
    public String uploadedBy;
    public Instant uploadedAt;
}
