package io.tiski.ticket.messaging;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.tiski.events.v1.CloudEventHeaders;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.ticket.service.InboundMessageService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes every channel's inbound messages, a poll's worth of records at a time, and applies them in one
 * transaction: one commit for up to {@code max.poll.records} messages instead of one each. Records of one
 * conversation arrive in order (same key, same partition) and are applied in that order.
 *
 * <p>What can go wrong, and what happens then:
 * <ul>
 * <li>a record that cannot be read, or is not an {@code InboundMessageReceived}: it goes to the dead-letter topic
 * with the reason (written through the outbox, in the same transaction as the rest of the batch), unretried;</li>
 * <li>the database is unreachable (restart, failover, network): the whole batch is tried again, with backoff, for
 * as long as that lasts; nothing is dead-lettered for an outage, and the offsets are not committed meanwhile;</li>
 * <li>anything else fails the batch: its records are then applied one at a time, each retried up to
 * {@value #ATTEMPTS} times, and the one that still fails goes to the dead-letter topic with the reason while the
 * others are kept. See docs/operations.md to replay a dead letter.</li>
 * </ul>
 */
@ApplicationScoped
public class InboundMessageConsumer {
    private static final Logger LOG = Logger.getLogger(InboundMessageConsumer.class);
    static final int ATTEMPTS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final InboundMessageService service;
    private final InboundDeadLetters deadLetters;
    private final DistributionSummary batchSizes;
    private final Tracer tracer;
    private volatile boolean stopping;

    InboundMessageConsumer(InboundMessageService service, InboundDeadLetters deadLetters, MeterRegistry metrics,
            Tracer tracer) {
        this.service = service;
        this.deadLetters = deadLetters;
        this.tracer = tracer;
        this.batchSizes = DistributionSummary.builder("tiski.inbound.batch.size")
                .description("Inbound records applied in one transaction").register(metrics);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Incoming("inbound-messages")
    @Blocking
    public void receive(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> readable = new ArrayList<>(records.count());
        List<InboundMessageReceived> events = new ArrayList<>(records.count());
        List<InboundDeadLetters.DeadLetter> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(read(record));
                readable.add(record);
            } catch (EventJson.MalformedEventException | UnexpectedEventTypeException e) {
                LOG.warnf("Inbound record %s-%d@%d goes to the dead-letter topic: %s", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
                unreadable.add(new InboundDeadLetters.DeadLetter(record, e));
            }
        }
        batchSizes.record(records.count());
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                service.receiveAll(events, i -> traced(readable.get(i)), () -> deadLetters.write(unreadable));
                return;
            } catch (RuntimeException e) {
                if (!DatabaseFailures.isUnavailable(e)) {
                    LOG.warnf("A batch of %d inbound messages failed (%s); applying them one at a time",
                            events.size(), DatabaseFailures.describe(e));
                    break;
                }
                backoff = waitWhileUnavailable(e, backoff);
            }
        }
        whenAvailable(() -> deadLetters.writeAlone(unreadable));
        for (int i = 0; i < events.size(); i++) {
            receiveAlone(readable.get(i), events.get(i));
        }
    }

    /** One record in its own transaction: retried, then dead-lettered with the reason it kept failing for. */
    private void receiveAlone(ConsumerRecord<String, byte[]> record, InboundMessageReceived event) {
        Duration backoff = FIRST_BACKOFF;
        int attempt = 0;
        while (true) {
            try (Scope scope = traced(record)) {
                service.receive(event);
                return;
            } catch (RuntimeException e) {
                if (DatabaseFailures.isUnavailable(e)) {
                    backoff = waitWhileUnavailable(e, backoff);
                    continue;
                }
                if (++attempt >= ATTEMPTS) {
                    LOG.errorf(e, "Inbound message %s failed %d times; it goes to the dead-letter topic",
                            event.sourceMessageId(), attempt);
                    List<InboundDeadLetters.DeadLetter> deadLetter = List.of(
                            new InboundDeadLetters.DeadLetter(record, e));
                    whenAvailable(() -> deadLetters.writeAlone(deadLetter));
                    return;
                }
                backoff = pause(backoff);
            }
        }
    }

    /** Runs {@code work}, waiting out an unreachable database as the batch does. */
    private void whenAvailable(Runnable work) {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (!DatabaseFailures.isUnavailable(e)) {
                    throw e;
                }
                backoff = waitWhileUnavailable(e, backoff);
            }
        }
    }

    private Duration waitWhileUnavailable(RuntimeException e, Duration backoff) {
        if (stopping) {
            throw new IllegalStateException("the service is stopping while the database is unavailable; this batch "
                    + "was not applied and is not acknowledged", e);
        }
        LOG.warnf("The database is unavailable (%s); trying again in %d ms", DatabaseFailures.describe(e),
                backoff.toMillis());
        return pause(backoff);
    }

    private Duration pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; this batch was not applied and is not acknowledged",
                    interrupted);
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }

    /**
     * The work on one record as a span of the trace its producer started (the record's {@code traceparent}), and
     * current while it runs, so the events it writes to the outbox carry the trace on. A poll's records each belong
     * to their own trace, which the batch would otherwise lose.
     */
    Scope traced(ConsumerRecord<String, byte[]> record) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), record.headers(),
                RECORD_HEADERS);
        Span span = tracer.spanBuilder("apply inbound message").setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .startSpan();
        Scope current = span.makeCurrent();
        return () -> {
            current.close();
            span.end();
        };
    }

    private static final TextMapGetter<org.apache.kafka.common.header.Headers> RECORD_HEADERS =
            new TextMapGetter<>() {
                @Override
                public Iterable<String> keys(org.apache.kafka.common.header.Headers headers) {
                    List<String> keys = new ArrayList<>();
                    headers.forEach(h -> keys.add(h.key()));
                    return keys;
                }

                @Override
                public String get(org.apache.kafka.common.header.Headers headers, String key) {
                    return headers == null ? null : header(headers, key);
                }
            };

    static InboundMessageReceived read(ConsumerRecord<String, byte[]> record) {
        String type = header(record, CloudEventHeaders.TYPE);
        if (type != null && !InboundMessageReceived.TYPE.equals(type)) {
            throw new UnexpectedEventTypeException("unexpected event type " + type + " on " + record.topic());
        }
        if (record.value() == null) {
            throw new EventJson.MalformedEventException("InboundMessageReceived record without a value", null);
        }
        InboundMessageReceived event = EventJson.read(record.value(), InboundMessageReceived.class);
        if (event.eventId() == null || event.channel() == null || event.from() == null
                || event.from().address() == null || event.sourceMessageId() == null
                || event.conversationKey() == null) {
            throw new EventJson.MalformedEventException(
                    "InboundMessageReceived lacks eventId, channel, from, sourceMessageId or conversationKey", null);
        }
        return event;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        return header(record.headers(), name);
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record of a type this consumer does not handle: it goes to the dead-letter topic, unretried. */
    public static class UnexpectedEventTypeException extends RuntimeException {
        public UnexpectedEventTypeException(String message) {
            super(message);
        }
    }
}
