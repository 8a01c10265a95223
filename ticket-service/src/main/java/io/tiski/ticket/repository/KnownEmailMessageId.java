package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An email Message-ID Tiski received or sent, and the ticket it belongs to. */
@Entity
@Table(name = "email_message_id")
public class KnownEmailMessageId extends PanacheEntityBase {
    @Id
    public String messageId;
    public UUID ticketId;
    public UUID ticketMessageId;
    /** CUSTOMER, ACKNOWLEDGEMENT, AGENT_REPLY */
    public String origin;
    public Instant createdAt;
}
