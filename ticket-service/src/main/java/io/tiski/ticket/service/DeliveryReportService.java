package io.tiski.ticket.service;

import io.opentelemetry.context.Scope;
import io.tiski.events.v1.DeliveryReported;
import io.tiski.outbox.ProcessedEvents;
import io.tiski.ticket.repository.OutboundRequest;
import io.tiski.ticket.repository.Ticket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;

/** Records on the ticket what became of an acknowledgement or reply, exactly once per report. */
@ApplicationScoped
public class DeliveryReportService {
    private static final Logger LOG = Logger.getLogger(DeliveryReportService.class);
    private static final String CONSUMER = "ticket-service.delivery-reports";
    private final ProcessedEvents processedEvents;

    DeliveryReportService(ProcessedEvents processedEvents) {
        this.processedEvents = processedEvents;
    }

    @Transactional
    public void record(DeliveryReported report) {
        apply(report).ifPresent(ticketId -> touch(Set.of(ticketId)));
    }

    /**
     * Reports in one transaction, in their order (a later report of the same request has the last word), then
     * {@code alsoInTransaction}; {@code traceOf} gives the i-th report's trace, current while it is applied.
     */
    @Transactional
    public void recordAll(List<DeliveryReported> reports, IntFunction<Scope> traceOf, Runnable alsoInTransaction) {
        Set<UUID> tickets = new LinkedHashSet<>();
        for (int i = 0; i < reports.size(); i++) {
            try (Scope trace = traceOf.apply(i)) {
                apply(reports.get(i)).ifPresent(tickets::add);
            }
        }
        touch(tickets);
        alsoInTransaction.run();
    }

    /** The ticket whose delivery changed, if one did. */
    private java.util.Optional<UUID> apply(DeliveryReported report) {
        if (!processedEvents.firstDelivery(CONSUMER, report.eventId())) {
            return java.util.Optional.empty();
        }
        OutboundRequest request = OutboundRequest.findById(UUID.fromString(report.requestId()));
        if (request == null) {
            LOG.warnf("Delivery report %s for unknown request %s ignored", report.eventId(), report.requestId());
            return java.util.Optional.empty();
        }
        if ("BOUNCED".equals(request.status) && "SENT".equals(report.status())) {
            // the recipient's server accepted the mail and bounced it later: the bounce is the final word
            return java.util.Optional.empty();
        }
        request.status = report.status();
        request.statusReason = report.reason();
        if (report.providerMessageId() != null) {
            request.providerMessageId = report.providerMessageId();
        }
        request.reportedAt = report.occurredAt();
        return java.util.Optional.of(request.ticketId);
    }

    /** The open ticket in an agent's browser shows the new delivery state (TicketChangeFeed). */
    private static void touch(Set<UUID> tickets) {
        if (!tickets.isEmpty()) {
            Ticket.update("updatedAt = ?1 where id in ?2", Instant.now(), List.copyOf(tickets));
        }
    }
}
