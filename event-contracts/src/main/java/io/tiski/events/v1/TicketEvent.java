package io.tiski.events.v1;

import java.time.Instant;

/**
 * A change of a ticket, published by ticket-service through its outbox. Kafka key: the ticket id.
 * One topic carries all kinds; the CloudEvents type tells them apart.
 */
public sealed interface TicketEvent permits TicketCreated, MessageAdded, TicketStatusChanged {
    String eventId();

    Instant occurredAt();

    String ticketId();

    long ticketNumber();

    Channel channel();

    String conversationKey();
}
