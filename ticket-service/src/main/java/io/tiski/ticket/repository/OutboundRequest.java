package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Something Tiski asked to send to a customer, and what became of it (REQUESTED, SENT, SKIPPED, FAILED). */
@Entity
@Table(name = "outbound_request")
public class OutboundRequest extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID ticketId;
    public String kind;
    public String channel;
    public String recipient;
    public String providerMessageId;
    public String status;
    public String statusReason;
    public Instant requestedAt;
    public Instant reportedAt;

    /** Records a new request, REQUESTED until the sender reports on it. */
    public static OutboundRequest requested(UUID id, UUID ticketId, String kind, String channel, String recipient,
            String providerMessageId, Instant at) {
        OutboundRequest request = new OutboundRequest();
        request.id = id;
        request.ticketId = ticketId;
        request.kind = kind;
        request.channel = channel;
        request.recipient = recipient;
        request.providerMessageId = providerMessageId;
        request.status = "REQUESTED";
        request.requestedAt = at;
        request.persist();
        return request;
    }
}
