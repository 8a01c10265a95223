package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A prepared reply an agent inserts into the composer; its placeholders are filled from the ticket. */
@Entity
@Table(name = "canned_answer")
public class CannedAnswer extends PanacheEntityBase {
    @Id
    public UUID id;
    public String title;
    public String body;
    /** fi, sv or en; null for an answer meant for every language. */
    public String language;
    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;
}
