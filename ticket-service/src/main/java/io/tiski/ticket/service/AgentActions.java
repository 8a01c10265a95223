package io.tiski.ticket.service;

import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.MessageAdded;
import io.tiski.events.v1.OutboundEmail;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.TicketStatusChanged;
import io.tiski.outbox.Outbox;
import io.tiski.ticket.config.TicketConfig;
import io.tiski.ticket.domain.TicketStatus;
import io.tiski.ticket.repository.Customer;
import io.tiski.ticket.repository.CustomerIdentity;
import io.tiski.ticket.repository.KnownEmailMessageId;
import io.tiski.ticket.repository.OutboundRequest;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketAuditEntry;
import io.tiski.ticket.repository.TicketMessage;
import io.tiski.ticket.service.sla.SlaClockService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What agents do to tickets: reply to the customer, add internal notes, change status, priority, assignee. */
@ApplicationScoped
public class AgentActions {
    static final Set<String> PRIORITIES = Set.of("LOW", "NORMAL", "HIGH", "URGENT");
    private static final int MAX_REFERENCES = 20;

    private final Outbox outbox;
    private final TicketConfig config;
    private final SlaClockService slaClocks;
    private final ContactReasons contactReasons;

    AgentActions(Outbox outbox, TicketConfig config, SlaClockService slaClocks, ContactReasons contactReasons) {
        this.outbox = outbox;
        this.config = config;
        this.slaClocks = slaClocks;
        this.contactReasons = contactReasons;
    }

    /** The message an agent wrote, as stored. */
    public record Written(String messageId, String ticketId, String status, String requestId) {
    }

    @Transactional
    public Written reply(String ticketIdOrNumber, String agent, String text, Optional<String> statusAfter) {
        Ticket ticket = lockedTicket(ticketIdOrNumber);
        if (TicketStatus.CLOSED.name().equals(ticket.status)) {
            throw new TicketConflictException("Ticket #" + ticket.number + " is closed; a reply cannot be sent. "
                    + "Open a new ticket for the customer instead.");
        }
        Optional<TicketStatus> next = statusAfter.map(AgentActions::parseStatus);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        UUID requestId = UUID.randomUUID();
        Channel replyChannel = Channel.valueOf(ticket.channel).replyChannel();
        Participant recipient = recipientOf(ticket, replyChannel);
        OutboundEmail email = null;
        String sourceMessageId = "reply." + requestId;
        if (replyChannel == Channel.EMAIL) {
            sourceMessageId = "reply." + requestId + "@" + config.messageIdDomain();
            String inReplyTo = TicketMessage.<TicketMessage>find("ticketId = ?1 and direction = 'INBOUND' "
                    + "and channel = 'EMAIL' order by createdAt desc", ticket.id).firstResultOptional()
                    .map(m -> m.sourceMessageId).orElse(null);
            List<String> references = new ArrayList<>(KnownEmailMessageId.<KnownEmailMessageId>find(
                    "ticketId = ?1 order by createdAt", ticket.id).list().stream().map(k -> k.messageId).toList());
            if (references.size() > MAX_REFERENCES) {
                references = new ArrayList<>(references.subList(references.size() - MAX_REFERENCES,
                        references.size()));
            }
            String support = ticket.inboxAddress != null ? ticket.inboxAddress : config.defaultSupportAddress();
            email = new OutboundEmail(sourceMessageId, inReplyTo, references, support, support);
            KnownEmailMessageId known = new KnownEmailMessageId();
            known.messageId = sourceMessageId;
            known.ticketId = ticket.id;
            known.origin = "AGENT_REPLY";
            known.createdAt = now;
            known.persist();
        }
        TicketMessage message = outboundMessage(ticket, "AGENT_REPLY", replyChannel.name(), sourceMessageId,
                agent, text, now);
        if (email != null) {
            KnownEmailMessageId.<KnownEmailMessageId>findById(sourceMessageId).ticketMessageId = message.id;
        }
        OutboundRequest request = new OutboundRequest();
        request.id = requestId;
        request.ticketId = ticket.id;
        request.kind = OutboundKind.AGENT_REPLY.name();
        request.channel = replyChannel.name();
        request.recipient = recipient.address();
        request.providerMessageId = email == null ? null : email.messageId();
        request.status = "REQUESTED";
        request.requestedAt = now;
        request.persist();
        outbox.append(EventEnvelope.of(new MessageAdded(UUID.randomUUID().toString(), now, ticket.id.toString(),
                ticket.number, replyChannel, ticket.conversationKey, sourceMessageId, message.id.toString(),
                "OUTBOUND", new Participant(recipient.address(), recipient.displayName()), "Agent reply"),
                InboundMessageService.SOURCE));
        outbox.append(EventEnvelope.of(new OutboundMessageRequested(requestId.toString(), now, ticket.id.toString(),
                ticket.number, replyChannel, ticket.conversationKey, OutboundKind.AGENT_REPLY, recipient,
                ticket.language, ticket.subject, text, null, agent, email, List.of()),
                InboundMessageService.SOURCE));
        TicketAuditEntry.record(ticket.id, agent, "REPLIED", null, null, message.id.toString(), now);
        TicketStatus current = TicketStatus.valueOf(ticket.status);
        TicketStatus target = next.orElse(current == TicketStatus.NEW ? TicketStatus.OPEN : current);
        if (target != current) {
            changeStatus(ticket, target, agent, "Agent replied", now);
        }
        ticket.updatedAt = now;
        slaClocks.recompute(ticket, now);
        return new Written(message.id.toString(), ticket.id.toString(), ticket.status, requestId.toString());
    }

