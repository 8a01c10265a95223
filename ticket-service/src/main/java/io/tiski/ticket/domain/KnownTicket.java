package io.tiski.ticket.domain;

import java.time.Instant;
import java.util.Set;

/** A ticket as threading sees it: who may write to it and whether it is still open to follow-ups. */
public record KnownTicket(TicketId id, long number, TicketStatus status, Instant statusChangedAt,
        Set<String> participantAddresses) {
    public boolean hasParticipant(String address) {
        return participantAddresses.contains(address);
    }
}
