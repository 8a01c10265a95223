package io.tiski.ticket.service;

import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.TicketStatusChanged;
import io.tiski.outbox.Outbox;
import io.tiski.ticket.domain.TicketStatus;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketAuditEntry;
import io.tiski.ticket.repository.TicketMessage;
import io.tiski.ticket.service.sla.SlaClockService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Merges a duplicate ticket into the one that survives: the duplicate's messages, attachments, deliveries and
 * mail threads move over, the duplicate is closed and points at the survivor, and whatever later arrives for the
 * duplicate (a reply to its mails, its social conversation) lands on the survivor.
 */
@ApplicationScoped
public class TicketMerges {
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final SlaClockService slaClocks;
    private final TicketLookup lookup;
    private final io.tiski.ticket.repository.TicketLabels labels;

    TicketMerges(Outbox outbox, EntityManager entityManager, SlaClockService slaClocks, TicketLookup lookup,
            io.tiski.ticket.repository.TicketLabels labels) {
        this.lookup = lookup;
        this.labels = labels;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.slaClocks = slaClocks;
    }

    /** @return the survivor's id */
    @Transactional
    public String merge(String duplicateIdOrNumber, String survivorIdOrNumber, String agent) {
        Ticket first = lookup.required(duplicateIdOrNumber);
        Ticket second = lookup.required(survivorIdOrNumber);
        if (first.id.equals(second.id)) {
            throw new IllegalArgumentException("a ticket cannot be merged into itself");
        }
        // lock in a fixed order so that two merges of the same pair cannot deadlock
        Ticket duplicate;
        Ticket survivor;
        if (first.id.compareTo(second.id) < 0) {
            duplicate = lock(first);
            survivor = lock(second);
        } else {
            survivor = lock(second);
            duplicate = lock(first);
        }
        if (duplicate.mergedInto != null) {
            throw new TicketConflictException("Ticket #" + duplicate.number + " was already merged");
        }
        if (survivor.mergedInto != null || TicketStatus.CLOSED.name().equals(survivor.status)) {
            throw new TicketConflictException("Ticket #" + survivor.number + " is closed; merge into an open ticket");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int moved = entityManager.createQuery("update TicketMessage m set m.ticketId = :to where m.ticketId = :from")
                .setParameter("to", survivor.id).setParameter("from", duplicate.id).executeUpdate();
        entityManager.createQuery("update KnownEmailMessageId k set k.ticketId = :to where k.ticketId = :from")
                .setParameter("to", survivor.id).setParameter("from", duplicate.id).executeUpdate();
        entityManager.createQuery("update OutboundRequest r set r.ticketId = :to where r.ticketId = :from")
                .setParameter("to", survivor.id).setParameter("from", duplicate.id).executeUpdate();
        labels.moveAll(duplicate.id, survivor.id);
        entityManager.createQuery("delete from TicketSlaClock c where c.key.ticketId = :from")
                .setParameter("from", duplicate.id).executeUpdate();
        entityManager.clear();
        duplicate = Ticket.findById(duplicate.id, LockModeType.PESSIMISTIC_WRITE);
        survivor = Ticket.findById(survivor.id, LockModeType.PESSIMISTIC_WRITE);
        String before = duplicate.status;
        duplicate.status = TicketStatus.CLOSED.name();
        duplicate.statusChangedAt = now;
        duplicate.mergedInto = survivor.id;
        duplicate.updatedAt = now;
        duplicate.slaState = null;
        duplicate.slaDueAt = null;
        TicketAuditEntry.record(duplicate.id, agent, "MERGED_INTO", "mergedInto", null, "#" + survivor.number, now);
        if (!TicketStatus.CLOSED.name().equals(before)) {
            TicketAuditEntry.record(duplicate.id, agent, "STATUS_CHANGED", "status", before, "CLOSED", now);
            outbox.append(EventEnvelope.of(new TicketStatusChanged(UUID.randomUUID().toString(), now,
                    duplicate.id.toString(), duplicate.number, Channel.valueOf(duplicate.channel),
                    duplicate.conversationKey, before, TicketStatus.CLOSED.name(), agent, "Merged into #"
                            + survivor.number), InboundMessageService.SOURCE));
        }
        TicketAuditEntry.record(survivor.id, agent, "MERGED", "mergedFrom", null, "#" + duplicate.number + " ("
                + moved + " messages)", now);
        Optional<Instant> latest = TicketMessage.<TicketMessage>find("ticketId = ?1 order by createdAt desc",
                survivor.id).firstResultOptional().map(m -> m.createdAt);
        survivor.lastMessageAt = latest.orElse(survivor.lastMessageAt);
        survivor.updatedAt = now;
        slaClocks.recompute(survivor, now);
        return survivor.id.toString();
    }

    private static Ticket lock(Ticket ticket) {
        return Ticket.findById(ticket.id, LockModeType.PESSIMISTIC_WRITE);
    }
}
