package io.tiski.events.v1;

import java.time.Instant;

/** The status of a ticket changed, e.g. NEW → OPEN when a follow-up arrives, SOLVED → OPEN on a reopen. */
public record TicketStatusChanged(String eventId, Instant occurredAt, String ticketId, long ticketNumber,
        Channel channel, String conversationKey, String fromStatus, String toStatus, String changedBy,
        String reason) implements TicketEvent {
    public static final String TYPE = "io.tiski.ticket.status-changed.v1";
}
