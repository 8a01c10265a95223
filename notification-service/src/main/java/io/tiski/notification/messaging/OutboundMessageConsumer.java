package io.tiski.notification.messaging;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.CloudEventHeaders;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.notification.service.EmailSender;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Consumes send requests. A mail the server puts off (SMTP unreachable, a 4xx) is kept in the ledger and sent again
 * from there ({@code DeferredSends}), so its record is done with at once. What is retried here, with backoff for
 * several minutes, is a request that could not be recorded or prepared (the database away, an attached file not yet
 * in the object store); after that the request goes to the dead-letter topic, from where an operator replays it.
 * Unordered blocking on a pool of its own: the mail client resolves the SMTP host with a blocking task on the
 * shared worker pool, so senders occupying that whole pool (a burst of a thousand requests did) would wait forever
 * for a worker none of them frees. The sender pool is bounded below the worker pool and the database pool.
 */
@ApplicationScoped
public class OutboundMessageConsumer {
    /** The worker pool senders run on ({@code smallrye.messaging.worker.outbound-senders.max-concurrency}). */
    static final String SENDERS = "outbound-senders";
    /** The requests this service sends, as they were consumed. */
    static final String EMAIL_REQUESTS = "email-requests";
    private final EmailSender sender;

    OutboundMessageConsumer(EmailSender sender) {
        this.sender = sender;
    }

    /**
     * Replies on social channels are sent by social-ingest-service. They are acknowledged here as they are polled,
     * unread, without waiting behind the mails queued for a sender (while the mail server is down, that queue can
     * be minutes long). The others keep their Kafka record, so a failure is retried and dead-lettered as before.
     */
    @Incoming("outbound-messages")
    @Outgoing(EMAIL_REQUESTS)
    public Multi<Message<byte[]>> ownRequests(Multi<Message<byte[]>> requests) {
        return requests.select().where(request -> {
            if (forAnotherService(request.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(IncomingKafkaRecordMetadata::getHeaders).orElse(null))) {
                request.ack();
                return false;
            }
            return true;
        });
    }

    @Incoming(EMAIL_REQUESTS)
    @Blocking(value = SENDERS, ordered = false)
    @Retry(maxRetries = 12, delay = 500, maxDuration = 600_000, abortOn = {EventJson.MalformedEventException.class,
            IllegalArgumentException.class})
    @ExponentialBackoff(maxDelay = 60_000)
    public void receive(ConsumerRecord<String, byte[]> record) {
        sender.handle(EventJson.read(record.value(), OutboundMessageRequested.class));
    }

    /**
     * The record's channel header says whether the request is for another service. A record without the header (or
     * with a channel this version does not know) is read.
     */
    static boolean forAnotherService(Headers headers) {
        Header channel = headers == null ? null : headers.lastHeader(CloudEventHeaders.CHANNEL);
        return CloudEventHeaders.channel(channel == null ? null : channel.value()).map(c -> c != Channel.EMAIL)
                .orElse(false);
    }
}
