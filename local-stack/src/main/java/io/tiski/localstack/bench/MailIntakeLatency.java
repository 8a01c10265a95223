package io.tiski.localstack.bench;

import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Topics;
import io.tiski.localstack.LocalStack;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How long a mail takes from the mail server accepting it (SMTP 250 after DATA) to its InboundMessageReceived on
 * Kafka (the record's create time, set when the outbox relay hands it to the broker), with IMAP IDLE.
 * {@code ./tiski bench mail-intake [mails] [per-second]}
 */
public final class MailIntakeLatency {
    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.throwaway("bench", "bench-token-"
                + UUID.randomUUID()), System.out::println)) {
            Map<String, Instant> accepted = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> read(stack, accepted, latencies, mails), "bench-reader");
            reader.start();
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(stack.mail().smtpPort()));
            Session session = Session.getInstance(props);
            System.out.printf("Sending %d mails at %d per second…%n", mails, perSecond);
            long intervalNanos = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            for (int i = 0; i < mails; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String id = "bench-" + i + "-" + UUID.randomUUID() + "@example.fi";
                MimeMessage mail = new MimeMessage(session) {
                    @Override
                    protected void updateMessageID() throws jakarta.mail.MessagingException {
                        setHeader("Message-ID", "<" + id + ">");
                    }
                };
                mail.setFrom(new InternetAddress("bench" + i + "@example.fi"));
                mail.setRecipients(Message.RecipientType.TO, "support@localhost");
                mail.setSubject("Bench " + i);
                mail.setText("Hei, tilaukseni " + i + " ei ole tullut.");
                Transport.send(mail);
                accepted.put(id, Instant.now());
            }
            reader.join(Duration.ofMinutes(2).toMillis());
            report(latencies, mails);
        }
    }

    private static void read(LocalStack stack, Map<String, Instant> accepted, List<Long> latencies, int mails) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INBOUND_MESSAGES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            while (latencies.size() < mails && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(50)).forEach(record -> {
                    InboundMessageReceived event = EventJson.read(record.value(), InboundMessageReceived.class);
                    Instant sent = null;
                    for (int tries = 0; sent == null && tries < 100; tries++) {
                        sent = accepted.get(event.sourceMessageId());
                        if (sent == null) {
                            Thread.onSpinWait();
                        }
                    }
                    if (sent != null) {
                        latencies.add(Math.max(0, record.timestamp() - sent.toEpochMilli()));
                    }
                });
            }
        }
    }

    private static void report(List<Long> latencies, int mails) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println("No mail reached Kafka: see the logs");
            return;
        }
        System.out.printf("%nMail accepted by SMTP → InboundMessageReceived on Kafka (%d of %d mails)%n",
                sorted.size(), mails);
        System.out.println("  " + Latencies.summary(sorted));
    }

    private MailIntakeLatency() {
    }
}
