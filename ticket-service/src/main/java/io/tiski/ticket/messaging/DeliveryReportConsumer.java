package io.tiski.ticket.messaging;

import io.smallrye.common.annotation.Blocking;
import io.tiski.events.v1.DeliveryReported;
import io.tiski.events.v1.EventJson;
import io.tiski.ticket.service.DeliveryReportService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes what became of acknowledgements and replies, to show it on the ticket: a poll's reports in one
 * transaction, as {@link RecordBatches} applies them (a database outage is waited out, so no report is
 * dead-lettered for it and no delivery stays shown as requested).
 */
@ApplicationScoped
public class DeliveryReportConsumer {
    private final DeliveryReportService service;
    private final RecordBatches batches;

    DeliveryReportConsumer(DeliveryReportService service, RecordBatches batches) {
        this.service = service;
        this.batches = batches;
    }

    @Incoming("delivery-reports")
    @Blocking
    public void receive(ConsumerRecords<String, byte[]> records) {
        batches.apply("delivery reports", records, DeliveryReportConsumer::read, service::recordAll,
                service::record);
    }

    static DeliveryReported read(ConsumerRecord<String, byte[]> record) {
        DeliveryReported report = RecordBatches.readEvent(record, DeliveryReported.TYPE, DeliveryReported.class);
        if (report.eventId() == null || report.requestId() == null || report.status() == null) {
            throw new EventJson.MalformedEventException("DeliveryReported lacks eventId, requestId or status", null);
        }
        try {
            java.util.UUID.fromString(report.requestId());
        } catch (IllegalArgumentException e) {
            throw new EventJson.MalformedEventException("DeliveryReported names request " + report.requestId()
                    + ", which is not a request id", e);
        }
        return report;
    }
}
