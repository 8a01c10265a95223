package io.tiski.ticket.service;

import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketPresence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who is viewing or composing a reply on a ticket. The UI reports every few seconds; a report expires after
 * {@link #TTL}, so an agent who closed the tab disappears by itself.
 */
@ApplicationScoped
public class Collisions {
    public static final Duration TTL = Duration.ofSeconds(45);

    /** One agent's activity on a ticket. */
    public record Presence(String agent, String activity, Instant until) {
    }

    @Transactional
    public List<Presence> report(UUID ticketId, String agent, String activity) {
        if (!activity.equals("VIEWING") && !activity.equals("COMPOSING")) {
            throw new IllegalArgumentException("activity must be VIEWING or COMPOSING, not '" + activity + "'");
        }
        if (Ticket.findById(ticketId) == null) {
            throw new NotFoundException("No ticket " + ticketId);
        }
        Instant now = Instant.now();
        TicketPresence presence = TicketPresence.findById(new TicketPresence.Key(ticketId, agent));
        if (presence == null) {
            presence = new TicketPresence();
            presence.key = new TicketPresence.Key(ticketId, agent);
            presence.activity = activity;
            presence.expiresAt = now.plus(TTL);
            presence.persist();
        } else {
            presence.activity = activity;
            presence.expiresAt = now.plus(TTL);
        }
        TicketPresence.delete("expiresAt < ?1", now);
        return others(ticketId, agent);
    }

    @Transactional
    public void leave(UUID ticketId, String agent) {
        TicketPresence.deleteById(new TicketPresence.Key(ticketId, agent));
    }

    /** Everyone else active on the ticket right now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Presence> others(UUID ticketId, String agent) {
        return TicketPresence.<TicketPresence>find("key.ticketId = ?1 and key.agent <> ?2 and expiresAt > ?3 "
                + "order by key.agent", ticketId, agent, Instant.now()).list().stream()
                .map(p -> new Presence(p.key.agent, p.activity, p.expiresAt)).toList();
    }
}
