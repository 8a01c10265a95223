package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One message of a ticket's conversation: the customer's, an agent's, or Tiski's own acknowledgement. */
@Entity
@Table(name = "ticket_message")
public class TicketMessage extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID ticketId;
    public String direction;
    public String kind;
    public String channel;
    public String sourceMessageId;
    public String authorAddress;
    public String authorName;
    public String subject;
    public String textBody;
    public String newText;
    public String htmlBody;
    public String language;
    public String classification;
    public String threadingReason;
    /** The agent who wrote an outbound message or note. */
    public String agentName;
    /** SHA-256 of the raw original in the object store, if the channel kept one. */
    public String rawReference;
    /** Maintained by the database (a trigger) for full-text search; never written from here. */
    @jakarta.persistence.Column(name = "search_vector", insertable = false, updatable = false)
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.OTHER)
    public Object searchVector;
    public Instant receivedAt;
    public Instant createdAt;
}
