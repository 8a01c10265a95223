package io.tiski.social.messaging;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tiski.events.v1.CloudEventHeaders;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.social.service.ReplySender;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Consumes send requests for the social channels, in order per ticket (two replies in a row arrive in the order
 * written). A platform that is down or rate limiting is retried with backoff for up to ten minutes; after that
 * the request goes to the dead-letter topic, from where an operator replays it.
 */
@ApplicationScoped
public class SocialReplyConsumer {
    /** The requests this service sends, in the order they were consumed. */
    static final String SOCIAL_REQUESTS = "social-reply-requests";
    private final ReplySender sender;

    SocialReplyConsumer(ReplySender sender) {
        this.sender = sender;
    }

    /**
     * Most requests are emails, which notification-service sends. They are acknowledged here, as they are polled,
     * without reading the event and without taking a worker thread: handing each to a worker only to skip it cost
     * this service about a millisecond of CPU per request. The others keep their Kafka record, so a failure is
     * retried and dead-lettered exactly as before.
     */
    @Incoming("outbound-messages")
    @Outgoing(SOCIAL_REQUESTS)
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

    @Incoming(SOCIAL_REQUESTS)
    @Blocking
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
        return CloudEventHeaders.channel(channel == null ? null : channel.value()).map(c -> !c.isSocial())
                .orElse(false);
    }
}
