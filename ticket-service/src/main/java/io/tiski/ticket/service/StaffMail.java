package io.tiski.ticket.service;

import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.OutboundEmail;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Participant;
import io.tiski.outbox.Outbox;
import io.tiski.ticket.config.TicketConfig;
import io.tiski.ticket.repository.OutboundRequest;
import io.tiski.ticket.repository.Ticket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Asks for a mail to a member of staff about a ticket (automatic, in English), through the outbox. */
@ApplicationScoped
public class StaffMail {
    private final Outbox outbox;
    private final TicketConfig config;

    StaffMail(Outbox outbox, TicketConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * @param origin who asks, e.g. "sla" or "assignment": the request's agent name and its Message-ID's prefix
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void request(Ticket ticket, String address, String subject, String text, String origin, Instant now) {
        UUID requestId = UUID.randomUUID();
        String support = ticket.inboxAddress != null ? ticket.inboxAddress : config.defaultSupportAddress();
        String messageId = origin + "." + requestId + "@" + config.messageIdDomain();
        OutboundRequest.requested(requestId, ticket.id, OutboundKind.NOTIFICATION.name(), Channel.EMAIL.name(),
                address, messageId, now);
        outbox.append(EventEnvelope.of(new OutboundMessageRequested(requestId.toString(), now, ticket.id.toString(),
                ticket.number, Channel.EMAIL, ticket.conversationKey, OutboundKind.NOTIFICATION,
                new Participant(address, null), "en", subject, text, null, origin,
                new OutboundEmail(messageId, null, List.of(), support, support), List.of()).withBrand(ticket.brand),
                InboundMessageService.SOURCE));
    }
}
