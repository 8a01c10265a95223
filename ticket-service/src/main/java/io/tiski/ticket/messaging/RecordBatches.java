package io.tiski.ticket.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.tiski.events.v1.EventJson;
import io.tiski.outbox.DatabaseFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * How this service's consumers apply a poll's records: all of them in one transaction, one commit for up to
 * {@code max.poll.records} events instead of one each, in the order they came (records of one key share a
 * partition, so they arrive in order).
 *
 * <p>What can go wrong, and what happens then:
 * <ul>
 * <li>a record that cannot be read, or is not of the type the topic carries: it goes to the dead-letter topic with
 * the reason (written through the outbox, in the same transaction as the rest of the batch), unretried;</li>
 * <li>the database is unreachable (restart, failover, network): the whole batch is tried again, with backoff, for
 * as long as that lasts; nothing is dead-lettered for an outage, and the offsets are not committed meanwhile;</li>
 * <li>anything else fails the batch: its records are then applied one at a time, each retried up to
 * {@value #ATTEMPTS} times, and the one that still fails goes to the dead-letter topic with the reason while the
 * others are kept. See docs/operations.md to replay a dead letter.</li>
 * </ul>
 */
@ApplicationScoped
public class RecordBatches {
    private static final Logger LOG = Logger.getLogger(RecordBatches.class);
    static final int ATTEMPTS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DeadLetters deadLetters;
    private final Tracer tracer;
    private volatile boolean stopping;

    RecordBatches(DeadLetters deadLetters, Tracer tracer) {
        this.deadLetters = deadLetters;
        this.tracer = tracer;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Applies a list of events in one transaction, then runs {@code alsoInTransaction} in it. */
    @FunctionalInterface
    public interface InOneTransaction<E> {
        void apply(List<E> events, IntFunction<Scope> traceOf, Runnable alsoInTransaction);
    }

    /**
     * @param what          what the records are, for the log ("inbound messages")
     * @param read          reads one record's event; throws {@link EventJson.MalformedEventException} or
     *                      {@link UnexpectedEventTypeException} for one that must go to the dead-letter topic
     * @param together      applies the readable events in one transaction
     * @param alone         applies one event in a transaction of its own (the fallback when the batch failed)
     */
    public <E> void apply(String what, ConsumerRecords<String, byte[]> records,
            Function<ConsumerRecord<String, byte[]>, E> read, InOneTransaction<E> together, Consumer<E> alone) {
        List<ConsumerRecord<String, byte[]>> readable = new ArrayList<>(records.count());
        List<E> events = new ArrayList<>(records.count());
        List<DeadLetters.DeadLetter> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(read.apply(record));
                readable.add(record);
            } catch (EventJson.MalformedEventException | UnexpectedEventTypeException e) {
                LOG.warnf("Record %s-%d@%d goes to the dead-letter topic: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                unreadable.add(new DeadLetters.DeadLetter(record, e));
            }
        }
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                together.apply(events, i -> traced(readable.get(i)), () -> deadLetters.write(unreadable));
                return;
            } catch (RuntimeException e) {
                if (!DatabaseFailures.isUnavailable(e)) {
                    LOG.warnf("A batch of %d %s failed (%s); applying them one at a time", events.size(), what,
                            DatabaseFailures.describe(e));
                    break;
                }
                backoff = waitWhileUnavailable(e, backoff);
            }
        }
        whenAvailable(() -> deadLetters.writeAlone(unreadable));
        for (int i = 0; i < events.size(); i++) {
            applyAlone(what, readable.get(i), events.get(i), alone);
        }
    }

    /** One record in its own transaction: retried, then dead-lettered with the reason it kept failing for. */
    private <E> void applyAlone(String what, ConsumerRecord<String, byte[]> record, E event, Consumer<E> alone) {
        Duration backoff = FIRST_BACKOFF;
        int attempt = 0;
        while (true) {
            try (Scope scope = traced(record)) {
                alone.accept(event);
                return;
            } catch (RuntimeException e) {
                if (DatabaseFailures.isUnavailable(e)) {
                    backoff = waitWhileUnavailable(e, backoff);
                    continue;
                }
                if (++attempt >= ATTEMPTS) {
                    LOG.errorf(e, "One of the %s, %s-%d@%d, failed %d times; it goes to the dead-letter topic", what,
                            record.topic(), record.partition(), record.offset(), attempt);
                    List<DeadLetters.DeadLetter> deadLetter = List.of(new DeadLetters.DeadLetter(record, e));
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
        Span span = tracer.spanBuilder("apply " + record.topic()).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .startSpan();
        Scope current = span.makeCurrent();
        return () -> {
            current.close();
            span.end();
        };
    }

    private static final io.opentelemetry.context.propagation.TextMapGetter<Headers> RECORD_HEADERS =
            new io.opentelemetry.context.propagation.TextMapGetter<>() {
                @Override
                public Iterable<String> keys(Headers headers) {
                    List<String> keys = new ArrayList<>();
                    headers.forEach(h -> keys.add(h.key()));
                    return keys;
                }

                @Override
                public String get(Headers headers, String key) {
                    return headers == null ? null : header(headers, key);
                }
            };

    /**
     * The record's event of the given type: a record whose {@code ce_type} names another type, or without a value,
     * or whose value is not such an event, throws what sends it to the dead-letter topic.
     */
    static <E> E readEvent(ConsumerRecord<String, byte[]> record, String type, Class<E> eventClass) {
        String recordType = header(record, io.tiski.events.v1.CloudEventHeaders.TYPE);
        if (recordType != null && !type.equals(recordType)) {
            throw new UnexpectedEventTypeException("unexpected event type " + recordType + " on " + record.topic());
        }
        if (record.value() == null) {
            throw new EventJson.MalformedEventException(eventClass.getSimpleName() + " record without a value", null);
        }
        return EventJson.read(record.value(), eventClass);
    }

    /** The value of the record's last header of that name, or null. */
    static String header(ConsumerRecord<?, ?> record, String name) {
        return header(record.headers(), name);
    }

    private static String header(Headers headers, String name) {
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
