package io.tiski.ticket.service;

import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.security.TicketScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.NotFoundException;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds the ticket an agent names by id or number ({@code 1042} or {@code #1042}), only if the agent may see it: a
 * ticket outside the agent's teams is answered exactly like one that does not exist.
 */
@ApplicationScoped
public class TicketLookup {
    private final TicketScope scope;

    TicketLookup(TicketScope scope) {
        this.scope = scope;
    }

    public Optional<Ticket> visible(String idOrNumber) {
        return find(idOrNumber, LockModeType.NONE).filter(scope::canSee);
    }

    /** The visible ticket, locked for the rest of the transaction. */
    public Ticket locked(String idOrNumber) {
        return find(idOrNumber, LockModeType.PESSIMISTIC_WRITE).filter(scope::canSee)
                .orElseThrow(() -> new NotFoundException("No ticket " + idOrNumber));
    }

    public Ticket required(String idOrNumber) {
        return visible(idOrNumber).orElseThrow(() -> new NotFoundException("No ticket " + idOrNumber));
    }

    private static Optional<Ticket> find(String idOrNumber, LockModeType lock) {
        if (idOrNumber == null || idOrNumber.isBlank()) {
            return Optional.empty();
        }
        String text = idOrNumber.strip();
        if (text.matches("#?\\d{1,18}")) {
            return Ticket.<Ticket>find("number", Long.parseLong(text.replace("#", ""))).withLock(lock)
                    .firstResultOptional();
        }
        UUID id;
        try {
            id = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(Ticket.findById(id, lock));
    }
}
