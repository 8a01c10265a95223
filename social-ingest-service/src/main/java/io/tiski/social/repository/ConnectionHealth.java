package io.tiski.social.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What an operator sees of a connection: when it last heard from or sent to the platform, and its last error. */
@Entity
@Table(name = "connection_health")
public class ConnectionHealth extends PanacheEntityBase {
    @Id
    public String connection;
    public String platform;
    public Instant lastEventAt;
    public Instant lastSentAt;
    public Instant lastErrorAt;
    public String lastError;
}
