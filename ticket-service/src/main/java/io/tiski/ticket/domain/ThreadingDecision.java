package io.tiski.ticket.domain;

import java.util.Optional;

/**
 * Where a message goes: into an existing ticket, or into a new one (possibly linked to a closed predecessor), with
 * a sentence an agent can read that says why.
 */
public record ThreadingDecision(Optional<KnownTicket> existing, Optional<TicketId> linkedPredecessor, String reason) {
    public static ThreadingDecision join(KnownTicket ticket, String reason) {
        return new ThreadingDecision(Optional.of(ticket), Optional.empty(), reason);
    }

    public static ThreadingDecision newTicket(String reason) {
        return new ThreadingDecision(Optional.empty(), Optional.empty(), reason);
    }

    public static ThreadingDecision newTicketAfterClosed(KnownTicket closed, String reason) {
        return new ThreadingDecision(Optional.empty(), Optional.of(closed.id()), reason);
    }

    public boolean opensNewTicket() {
        return existing.isEmpty();
    }
}
