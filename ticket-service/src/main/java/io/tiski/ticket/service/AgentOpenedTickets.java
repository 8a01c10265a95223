package io.tiski.ticket.service;

import io.tiski.events.v1.Channel;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.ticket.repository.TicketMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tickets an agent opens for a customer who called or came to the shop. They go through the same path as every
 * channel's messages (customer identity, events, outbox), with the agent's note of the call as the first message.
 */
@ApplicationScoped
public class AgentOpenedTickets {
    private final InboundMessageService inbound;

    AgentOpenedTickets(InboundMessageService inbound) {
        this.inbound = inbound;
    }

    /** What the agent writes down. */
    public record Request(Channel channel, String customerEmail, String customerName, String subject, String note,
            String language, boolean confirmByEmail) {
    }

    @Transactional
    public String open(Request request, String agent) {
        if (request.channel() != Channel.PHONE && request.channel() != Channel.IN_PERSON) {
            throw new IllegalArgumentException("channel must be PHONE or IN_PERSON for a ticket an agent opens");
        }
        String sourceId = request.channel().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
                + UUID.randomUUID();
        InboundMessageReceived event = new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(),
                request.channel(), sourceId, request.channel().name().toLowerCase(java.util.Locale.ROOT) + ":"
                        + sourceId, null, new Participant(request.customerEmail().strip(), request.customerName()),
                List.of(), List.of(), request.subject().strip(), request.note().strip(), request.note().strip(), null,
                request.language(), SenderClassification.PERSON, null, List.of(), null,
                Map.of("openedBy", agent));
        inbound.receive(event, request.confirmByEmail());
        TicketMessage message = TicketMessage.<TicketMessage>find("channel = ?1 and sourceMessageId = ?2",
                request.channel().name(), sourceId).firstResult();
        message.kind = request.channel() == Channel.PHONE ? "CALL_NOTE" : "VISIT_NOTE";
        message.agentName = agent;
        message.threadingReason = "Opened by " + agent + " for a " + (request.channel() == Channel.PHONE
                ? "phone call" : "visit in the shop");
        return message.ticketId.toString();
    }
}
