package io.tiski.emailingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A mail already taken in, by Message-ID and content hash. */
@Entity
@Table(name = "received_mail")
public class ReceivedMail extends PanacheEntityBase {
    @Id
    public String dedupeKey;
    public String mailbox;
    public String eventId;
    public Instant receivedAt;
}
