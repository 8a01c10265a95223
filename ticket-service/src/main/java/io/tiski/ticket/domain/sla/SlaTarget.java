package io.tiski.ticket.domain.sla;

/** What an SLA promises: a first answer, an answer to every further customer message, and a resolution. */
public enum SlaTarget {
    /** From the customer's first message to the first public reply of an agent. */
    FIRST_RESPONSE,
    /** From each customer message that is waiting for an answer to the agent's next public reply. */
    NEXT_RESPONSE,
    /** From the ticket's creation until it is solved; a reopen continues the same clock. */
    RESOLUTION
}
