package io.tiski.social.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A webhook payload that could not be understood, kept with the reason. */
@Entity
@Table(name = "quarantined_update")
public class QuarantinedUpdate extends PanacheEntityBase {
    @Id
    public UUID id;
    public String platform;
    public String connection;
    public String reason;
    public byte[] payload;
    public String status;
    public Instant receivedAt;
}
