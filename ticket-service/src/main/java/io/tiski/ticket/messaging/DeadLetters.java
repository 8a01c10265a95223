package io.tiski.ticket.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.Topics;
import io.tiski.outbox.Outbox;
import io.tiski.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Records this service could not apply, written through the outbox to their topic's dead-letter topic: the
 * record as it came (key, value, headers) plus the headers an operator and {@code ./tiski replay} read (the same
 * names the messaging connector's dead-letter queue uses), so a dead letter is never lost between the failure and
 * the broker.
 */
@ApplicationScoped
public class DeadLetters {
    /** Under this consumer name (and the record's position) a dead letter is written once, however often tried. */
    private static final String INBOUND_CONSUMER = "ticket-service.inbound-dead-letters";
    private final Outbox outbox;
    private final ProcessedEvents processedEvents;
    private final MeterRegistry metrics;

    DeadLetters(Outbox outbox, ProcessedEvents processedEvents, MeterRegistry metrics) {
        this.outbox = outbox;
        this.processedEvents = processedEvents;
        this.metrics = metrics;
    }

    /** A record and why it could not be applied. */
    public record DeadLetter(ConsumerRecord<String, byte[]> record, Throwable reason) {
    }

    /** Inside the caller's transaction (the batch whose other records were applied). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(List<DeadLetter> deadLetters) {
        for (DeadLetter deadLetter : deadLetters) {
            ConsumerRecord<String, byte[]> record = deadLetter.record();
            if (!processedEvents.firstDelivery(consumerFor(record.topic()), position(record))) {
                continue; // read again after a crash between this commit and the offset commit: already a dead letter
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                if (header.value() != null && !header.key().startsWith("dead-letter-")) {
                    headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
            }
            Throwable reason = deadLetter.reason();
            headers.put("dead-letter-reason", String.valueOf(reason.getMessage()));
            headers.put("dead-letter-exception-class-name", reason.getClass().getName());
            if (reason.getCause() != null) {
                headers.put("dead-letter-cause", String.valueOf(reason.getCause().getMessage()));
                headers.put("dead-letter-cause-class-name", reason.getCause().getClass().getName());
            }
            headers.put("dead-letter-topic", record.topic());
            headers.put("dead-letter-partition", String.valueOf(record.partition()));
            headers.put("dead-letter-offset", String.valueOf(record.offset()));
            // the outbox publishes at least once: a dead letter published again after a crash keeps its id
            String id = "dead-letter-" + UUID.randomUUID();
            headers.put("dead-letter-id", id);
            outbox.append(new EventEnvelope(Topics.deadLetterTopicOf(record.topic()), record.key(), headers,
                    record.value() == null ? new byte[0] : record.value()), id);
            metrics.counter("tiski.dead.letters", "topic", record.topic()).increment();
        }
    }

    /**
     * The inbound topic's dead letters keep the name they were first recorded under; every other topic has its own,
     * since a position names no topic.
     */
    static String consumerFor(String topic) {
        return Topics.INBOUND_MESSAGES.equals(topic) ? INBOUND_CONSUMER : "ticket-service.dead-letters." + topic;
    }

    /** Where the record is on its topic, with a checksum of its value in case the topic was ever made anew. */
    static String position(ConsumerRecord<String, byte[]> record) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        if (record.value() != null) {
            crc.update(record.value());
        }
        return record.partition() + "@" + record.offset() + "#" + Long.toHexString(crc.getValue());
    }

    /** In a transaction of their own. */
    @Transactional
    public void writeAlone(List<DeadLetter> deadLetters) {
        write(deadLetters);
    }
}
