package io.tiski.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the records of a dead-letter topic back to the topic they failed on, after the cause was fixed.
 * Consumers are idempotent, so a record that had in fact been applied is dropped as a repeat. The replay's
 * consumer group remembers how far it got: running it again replays only what died since.
 * {@code ./tiski replay tiski.inbound-messages.v1.dlt}
 */
public final class DeadLetterReplay {
    static final String GROUP = "tiski-dead-letter-replay";

    /** How many records went back, and where. */
    public record Result(int replayed, int skipped) {
    }

    public static Result replay(String bootstrapServers, String deadLetterTopic, Duration quiet) {
        if (!deadLetterTopic.endsWith(".dlt")) {
            throw new IllegalArgumentException(deadLetterTopic + " is not a dead-letter topic (they end in .dlt)");
        }
        String fallbackTopic = deadLetterTopic.substring(0, deadLetterTopic.length() - ".dlt".length());
        int replayed = 0;
        int skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            consumer.subscribe(List.of(deadLetterTopic));
            Instant lastSeen = Instant.now();
            boolean assigned = false;
            while (!assigned || Instant.now().isBefore(lastSeen.plus(quiet))) {
                var records = consumer.poll(Duration.ofMillis(250));
                assigned |= !consumer.assignment().isEmpty();
                if (records.isEmpty()) {
                    continue;
                }
                lastSeen = Instant.now();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    String target = header(record, "dead-letter-topic");
                    if (target == null) {
                        target = fallbackTopic;
                    }
                    if (target.endsWith(".dlt")) {
                        skipped++;
                        continue;
                    }
                    ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(target, record.key(), record.value());
                    for (Header h : record.headers()) {
                        if (!h.key().startsWith("dead-letter-")) {
                            again.headers().add(h);
                        }
                    }
                    again.headers().add("tiski-replayed-from", deadLetterTopic.getBytes(StandardCharsets.UTF_8));
                    producer.send(again).get(30, TimeUnit.SECONDS);
                    replayed++;
                }
                consumer.commitSync();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("replay of " + deadLetterTopic + " stopped after " + replayed
                    + " records: " + e, e);
        }
        return new Result(replayed, skipped);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ./tiski replay <dead-letter-topic> [bootstrap-servers]");
            System.exit(2);
        }
        String bootstrap = args.length > 1 ? args[1]
                : System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        Result result = replay(bootstrap, args[0], Duration.ofSeconds(3));
        System.out.printf("Replayed %d record(s) from %s%s%n", result.replayed(), args[0],
                result.skipped() > 0 ? " (" + result.skipped() + " without a source topic left in place)" : "");
    }

    private DeadLetterReplay() {
    }
}
