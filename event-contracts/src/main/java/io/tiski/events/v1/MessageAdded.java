package io.tiski.events.v1;

import java.time.Instant;

/**
 * A message joined a ticket: from the customer (INBOUND), from an agent (OUTBOUND), or an internal NOTE.
 */
public record MessageAdded(String eventId, Instant occurredAt, String ticketId, long ticketNumber, Channel channel,
        String conversationKey, String sourceMessageId, String messageId, String direction, Participant author,
        String threadingReason) implements TicketEvent {
    public static final String TYPE = "io.tiski.ticket.message-added.v1";
}