    @Transactional
    public Written note(String ticketIdOrNumber, String agent, String text) {
        Ticket ticket = lockedTicket(ticketIdOrNumber);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        TicketMessage message = outboundMessage(ticket, "INTERNAL_NOTE", ticket.channel,
                "note." + UUID.randomUUID(), agent, text, now);
        message.direction = "NOTE";
        outbox.append(EventEnvelope.of(new MessageAdded(UUID.randomUUID().toString(), now, ticket.id.toString(),
                ticket.number, Channel.valueOf(ticket.channel), ticket.conversationKey, null, message.id.toString(),
                "NOTE", new Participant(agent, agent), "Internal note"), InboundMessageService.SOURCE));
        TicketAuditEntry.record(ticket.id, agent, "NOTE_ADDED", null, null, message.id.toString(), now);
        ticket.updatedAt = now;
        return new Written(message.id.toString(), ticket.id.toString(), ticket.status, null);
    }

    /** Changes the given fields; each change is checked, audited and published. */
    @Transactional
    public void update(String ticketIdOrNumber, String agent, Optional<String> status, Optional<String> priority,
            Optional<String> assignee) {
        update(ticketIdOrNumber, agent, status, priority, assignee, Optional.empty());
    }

    /** Changes the given fields; each change is checked, audited and published. */
    @Transactional
    public void update(String ticketIdOrNumber, String agent, Optional<String> status, Optional<String> priority,
            Optional<String> assignee, Optional<String> contactReason) {
        Ticket ticket = lockedTicket(ticketIdOrNumber);
        contactReason.ifPresent(code -> {
            String value = code.isBlank() ? null : contactReasons.activeCode(code);
            if (!java.util.Objects.equals(value, ticket.contactReason)) {
                TicketAuditEntry.record(ticket.id, agent, "FIELD_CHANGED", "contactReason", ticket.contactReason,
                        value, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
                ticket.contactReason = value;
            }
        });
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Optional<TicketStatus> next = status.map(AgentActions::parseStatus);
        Optional<String> nextPriority = priority.map(p -> {
            String upper = p.strip().toUpperCase(Locale.ROOT);
            if (!PRIORITIES.contains(upper)) {
                throw new IllegalArgumentException("priority must be one of " + PRIORITIES.stream().sorted().toList()
                        + ", not '" + p + "'");
            }
            return upper;
        });
        next.ifPresent(target -> {
            if (!target.name().equals(ticket.status)) {
                changeStatus(ticket, target, agent, "Changed by " + agent, now);
            }
        });
        nextPriority.ifPresent(p -> {
            if (!p.equals(ticket.priority)) {
                TicketAuditEntry.record(ticket.id, agent, "FIELD_CHANGED", "priority", ticket.priority, p, now);
                ticket.priority = p;
            }
        });
        assignee.ifPresent(a -> {
            String value = a.isBlank() ? null : a.strip();
            if (!java.util.Objects.equals(value, ticket.assignee)) {
                TicketAuditEntry.record(ticket.id, agent, "FIELD_CHANGED", "assignee", ticket.assignee, value, now);
                ticket.assignee = value;
            }
        });
        ticket.updatedAt = now;
        slaClocks.recompute(ticket, now);
    }

    private void changeStatus(Ticket ticket, TicketStatus target, String actor, String reason, Instant now) {
        TicketStatus current = TicketStatus.valueOf(ticket.status);
        if (!current.canMoveTo(target)) {
            throw new TicketConflictException("Ticket #" + ticket.number + " cannot go from " + current + " to "
                    + target + "; allowed: " + current.allowedNext().stream().map(Enum::name).sorted().toList());
        }
        if (target == TicketStatus.SOLVED && ticket.contactReason == null && config.contactReasonRequiredToSolve()
                && contactReasons.anyActive()) {
            throw new TicketConflictException("Ticket #" + ticket.number + " needs a contact reason before it is "
                    + "solved; send contactReason with the change, one of " + contactReasons.activeCodes());
        }
        ticket.status = target.name();
        ticket.statusChangedAt = now;
        TicketAuditEntry.record(ticket.id, actor, "STATUS_CHANGED", "status", current.name(), target.name(), now);
        outbox.append(EventEnvelope.of(new TicketStatusChanged(UUID.randomUUID().toString(), now,
                ticket.id.toString(), ticket.number, Channel.valueOf(ticket.channel), ticket.conversationKey,
                current.name(), target.name(), actor, reason), InboundMessageService.SOURCE));
    }

    static TicketStatus parseStatus(String status) {
        try {
            return TicketStatus.valueOf(status.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be one of "
                    + java.util.Arrays.stream(TicketStatus.values()).map(Enum::name).toList() + ", not '" + status
                    + "'");
        }
    }

    private Participant recipientOf(Ticket ticket, Channel replyChannel) {
        String identityChannel = InboundMessageService.identityChannel(replyChannel);
        CustomerIdentity identity = CustomerIdentity.<CustomerIdentity>find(
                "customerId = ?1 and channel = ?2 order by createdAt", ticket.customerId, identityChannel)
                .firstResultOptional().orElseThrow(() -> new TicketConflictException("The customer of ticket #"
                        + ticket.number + " has no " + identityChannel + " identity to reply to"));
        Customer customer = Customer.findById(ticket.customerId);
        return new Participant(identity.address, customer == null ? null : customer.displayName);
    }

    private TicketMessage outboundMessage(Ticket ticket, String kind, String channel, String sourceMessageId,
            String agent, String text, Instant now) {
        TicketMessage message = new TicketMessage();
        message.id = UUID.randomUUID();
        message.ticketId = ticket.id;
        message.direction = "OUTBOUND";
        message.kind = kind;
        message.channel = channel;
        message.sourceMessageId = sourceMessageId;
        message.authorAddress = ticket.inboxAddress != null ? ticket.inboxAddress : config.defaultSupportAddress();
        message.authorName = agent;
        message.agentName = agent;
        message.subject = ticket.subject;
        message.textBody = text;
        message.newText = text;
        message.language = ticket.language;
        message.threadingReason = "Written by " + agent;
        message.receivedAt = now;
        message.createdAt = now;
        message.persist();
        return message;
    }

    private Ticket lockedTicket(String idOrNumber) {
        Optional<Ticket> ticket;
        if (idOrNumber.matches("\\d{1,18}")) {
            ticket = Ticket.<Ticket>find("number", Long.parseLong(idOrNumber)).withLock(LockModeType.PESSIMISTIC_WRITE)
                    .firstResultOptional();
        } else {
            try {
                ticket = Optional.ofNullable(Ticket.findById(UUID.fromString(idOrNumber),
                        LockModeType.PESSIMISTIC_WRITE));
            } catch (IllegalArgumentException e) {
                ticket = Optional.empty();
            }
        }
        return ticket.orElseThrow(() -> new NotFoundException("No ticket " + idOrNumber));
    }
}
