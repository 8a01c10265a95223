package io.tiski.localstack.bench;

import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.SocialPlatforms;
import io.tiski.localstack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Messenger webhooks signed as Meta signs them, posted to social-ingest-service at a steady rate (open loop: each
 * request leaves at its scheduled time whether or not earlier ones were answered, and its latency counts from
 * that time, so a stall is not hidden). Measures the webhook's answer, and how long each message then takes to
 * reach Kafka as InboundMessageReceived. With {@code alone} (the default) only social-ingest-service runs beside
 * PostgreSQL and Kafka, as on its own pods; with {@code full} the ticket, email and notification services share
 * the machine and take in every message too.
 * With a pace {@code burst:<factor>x<seconds>s/<seconds>s} the rate rises to {@code factor} times for the burst's
 * length at the end of every period ({@link Pace}); the warm-up stays steady.
 * {@code ./tiski bench webhooks [requests] [per-second] [alone|full] [steady|burst:5x10s/60s]}
 */
public final class WebhookLatency {
    static final String SECRET = "bench-meta-app-secret";

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        boolean alone = !(args.length > 2 && "full".equals(args[2]));
        Pace pace = Pace.of(perSecond, args.length > 3 ? args[3] : "steady");
        int warmUp = Math.min(2_000, requests / 5);
        try (SocialPlatforms platforms = SocialPlatforms.start()) {
            Map<String, String> social = Map.of("tiski.social.meta.benchpage.platform", "messenger",
                    "tiski.social.meta.benchpage.app-secret", SECRET,
                    "tiski.social.meta.benchpage.verify-token", "bench",
                    "tiski.social.meta.benchpage.access-token", SocialPlatforms.META_TOKEN,
                    "tiski.social.meta.benchpage.account-id", "PAGE1",
                    "tiski.social.meta.benchpage.graph-url", platforms.graphUrl());
            try (LocalStack stack = LocalStack.start(LocalStack.Settings.throwaway("bench", "bench-token-"
                    + UUID.randomUUID()).withSocialConnections(social), System.out::println)) {
                if (alone) {
                    System.out.println("Stopping the other services: social-ingest-service alone takes the load");
                    for (String other : List.of(LocalStack.TICKET, LocalStack.EMAIL_INGEST, LocalStack.NOTIFICATION)) {
                        stack.kill(other);
                    }
                }
                String url = stack.service(LocalStack.SOCIAL_INGEST).url() + "/api/v1/webhooks/meta/benchpage";
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                System.out.printf("Warming up with %d requests…%n", warmUp);
                run(client, url, "warm", warmUp, Pace.steady(perSecond), null);
                Map<String, Long> scheduledAt = new ConcurrentHashMap<>();
                List<Long> toKafka = Collections.synchronizedList(new ArrayList<>());
                Thread reader = new Thread(() -> read(stack, scheduledAt, toKafka, requests), "bench-reader");
                reader.start();
                Thread.sleep(2_000); // the reader is at the end of the topic before the first request
                System.out.printf("Posting %d signed Messenger webhooks at %s…%n", requests, pace.describe());
                OpenLoop.Result result = run(client, url, "bench", requests, pace, scheduledAt);
                reportAnswers(result, requests, pace);
                sendingDone = System.nanoTime();
                reader.join(Duration.ofMinutes(10).toMillis());
                reportKafka(toKafka, result.statuses().getOrDefault(200, 0));
            }
        }
    }

    /** When the last request was answered; the reader stops once nothing more arrives for a while after it. */
    private static volatile long sendingDone;

    private static OpenLoop.Result run(HttpClient client, String url, String run, int requests, Pace pace,
            Map<String, Long> scheduledAt) throws Exception {
        return OpenLoop.send(client, requests, pace, (i, scheduled) -> {
            String mid = "m_" + run + "_" + i + "_" + UUID.randomUUID();
            String sender = run + "-" + (i / 5); // five messages per conversation
            long sentAt = scheduled.toEpochMilli();
            byte[] body = ("{\"object\":\"page\",\"entry\":[{\"id\":\"PAGE1\",\"time\":" + sentAt + ",\"messaging\":[{"
                    + "\"sender\":{\"id\":\"" + sender + "\"},\"recipient\":{\"id\":\"PAGE1\"},\"timestamp\":" + sentAt
                    + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":\"Hei, missä tilaukseni " + i
                    + " on?\"}}]}]}").getBytes(StandardCharsets.UTF_8);
            if (scheduledAt != null) {
                scheduledAt.put("messenger:benchpage:" + mid, sentAt);
            }
            return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("X-Hub-Signature-256", sign(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }, (i, scheduled, response) -> {
        });
    }

    static String sign(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static void read(LocalStack stack, Map<String, Long> scheduledAt, List<Long> latencies, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INBOUND_MESSAGES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            long lastSeen = System.nanoTime();
            while (latencies.size() < expected && Instant.now().isBefore(deadline)) {
                var records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    lastSeen = System.nanoTime();
                }
                records.forEach(record -> {
                    InboundMessageReceived event = EventJson.read(record.value(), InboundMessageReceived.class);
                    Long sent = scheduledAt.get(event.sourceMessageId());
                    if (sent != null) {
                        latencies.add(Math.max(0, record.timestamp() - sent));
                    }
                });
                if (sendingDone != 0 && System.nanoTime() - Math.max(lastSeen, sendingDone) > 30_000_000_000L) {
                    return; // quiet for 30 s after the last answer: everything accepted has arrived
                }
            }
        }
    }

    private static void reportAnswers(OpenLoop.Result result, int requests, Pace pace) {
        System.out.printf("%nWebhook answered (%,d requests at %s, sent over %.1f s; statuses %s)%n",
                requests, pace.describe(), result.seconds(), result.statuses());
        System.out.println("  " + Latencies.summary(result.sortedAnswerMillis()));
    }

    private static void reportKafka(List<Long> toKafka, int accepted) {
        List<Long> kafka = new ArrayList<>(toKafka);
        Collections.sort(kafka);
        if (kafka.isEmpty()) {
            System.out.println("No message reached Kafka: see the logs");
            return;
        }
        System.out.printf("Request sent → InboundMessageReceived on Kafka (%,d of %,d accepted messages)%n",
                kafka.size(), accepted);
        System.out.println("  " + Latencies.summary(kafka));
    }

    private WebhookLatency() {
    }
}
