package io.tiski.ticket.service;

import io.tiski.events.v1.DeliveryReported;
import io.tiski.outbox.ProcessedEvents;
import io.tiski.ticket.repository.OutboundRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Records on the ticket what became of an acknowledgement or reply. */
@ApplicationScoped
public class DeliveryReportService {
    private static final Logger LOG = Logger.getLogger(DeliveryReportService.class);
    private final ProcessedEvents processedEvents;

    DeliveryReportService(ProcessedEvents processedEvents) {
        this.processedEvents = processedEvents;
    }

    @Transactional
    public void record(DeliveryReported report) {
        if (!processedEvents.firstDelivery("ticket-service.delivery-reports", report.eventId())) {
            return;
        }
        OutboundRequest request = OutboundRequest.findById(UUID.fromString(report.requestId()));
        if (request == null) {
            LOG.warnf("Delivery report %s for unknown request %s ignored", report.eventId(), report.requestId());
            return;
        }
        if ("BOUNCED".equals(request.status) && "SENT".equals(report.status())) {
            // the recipient's server accepted the mail and bounced it later: the bounce is the final word
            return;
        }
        request.status = report.status();
        request.statusReason = report.reason();
        if (report.providerMessageId() != null) {
            request.providerMessageId = report.providerMessageId();
        }
        request.reportedAt = report.occurredAt();
        // the open ticket in an agent's browser shows the new delivery state (TicketChangeFeed)
        io.tiski.ticket.repository.Ticket.update("updatedAt = ?1 where id = ?2", java.time.Instant.now(),
                request.ticketId);
    }
}
