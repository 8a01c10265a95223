package io.tiski.events.v1;

import java.time.Instant;

/** A new ticket was opened; {@code sourceMessageId} is the channel's id of the message that opened it. */
public record TicketCreated(String eventId, Instant occurredAt, String ticketId, long ticketNumber, Channel channel,
        String conversationKey, String sourceMessageId, String subject, String status, String priority,
        String type, Participant customer, String customerId, String threadingReason) implements TicketEvent {
    public static final String TYPE = "io.tiski.ticket.created.v1";
}
