package io.tiski.emailingest.messaging;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tiski.emailingest.service.CustomerErasures;
import io.tiski.events.v1.CustomerErased;
import io.tiski.events.v1.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets customers ticket-service erased; failures retry, then go to the dead-letter topic. */
@ApplicationScoped
public class CustomerErasureConsumer {
    private final CustomerErasures erasures;

    CustomerErasureConsumer(CustomerErasures erasures) {
        this.erasures = erasures;
    }

    @Incoming("privacy-events")
    @Blocking
    @Retry(maxRetries = 10, delay = 500, abortOn = EventJson.MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void receive(ConsumerRecord<String, byte[]> record) {
        erasures.forget(EventJson.read(record.value(), CustomerErased.class));
    }
}
