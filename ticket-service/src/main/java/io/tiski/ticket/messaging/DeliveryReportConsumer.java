package io.tiski.ticket.messaging;

import io.smallrye.common.annotation.Blocking;
import io.tiski.events.v1.DeliveryReported;
import io.tiski.events.v1.EventJson;
import io.tiski.ticket.service.DeliveryReportService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes what became of acknowledgements and replies, to show it on the ticket. */
@ApplicationScoped
public class DeliveryReportConsumer {
    private final DeliveryReportService service;

    DeliveryReportConsumer(DeliveryReportService service) {
        this.service = service;
    }

    @Incoming("delivery-reports")
    @Blocking
    // long enough to outlast a database restart or failover: a report dead-lettered for an outage would leave the
    // delivery shown as requested until an operator replays it
    @Retry(maxRetries = 12, delay = 200, maxDuration = 600_000, abortOn = EventJson.MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void receive(ConsumerRecord<String, byte[]> record) {
        service.record(EventJson.read(record.value(), DeliveryReported.class));
    }
}
