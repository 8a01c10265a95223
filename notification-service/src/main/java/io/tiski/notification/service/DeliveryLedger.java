package io.tiski.notification.service;

import io.tiski.events.v1.DeliveryReported;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.notification.config.NotificationConfig;
import io.tiski.notification.repository.OutboundDelivery;
import io.tiski.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The record of every send request, written before and after the SMTP conversation (see
 * docs/adr/0003-exactly-once-outbound-mail.md): a request already SENT, SKIPPED or FAILED is never sent again;
 * one left SENDING by a crash is sent again with the same Message-ID, so the recipient's mail system and Tiski's
 * own threading see one message.
 */
@ApplicationScoped
public class DeliveryLedger {
    static final String SOURCE = "/tiski/notification-service";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DeliveryLedger.class);
    private final Outbox outbox;
    private final NotificationConfig config;

    DeliveryLedger(Outbox outbox, NotificationConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** What to do with a request now. */
    public record Decision(boolean send, OutboundDelivery delivery) {
    }

    /**
     * Forgets an erased customer: deliveries to their addresses keep their state for the counts, without the
     * address or the server's words about it; events naming them leave the outbox. Repeating it changes nothing.
     */
    @Transactional
    public int forget(io.tiski.events.v1.CustomerErased erased) {
        java.util.List<String> addresses = erased.identities().stream().map(i -> i.address().toLowerCase(java.util.Locale.ROOT))
                .distinct().toList();
        int deliveries = addresses.isEmpty() ? 0 : OutboundDelivery.update("recipient = '[erased]', reason = null "
                + "where lower(recipient) in ?1", addresses);
        int events = outbox.forget(erased.needles());
        LOG.infof("Forgot customer %s: %d deliveries, %d outbox events", erased.customerId(), deliveries, events);
        return deliveries;
    }

    @Transactional
    public Decision begin(OutboundMessageRequested request, String messageId) {
        OutboundDelivery delivery = OutboundDelivery.findById(request.eventId(), LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        if (delivery != null) {
            if (delivery.isFinished()) {
                return new Decision(false, delivery);
            }
            delivery.attempts++;
            delivery.updatedAt = now;
            return new Decision(true, delivery);
        }
        delivery = new OutboundDelivery();
        delivery.requestId = request.eventId();
        delivery.ticketId = request.ticketId();
        delivery.kind = request.kind().name();
        delivery.channel = request.channel().name();
        delivery.recipient = request.recipient().address();
        delivery.messageId = messageId;
        delivery.status = OutboundDelivery.SENDING;
        delivery.attempts = 1;
        delivery.requestedAt = request.occurredAt() == null ? now : request.occurredAt();
        delivery.updatedAt = now;
        delivery.persist();
        Optional<String> overBudget = request.kind() == OutboundKind.ACKNOWLEDGEMENT ? overBudget(request, now)
                : Optional.empty();
        if (overBudget.isPresent()) {
            finish(delivery, request, OutboundDelivery.SKIPPED, overBudget.get(), now);
            return new Decision(false, delivery);
        }
        return new Decision(true, delivery);
    }

    /** At most N acknowledgements per address per window: no loop with another auto-responder can grow. */
    private Optional<String> overBudget(OutboundMessageRequested request, Instant now) {
        // a plain query: Panache's count is translated to SQL anew on every call (a quarter of this service's CPU)
        long recent = OutboundDelivery.getEntityManager().createQuery("select count(d) from OutboundDelivery d where "
                + "lower(d.recipient) = :recipient and d.kind = :kind and d.status = :status and d.requestedAt > :since",
                Long.class).setParameter("recipient", request.recipient().address().toLowerCase(Locale.ROOT))
                .setParameter("kind", OutboundKind.ACKNOWLEDGEMENT.name()).setParameter("status", OutboundDelivery.SENT)
                .setParameter("since", now.minus(config.acknowledgementWindow())).getSingleResult();
        if (recent >= config.acknowledgementBudget()) {
            return Optional.of(request.recipient().address() + " already got " + recent
                    + " acknowledgements within " + config.acknowledgementWindow() + " (budget "
                    + config.acknowledgementBudget() + ")");
        }
        return Optional.empty();
    }

    @Transactional
    public void sent(OutboundMessageRequested request) {
        OutboundDelivery delivery = OutboundDelivery.findById(request.eventId(), LockModeType.PESSIMISTIC_WRITE);
        finish(delivery, request, OutboundDelivery.SENT, null, Instant.now());
    }

    @Transactional
    public void failed(OutboundMessageRequested request, String reason) {
        OutboundDelivery delivery = OutboundDelivery.findById(request.eventId(), LockModeType.PESSIMISTIC_WRITE);
        finish(delivery, request, OutboundDelivery.FAILED, reason, Instant.now());
    }

    @Transactional
    public void skipped(OutboundMessageRequested request, String reason) {
        OutboundDelivery delivery = OutboundDelivery.findById(request.eventId(), LockModeType.PESSIMISTIC_WRITE);
        finish(delivery, request, OutboundDelivery.SKIPPED, reason, Instant.now());
    }

    private void finish(OutboundDelivery delivery, OutboundMessageRequested request, String status, String reason,
            Instant now) {
        delivery.status = status;
        delivery.reason = reason;
        delivery.updatedAt = now;
        if (OutboundDelivery.SENT.equals(status)) {
            delivery.sentAt = now;
        }
        outbox.append(EventEnvelope.of(new DeliveryReported(UUID.randomUUID().toString(), now, request.eventId(),
                request.ticketId(), request.ticketNumber(), request.channel(), request.conversationKey(),
                request.kind(), status, delivery.messageId, reason), SOURCE));
    }
}
