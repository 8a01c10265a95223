package io.tiski.notification.messaging;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tiski.events.v1.CustomerErased;
import io.tiski.events.v1.EventJson;
import io.tiski.notification.service.DeliveryLedger;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets customers ticket-service erased (idempotent: forgetting twice changes nothing). */
@ApplicationScoped
public class CustomerErasureConsumer {
    private final DeliveryLedger ledger;

    CustomerErasureConsumer(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    @Incoming("privacy-events")
    @Blocking
    @Retry(maxRetries = 10, delay = 500, abortOn = EventJson.MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void receive(ConsumerRecord<String, byte[]> record) {
        ledger.forget(EventJson.read(record.value(), CustomerErased.class));
    }
}
