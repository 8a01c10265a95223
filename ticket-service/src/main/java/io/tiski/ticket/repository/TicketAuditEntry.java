package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One change to a ticket, kept for the audit trail. */
@Entity
@Table(name = "ticket_audit")
public class TicketAuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID ticketId;
    public String actor;
    public String action;
    public String field;
    public String before;
    public String after;
    public Instant at;

    public static void record(UUID ticketId, String actor, String action, String field, String before,
            String after, Instant at) {
        TicketAuditEntry entry = new TicketAuditEntry();
        entry.ticketId = ticketId;
        entry.actor = actor;
        entry.action = action;
        entry.field = field;
        entry.before = before;
        entry.after = after;
        entry.at = at;
        entry.persist();
    }
}
