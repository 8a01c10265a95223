package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A tag on a ticket (written through TicketLabels; mapped for the inbox's filters). */
@Entity
@Table(name = "ticket_tag")
@IdClass(TicketTag.Key.class)
public class TicketTag extends PanacheEntityBase {
    @Id
    public UUID ticketId;
    @Id
    public String tag;

    /** The composite key. */
    public static class Key implements Serializable {
        public UUID ticketId;
        public String tag;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.ticketId, ticketId) && Objects.equals(k.tag, tag);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ticketId, tag);
        }
    }
}
