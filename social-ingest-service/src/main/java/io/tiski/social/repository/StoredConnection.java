package io.tiski.social.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A connection an administrator added at run time; its secrets are encrypted. */
@Entity
@Table(name = "social_connection")
public class StoredConnection extends PanacheEntityBase {
    @Id
    public String name;
    public String platform;
    public String settings;
    public byte[] secrets;
    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant disconnectedAt;
}
