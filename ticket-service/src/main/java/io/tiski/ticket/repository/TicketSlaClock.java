package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One cycle of one SLA clock of a ticket, as last computed. */
@Entity
@Table(name = "ticket_sla_clock")
public class TicketSlaClock extends PanacheEntityBase {

    @Embeddable
    public record Key(UUID ticketId, String target, int cycle) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public UUID policyId;
    public String state;
    public Instant startedAt;
    public Instant dueAt;
    public Instant warnAt;
    public Instant stoppedAt;
    public boolean businessHours;
    public long targetSeconds;
    public long elapsedSeconds;
    public Instant nextAlertAt;
    public Instant updatedAt;
}
