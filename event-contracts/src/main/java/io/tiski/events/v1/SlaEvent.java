package io.tiski.events.v1;

import java.time.Instant;

/**
 * An SLA clock of a ticket came close to or passed its due time; published by ticket-service through its outbox,
 * exactly once per clock cycle and kind. Kafka key: the ticket id.
 */
public sealed interface SlaEvent permits SlaWarning, SlaBreached {
    String eventId();

    Instant occurredAt();

    String ticketId();

    long ticketNumber();

    Channel channel();

    String conversationKey();

    /** FIRST_RESPONSE, NEXT_RESPONSE or RESOLUTION. */
    String target();

    /** 1 for first response and resolution; the n-th waiting customer message for next response. */
    int cycle();

    Instant dueAt();
}
