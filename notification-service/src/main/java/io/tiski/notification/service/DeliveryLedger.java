package io.tiski.notification.service;

import io.tiski.events.v1.DeliveryReported;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.notification.config.NotificationConfig;
import io.tiski.notification.repository.DeliveryRecords;
import io.tiski.notification.repository.OutboundDelivery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tiski.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The record of every send request, written before and after the SMTP conversation (see
 * docs/adr/0003-exactly-once-outbound-mail.md): a request already SENT, SKIPPED or FAILED is never sent again;
 * one left SENDING by a crash is sent again with the same Message-ID, so the recipient's mail system and Tiski's
 * own threading see one message. A request the mail server put off waits here, DEFERRED, for its next attempt
 * ({@link DeferredSends}).
 */
@ApplicationScoped
public class DeliveryLedger {
    static final String SOURCE = "/tiski/notification-service";
    /** The status reported for a mail the server put off; it is tried again (DeliveryReported). */
    static final String DELAYED = "DELAYED";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DeliveryLedger.class);
    private final Outbox outbox;
    private final NotificationConfig config;
    private final DeliveryRecords records;
    private final LedgerCommits commits;

    DeliveryLedger(Outbox outbox, NotificationConfig config, DeliveryRecords records, LedgerCommits commits) {
        this.outbox = outbox;
        this.config = config;
        this.records = records;
        this.commits = commits;
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
        java.util.List<String> addresses = erased.identities().stream()
                .map(i -> i.address().toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        // a put-off mail to them (waiting, or in an attempt right now) is not sent any more, and the copy of it
        // kept for the next attempt goes; an attempt under way still records SENT if the server took the mail
        int deliveries = addresses.isEmpty() ? 0 : OutboundDelivery.update("recipient = '[erased]', reason = null, "
                + "request = null, nextAttemptAt = null, status = case when status = 'DEFERRED' or request is not "
                + "null then 'FAILED' else status end where lower(recipient) in ?1", addresses);
        int events = outbox.forget(erased.needles());
        LOG.infof("Forgot customer %s: %d deliveries, %d outbox events", erased.customerId(), deliveries, events);
        return deliveries;
    }

    /**
     * Records that the request is being sent, or says why not: a new request is written as SENDING (or SKIPPED,
     * over its recipient's acknowledgement budget, counted by the same statement); one already known is locked and
     * sent again only when it is not finished (a crash left it SENDING). Committed before it returns, possibly
     * together with other sends' records ({@link LedgerCommits}).
     */
    public Decision begin(OutboundMessageRequested request, String messageId) {
        return commits.write(() -> beginning(request, messageId));
    }

    private Decision beginning(OutboundMessageRequested request, String messageId) {
        Instant now = Instant.now();
        OutboundDelivery delivery = new OutboundDelivery();
        delivery.requestId = request.eventId();
        delivery.ticketId = request.ticketId();
        delivery.kind = request.kind().name();
        delivery.channel = request.channel().name();
        delivery.recipient = request.recipient().address();
        delivery.messageId = messageId;
        delivery.attempts = 1;
        delivery.requestedAt = request.occurredAt() == null ? now : request.occurredAt();
        delivery.updatedAt = now;
        delivery.status = OutboundDelivery.SENDING;
        boolean recorded;
        if (request.kind() == OutboundKind.ACKNOWLEDGEMENT) {
            // at most N acknowledgements per address per window: no loop with another auto-responder can grow
            Optional<DeliveryRecords.Recorded> written = records.insertAcknowledgementIfNew(delivery,
                    config.acknowledgementBudget(), now.minus(config.acknowledgementWindow()),
                    config.acknowledgementWindow().toString());
            written.ifPresent(row -> {
                delivery.status = row.status();
                delivery.reason = row.reason();
            });
            recorded = written.isPresent();
        } else {
            recorded = records.insertIfNew(delivery);
        }
        if (recorded) {
            if (OutboundDelivery.SKIPPED.equals(delivery.status)) {
                report(request, delivery.status, delivery.messageId, delivery.reason, now);
                return new Decision(false, delivery);
            }
            return new Decision(true, delivery);
        }
        OutboundDelivery known = OutboundDelivery.findById(request.eventId(), LockModeType.PESSIMISTIC_WRITE);
        if (known.isFinished() || known.isScheduled()) {
            return new Decision(false, known); // done, or deferred: DeferredSends tries it again when it is due
        }
        known.attempts++;
        known.updatedAt = now;
        return new Decision(true, known);
    }

    /** The mail server accepted the mail; committed before it returns, like {@link #begin}. */
    public void sent(OutboundMessageRequested request) {
        finish(request, OutboundDelivery.SENT, null);
    }

    /** The mail server refused the mail for good. */
    public void failed(OutboundMessageRequested request, String reason) {
        finish(request, OutboundDelivery.FAILED, reason);
    }

    /**
     * The mail server put the request off: it waits in the ledger until {@code nextAttemptAt}, and its Kafka record
     * is done with. The first time, the ticket hears that the mail is delayed, and why.
     *
     * @param firstTime whether this is the request's first deferral (its attempt came from Kafka, not the schedule)
     * @param unreachableServer the server the attempt could not reach, or null when the server answered
     * @return false when the request is no longer kept (its customer was erased meanwhile)
     */
    public boolean deferred(OutboundMessageRequested request, String reason, Instant nextAttemptAt,
            boolean firstTime, String unreachableServer) {
        byte[] kept = firstTime ? io.tiski.events.v1.EventJson.write(request) : null;
        return commits.write(() -> {
            Instant now = Instant.now();
            Optional<DeliveryRecords.Finished> deferred = records.defer(request.eventId(), reason, nextAttemptAt,
                    kept, unreachableServer, now);
            if (deferred.isPresent() && firstTime) {
                report(request, DELAYED, deferred.get().messageId(), reason, now);
            }
            return deferred.isPresent();
        });
    }

    /**
     * Deferred requests due now, taken for another attempt (see {@link DeliveryRecords#claimDue}); in a transaction
     * of its own, not queued behind the sends' records.
     */
    public java.util.List<DeliveryRecords.Due> takeDue(Instant abandonedAfter, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> records.claimDue(Instant.now(), abandonedAfter, limit));
    }

    /**
     * The server accepted a mail again: what was deferred because it could not be reached is due now. In a
     * transaction of its own: after an outage it updates thousands of rows, which would hold up every send whose
     * record shared the commit.
     */
    public int reachable(String server) {
        return QuarkusTransaction.requiringNew().call(() -> records.dueNowFor(server, Instant.now()));
    }

    /** The servers deferred requests wait for because they could not be reached (by any instance). */
    public java.util.Set<String> unreachableServers() {
        return QuarkusTransaction.requiringNew().call(records::unreachableServers);
    }

    /** Requests deferred or in another attempt. */
    public long scheduled() {
        return QuarkusTransaction.requiringNew().call(records::scheduled);
    }

    /** The request cannot be sent by this version. */
    public void skipped(OutboundMessageRequested request, String reason) {
        finish(request, OutboundDelivery.SKIPPED, reason);
    }

    /**
     * The request's last state, in one statement (it is SENDING, recorded by this process's {@link #begin}, whose
     * row lock the send does not need: a second attempt at the same request waits in {@code begin}), and the report
     * of it through the outbox.
     */
    private void finish(OutboundMessageRequested request, String status, String reason) {
        commits.write(() -> {
            Instant now = Instant.now();
            DeliveryRecords.Finished finished = records.finish(request.eventId(), status, reason, now).orElseThrow(
                    () -> new IllegalStateException("request " + request.eventId() + " was never begun; it cannot be "
                            + status));
            report(request, status, finished.messageId(), reason, now);
            return finished;
        });
    }

    private void report(OutboundMessageRequested request, String status, String messageId, String reason,
            Instant now) {
        outbox.append(EventEnvelope.of(new DeliveryReported(UUID.randomUUID().toString(), now, request.eventId(),
                request.ticketId(), request.ticketNumber(), request.channel(), request.conversationKey(),
                request.kind(), status, messageId, reason), SOURCE));
    }
}
