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
 * Inbound records this service could not apply, written through the outbox to the inbound dead-letter topic: the
 * record as it came (key, value, headers) plus the headers an operator and {@code ./tiski replay} read (the same
 * names the messaging connector's dead-letter queue uses), so a dead letter is never lost between the failure and
 * the broker.
 */
@ApplicationScoped
public class InboundDeadLetters {
    private static final String CONSUMER = "ticket-service.inbound-dead-letters";
    private final Outbox outbox;
    private final ProcessedEvents processedEvents;
    private final MeterRegistry metrics;

    InboundDeadLetters(Outbox outbox, ProcessedEvents processedEvents, MeterRegistry metrics) {
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
            if (!processedEvents.firstDelivery(CONSUMER, position(record))) {
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
            outbox.append(new EventEnvelope(Topics.deadLetterTopicOf(record.topic()), record.key(), headers,
                    record.value() == null ? new byte[0] : record.value()), "dead-letter-" + UUID.randomUUID());
            metrics.counter("tiski.inbound.dead.letters").increment();
        }
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
