package io.tiski.ticket.domain;

import java.util.UUID;

/** The stable identity of a ticket (the number is for people, the id for systems). */
public record TicketId(UUID value) {
    public TicketId {
        if (value == null) {
            throw new IllegalArgumentException("a ticket id needs a value");
        }
    }

    public static TicketId of(String text) {
        return new TicketId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
