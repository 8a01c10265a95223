package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** An agent following a ticket (written through TicketLabels; mapped for the inbox's filters). */
@Entity
@Table(name = "ticket_follower")
@IdClass(TicketFollower.Key.class)
public class TicketFollower extends PanacheEntityBase {
    @Id
    public UUID ticketId;
    @Id
    public String agent;
    public java.time.Instant createdAt;

    /** The composite key. */
    public static class Key implements Serializable {
        public UUID ticketId;
        public String agent;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.ticketId, ticketId) && Objects.equals(k.agent, agent);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ticketId, agent);
        }
    }
}
