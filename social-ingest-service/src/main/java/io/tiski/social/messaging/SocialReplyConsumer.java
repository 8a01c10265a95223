package io.tiski.social.messaging;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tiski.events.v1.CloudEventHeaders;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.social.service.ReplySender;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes send requests for the social channels, in order per ticket (two replies in a row arrive in the order
 * written). A platform that is down or rate limiting is retried with backoff for up to ten minutes; after that
 * the request goes to the dead-letter topic, from where an operator replays it.
 */
@ApplicationScoped
public class SocialReplyConsumer {
    private final ReplySender sender;

    SocialReplyConsumer(ReplySender sender) {
        this.sender = sender;
    }

    @Incoming("outbound-messages")
    @Blocking
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
     * Most requests are emails, which notification-service sends: the record's channel header says so without
     * reading the event. A record without the header (or with a channel this version does not know) is read.
     */
    static boolean forAnotherService(ConsumerRecord<String, byte[]> record) {
        Header channel = record.headers().lastHeader(CloudEventHeaders.CHANNEL);
        return CloudEventHeaders.channel(channel == null ? null : channel.value()).map(c -> !c.isSocial())
                .orElse(false);
    }
}
