package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** An attachment of a message, kept in the object store under its SHA-256; or listed with why it was left out. */
@Entity
@Table(name = "ticket_attachment")
public class TicketAttachment extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID messageId;
    public String sha256;
    public String fileName;
    public String mediaType;
    public long size;
    public String contentId;
    public boolean inlinePart;
    public String omittedReason;
}
