package io.tiski.notification.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What the service did with one send request: SENDING, DEFERRED (the mail server put it off; it waits for its next
 * attempt), SENT, SKIPPED or FAILED.
 */
@Entity
@Table(name = "outbound_delivery")
public class OutboundDelivery extends PanacheEntityBase {
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String SKIPPED = "SKIPPED";
    public static final String FAILED = "FAILED";
    public static final String DEFERRED = "DEFERRED";

    @Id
    public String requestId;
    public String ticketId;
    public String kind;
    public String channel;
    public String recipient;
    public String messageId;
    public String status;
    public String reason;
    public int attempts;
    public Instant requestedAt;
    public Instant sentAt;
    public Instant updatedAt;
    /** When a deferred request is due again; set while the schedule owns the request (DeferredSends). */
    public Instant nextAttemptAt;
    /** When the mail server first put the request off. */
    public Instant deferredSince;
    /** The request as it was consumed, kept while it is deferred. */
    public byte[] request;

    public boolean isFinished() {
        return SENT.equals(status) || SKIPPED.equals(status) || FAILED.equals(status);
    }

    /** Deferred, or being tried again: the schedule sends it, not a redelivery of its Kafka record. */
    public boolean isScheduled() {
        return nextAttemptAt != null;
    }
}
