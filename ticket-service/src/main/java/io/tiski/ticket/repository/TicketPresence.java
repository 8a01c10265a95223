package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** An agent viewing or composing on a ticket, until it expires. */
@Entity
@Table(name = "ticket_presence")
public class TicketPresence extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    public String activity;
    public Instant expiresAt;

    @Embeddable
    public static class Key implements Serializable {
        public UUID ticketId;
        public String agent;

        public Key() {
        }

        public Key(UUID ticketId, String agent) {
            this.ticketId = ticketId;
            this.agent = agent;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.ticketId.equals(ticketId) && k.agent.equals(agent);
        }

        @Override
        public int hashCode() {
            return ticketId.hashCode() * 31 + agent.hashCode();
        }
    }
}
