package io.tiski.social.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "received_update")
public class ReceivedUpdate extends PanacheEntityBase {
    @Id
    public String dedupeKey;
    public String connection;
    public String eventId;
    public Instant receivedAt;
}
