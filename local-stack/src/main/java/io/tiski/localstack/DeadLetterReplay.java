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
    public record Result(int replayed, int skipped, int duplicates) {
    }

    public static Result replay(String bootstrapServers, String deadLetterTopic, Duration quiet) {
        if (!deadLetterTopic.endsWith(".dlt")) {
            throw new IllegalArgumentException(deadLetterTopic + " is not a dead-letter topic (they end in .dlt)");
        }
        String fallbackTopic = deadLetterTopic.substring(0, deadLetterTopic.length() - ".dlt".length());
        int replayed = 0;
        int skipped = 0;
        int duplicates = 0;
        // the same dead letter may be on the topic twice: published again after a crash (see identity)
        java.util.Set<String> replayedIds = new java.util.HashSet<>();
        Map<String, Object> consumerConfig = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        Map<String, String> security = clientSecurity(System.getenv());
        consumerConfig.putAll(security);
        Map<String, Object> producerConfig = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        producerConfig.putAll(security);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
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
                    String id = identity(record);
                    if (id != null && !replayedIds.add(id)) {
                        duplicates++;
                        continue;
                    }
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
        return new Result(replayed, skipped, duplicates);
    }

    /**
     * What makes two copies of a dead letter the same one, or null when the record does not say: the source record
     * it names (its topic, partition and offset), which every service's dead letters carry. A record is dead-lettered
     * twice when its service crashes in between: after the broker took the dead letter and before the service
     * recorded that (ticket-service's outbox publishes it again, with the same {@code dead-letter-id}), or before
     * the failed record's offset was committed (the record is read again and dead-lettered anew: the messaging
     * connector's copies carry no id, ticket-service's a new one). Either way both copies name the same source
     * record. A record that failed again after a replay has a new offset, so it is a dead letter of its own. Only a
     * dead letter naming no source is told by its {@code dead-letter-id}.
     */
    static String identity(ConsumerRecord<?, ?> record) {
        String topic = header(record, "dead-letter-topic");
        String partition = header(record, "dead-letter-partition");
        String offset = header(record, "dead-letter-offset");
        if (topic != null && partition != null && offset != null) {
            return topic + "/" + partition + "@" + offset;
        }
        return header(record, "dead-letter-id");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * The Kafka client's security settings from the same variables the services take ({@code
     * KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_JAAS_CONFIG}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION} …), so the
     * replay runs in a cluster whose brokers want SCRAM over TLS.
     */
    static Map<String, String> clientSecurity(Map<String, String> environment) {
        Map<String, String> settings = new java.util.TreeMap<>();
        environment.forEach((name, value) -> {
            String key = name.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
            if (key.startsWith("kafka.") && value != null && !value.isBlank()) {
                String setting = key.substring("kafka.".length());
                if (setting.startsWith("security.") || setting.startsWith("sasl.") || setting.startsWith("ssl.")) {
                    settings.put(setting, value);
                }
            }
        });
        return settings;
    }

    /**
     * {@code <dead-letter-topic> [bootstrap-servers]}, or {@code all} (or nothing) for every dead-letter topic of
     * the event contracts; the bootstrap servers default to {@code KAFKA_BOOTSTRAP_SERVERS}.
     */
    public static void main(String[] args) {
        String bootstrap = args.length > 1 ? args[1]
                : System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        List<String> topics = args.length == 0 || args[0].equals("all")
                ? io.tiski.events.v1.Topics.all().stream().map(io.tiski.events.v1.Topics.TopicSpec::name)
                        .filter(t -> t.endsWith(".dlt")).toList()
                : List.of(args[0]);
        for (String topic : topics) {
            Result result = replay(bootstrap, topic, Duration.ofSeconds(3));
            System.out.printf("Replayed %d record(s) from %s%s%s%n", result.replayed(), topic,
                    result.skipped() > 0 ? " (" + result.skipped() + " without a source topic left in place)" : "",
                    result.duplicates() > 0 ? " (" + result.duplicates() + " published twice, sent once)" : "");
        }
    }

    private DeadLetterReplay() {
    }
}
