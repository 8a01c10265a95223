package io.tiski.ticket.messaging;

import io.smallrye.common.annotation.Blocking;
import io.tiski.events.v1.CloudEventHeaders;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.ticket.service.InboundMessageService;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes every channel's inbound messages. Records of one conversation arrive in order (same key, same
 * partition) and are applied one at a time. A transient failure is retried; an event that cannot be read, or
 * keeps failing, goes to the dead-letter topic with the reason (see docs/operations.md to replay it).
 */
@ApplicationScoped
public class InboundMessageConsumer {
    private final InboundMessageService service;

    InboundMessageConsumer(InboundMessageService service) {
        this.service = service;
    }

    @Incoming("inbound-messages")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = {EventJson.MalformedEventException.class,
            UnexpectedEventTypeException.class})
    @ExponentialBackoff(maxDelay = 5000)
    public void receive(ConsumerRecord<String, byte[]> record) {
        String type = header(record, CloudEventHeaders.TYPE);
        if (type != null && !InboundMessageReceived.TYPE.equals(type)) {
            throw new UnexpectedEventTypeException("unexpected event type " + type + " on " + record.topic());
        }
        InboundMessageReceived event = EventJson.read(record.value(), InboundMessageReceived.class);
        if (event.eventId() == null || event.channel() == null || event.from() == null
                || event.sourceMessageId() == null || event.conversationKey() == null) {
            throw new EventJson.MalformedEventException(
                    "InboundMessageReceived lacks eventId, channel, from, sourceMessageId or conversationKey", null);
        }
        service.receive(event);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record of a type this consumer does not handle: it goes to the dead-letter topic, unretried. */
    public static class UnexpectedEventTypeException extends RuntimeException {
        public UnexpectedEventTypeException(String message) {
            super(message);
        }
    }
}
