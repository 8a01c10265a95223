package io.tiski.ticket.service;

import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.TicketCreated;
import io.tiski.outbox.Outbox;
import io.tiski.ticket.domain.TicketStatus;
import io.tiski.ticket.repository.KnownEmailMessageId;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketAuditEntry;
import io.tiski.ticket.repository.TicketMessage;
import io.tiski.ticket.service.sla.SlaClockService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Splits a customer message off its ticket into a ticket of its own, when one conversation turned out to hold two
 * matters (a question about an order and, in the same thread, a complaint about another). The message, its
 * attachments and its mail thread move; both tickets keep a note of the other in their audit trails.
 */
@ApplicationScoped
public class TicketSplits {
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final SlaClockService slaClocks;
    private final TicketLookup lookup;

    TicketSplits(Outbox outbox, EntityManager entityManager, SlaClockService slaClocks, TicketLookup lookup) {
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.slaClocks = slaClocks;
        this.lookup = lookup;
    }

    /** @return the new ticket's id */
    @Transactional
    public String split(String ticketIdOrNumber, String messageId, String subject, String agent) {
        Ticket original = lookup.locked(ticketIdOrNumber);
        TicketMessage message;
        try {
            message = TicketMessage.findById(UUID.fromString(messageId.strip()));
        } catch (IllegalArgumentException e) {
            message = null;
        }
        if (message == null || !message.ticketId.equals(original.id)) {
            throw new IllegalArgumentException("message " + messageId + " is not a message of ticket #"
                    + original.number);
        }
        if (!"INBOUND".equals(message.direction)) {
            throw new TicketConflictException("Only a customer's message can be split into a ticket of its own; "
                    + "this one is " + message.kind);
        }
        if (TicketStatus.CLOSED.name().equals(original.status)) {
            throw new TicketConflictException("Ticket #" + original.number + " is closed; its messages stay with it");
        }
        long inbound = TicketMessage.count("ticketId = ?1 and direction = 'INBOUND'", original.id);
        if (inbound < 2) {
            throw new TicketConflictException("Ticket #" + original.number + " has no other customer message; "
                    + "splitting would leave it empty");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Ticket split = new Ticket();
        split.id = UUID.randomUUID();
        split.number = ((Number) entityManager.createNativeQuery("SELECT nextval('ticket_number_seq')")
                .getSingleResult()).longValue();
        String title = subject != null && !subject.isBlank() ? subject.strip()
                : message.subject != null && !message.subject.isBlank() ? message.subject.strip() : original.subject;
        split.subject = title.length() > 500 ? title.substring(0, 500) : title;
        split.channel = message.channel;
        split.status = TicketStatus.OPEN.name();
        split.priority = original.priority;
        split.type = original.type;
        split.customerId = original.customerId;
        split.conversationKey = original.conversationKey;
        split.inboxAddress = original.inboxAddress;
        split.language = message.language != null ? message.language : original.language;
        split.brand = original.brand;
        split.team = original.team;
        split.assignee = original.assignee;
        split.splitFrom = original.id;
        split.createdAt = now;
        split.updatedAt = now;
        split.lastMessageAt = message.createdAt;
        split.statusChangedAt = now;
        split.persist();
        // the new ticket's row must exist before the mail thread's rows point at it
        entityManager.flush();
        message.ticketId = split.id;
        message.threadingReason = message.threadingReason + "; split off ticket #" + original.number + " by "
                + agent;
        KnownEmailMessageId.update("ticketId = ?1 where ticketMessageId = ?2", split.id, message.id);
        entityManager.flush();
        original.lastMessageAt = TicketMessage.<TicketMessage>find("ticketId = ?1 order by createdAt desc",
                original.id).firstResultOptional().map(m -> m.createdAt).orElse(original.lastMessageAt);
        original.updatedAt = now;
        TicketAuditEntry.record(split.id, agent, "CREATED", "splitFrom", null, "Split off #" + original.number, now);
        TicketAuditEntry.record(original.id, agent, "SPLIT", "splitInto", null, "#" + split.number + " (message "
                + message.id + ")", now);
        outbox.append(EventEnvelope.of(new TicketCreated(UUID.randomUUID().toString(), now, split.id.toString(),
                split.number, Channel.valueOf(split.channel), split.conversationKey, message.sourceMessageId,
                split.subject, split.status, split.priority, split.type,
                new Participant(message.authorAddress, message.authorName), split.customerId.toString(),
                "Split off ticket #" + original.number + " by " + agent), InboundMessageService.SOURCE));
        slaClocks.recompute(original, now);
        slaClocks.recompute(split, now);
        return split.id.toString();
    }
}
