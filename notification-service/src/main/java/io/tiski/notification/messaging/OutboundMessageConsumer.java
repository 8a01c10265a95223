package io.tiski.notification.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.CloudEventHeaders;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.notification.service.EmailSender;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes send requests. A temporary failure (SMTP unreachable, 4xx) is retried with backoff for several
 * minutes; after that the request goes to the dead-letter topic, from where an operator replays it.
 * Unordered blocking on a pool of its own: the mail client resolves the SMTP host with a blocking task on the
 * shared worker pool, so senders occupying that whole pool (a burst of a thousand requests did) would wait forever
 * for a worker none of them frees. The sender pool is bounded below the worker pool and the database pool.
 */
@ApplicationScoped
public class OutboundMessageConsumer {
    /** The worker pool senders run on ({@code smallrye.messaging.worker.outbound-senders.max-concurrency}). */
    static final String SENDERS = "outbound-senders";
    private final EmailSender sender;

    OutboundMessageConsumer(EmailSender sender) {
        this.sender = sender;
    }

    @Incoming("outbound-messages")
    @Blocking(value = SENDERS, ordered = false)
    @Retry(maxRetries = 12, delay = 500, maxDuration = 600_000, abortOn = {EventJson.MalformedEventException.class,
            IllegalArgumentException.class})
    @ExponentialBackoff(maxDelay = 60_000)
    public void receive(ConsumerRecord<String, byte[]> record) {
        if (forAnotherService(record)) {
            return;
        }
        sender.handle(EventJson.read(record.value(), OutboundMessageRequested.class));
    }

    /**
     * Replies on social channels are sent by social-ingest-service: the record's channel header says so without
     * reading the event. A record without the header (or with a channel this version does not know) is read.
     */
    static boolean forAnotherService(ConsumerRecord<String, byte[]> record) {
        Header channel = record.headers().lastHeader(CloudEventHeaders.CHANNEL);
        return CloudEventHeaders.channel(channel == null ? null : channel.value()).map(c -> c != Channel.EMAIL)
                .orElse(false);
    }
}
