package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** A custom field's value on a ticket (written through TicketLabels; mapped for the inbox's filters). */
@Entity
@Table(name = "ticket_field_value")
@IdClass(TicketFieldValue.Key.class)
public class TicketFieldValue extends PanacheEntityBase {
    @Id
    public UUID ticketId;
    @Id
    public String fieldKey;
    public String textValue;
    public BigDecimal numberValue;
    public LocalDate dateValue;

    /** The composite key. */
    public static class Key implements Serializable {
        public UUID ticketId;
        public String fieldKey;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.ticketId, ticketId) && Objects.equals(k.fieldKey, fieldKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ticketId, fieldKey);
        }
    }
}
