package io.tiski.notification.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.notification.service.EmailSender;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes send requests. A temporary failure (SMTP unreachable, 4xx) is retried with backoff for several
 * minutes; after that the request goes to the dead-letter topic, from where an operator replays it.
 * Unordered blocking: the mailer must not run on the ordered worker it also needs (see PLATFORM notes).
 */
@ApplicationScoped
public class OutboundMessageConsumer {
    private final EmailSender sender;

    OutboundMessageConsumer(EmailSender sender) {
        this.sender = sender;
    }

    @Incoming("outbound-messages")
    @Blocking(ordered = false)
    @Retry(maxRetries = 12, delay = 500, maxDuration = 600_000, abortOn = {EventJson.MalformedEventException.class,
            IllegalArgumentException.class})
    @ExponentialBackoff(maxDelay = 60_000)
    public void receive(ConsumerRecord<String, byte[]> record) {
        sender.handle(EventJson.read(record.value(), OutboundMessageRequested.class));
    }
}
