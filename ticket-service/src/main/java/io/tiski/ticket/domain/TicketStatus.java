package io.tiski.ticket.domain;

import java.util.EnumSet;
import java.util.Set;

/** Where a ticket stands, and which moves are allowed from there. */
public enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED;

    public Set<TicketStatus> allowedNext() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, PENDING, ON_HOLD, SOLVED);
            case OPEN -> EnumSet.of(PENDING, ON_HOLD, SOLVED);
            case PENDING, ON_HOLD -> EnumSet.of(OPEN, SOLVED);
            case SOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    public boolean canMoveTo(TicketStatus next) {
        return allowedNext().contains(next);
    }

    /** The status after the customer writes again: waiting and solved tickets come back to the agents. */
    public TicketStatus afterCustomerMessage() {
        return switch (this) {
            case PENDING, SOLVED, ON_HOLD -> OPEN;
            default -> this;
        };
    }
}
