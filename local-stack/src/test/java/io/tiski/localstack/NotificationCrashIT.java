package io.tiski.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tiski.events.v1.Channel;
import io.tiski.events.v1.DeliveryReported;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.OutboundEmail;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.TopicProbe;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * notification-service killed with SIGKILL while it sends 1 000 acknowledgements, then restarted: every recipient
 * gets their acknowledgement, and never a second message. SMTP has no idempotency key, so a request whose mail the
 * server accepted in the instant before the kill is sent again after the restart (ADR 0003) — with the same
 * Message-ID, which mail clients and Tiski's own intake treat as one message. The test therefore counts messages
 * by Message-ID per recipient, and bounds the repeats by what can be in flight at the kill.
 */
class NotificationCrashIT {
    static final int REQUESTS = 1_000;
    /** Requests one instance sends at once (TISKI_SMTP_CONCURRENCY) bounds how many can be caught mid-send. */
    static final int MAX_IN_FLIGHT = 16;
    static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LocalStack.start(LocalStack.Settings.throwaway("notification-crash", "crash-token-"
                + UUID.randomUUID()), System.out::println);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void killedWhileSendingAThousandAcknowledgementsEachRecipientGetsOneMessage() {
        String prefix = "n" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, OutboundMessageRequested> byRecipient = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < REQUESTS; i++) {
                String recipient = prefix + "-" + i + "@example.fi";
                String requestId = UUID.randomUUID().toString();
                OutboundMessageRequested request = new OutboundMessageRequested(requestId, Instant.now(),
                        UUID.randomUUID().toString(), 700_000 + i, Channel.EMAIL, "email:" + prefix + "-" + i,
                        OutboundKind.ACKNOWLEDGEMENT, new Participant(recipient, "Asiakas " + i), "fi",
                        "Tilaus " + i, null, null, null, new OutboundEmail("ack." + requestId + "@tiski.localhost",
                                prefix + "-" + i + "@mail.example.fi", List.of(prefix + "-" + i + "@mail.example.fi"),
                                "support@localhost", "support@localhost"), List.of());
                byRecipient.put(recipient, request);
                EventEnvelope envelope = EventEnvelope.of(request, "/test/crash");
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(envelope.topic(), envelope.key(),
                        envelope.value());
                envelope.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }

        // kill it in the middle of the stream, with sends in flight
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> received(prefix).size() >= REQUESTS / 4);
        stack.kill(LocalStack.NOTIFICATION);
        int beforeRestart = received(prefix).size();
        System.out.println("notification-service killed after " + beforeRestart + " of " + REQUESTS + " mails");
        assertThat(beforeRestart).isLessThan(REQUESTS);
        stack.restart(LocalStack.NOTIFICATION);

        // every request ends SENT (reported once it is), and every recipient has their mail
        TopicProbe topics = new TopicProbe(stack.kafka().bootstrapServers());
        Set<String> requestIds = byRecipient.values().stream().map(OutboundMessageRequested::eventId)
                .collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2)).until(() -> topics.readAll(
                Topics.DELIVERY_REPORTS, r -> true, Duration.ofSeconds(1)).stream()
                .map(r -> EventJson.read(r.value(), DeliveryReported.class))
                .filter(report -> requestIds.contains(report.requestId()) && "SENT".equals(report.status()))
                .map(DeliveryReported::requestId).distinct().count() == REQUESTS);

        Map<String, List<String>> messageIds = received(prefix);
        assertThat(messageIds).hasSize(REQUESTS);
        int repeats = 0;
        for (Map.Entry<String, List<String>> mailbox : messageIds.entrySet()) {
            OutboundMessageRequested request = byRecipient.get(mailbox.getKey());
            assertThat(new HashSet<>(mailbox.getValue())).as(mailbox.getKey())
                    .containsExactly("<" + request.email().messageId() + ">");
            repeats += mailbox.getValue().size() - 1;
        }
        System.out.println("Mails accepted again after the restart with the same Message-ID: " + repeats);
        assertThat(repeats).isLessThanOrEqualTo(MAX_IN_FLIGHT);
    }

    /** Each recipient of this run and the Message-IDs of the acknowledgements in their mailbox, repeats included. */
    static Map<String, List<String>> received(String prefix) {
        Map<String, List<String>> byRecipient = new HashMap<>();
        for (MimeMessage message : stack.mail().greenMail().getReceivedMessages()) {
            try {
                for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
                    String address = recipient.toString();
                    if (address.startsWith(prefix) && message.getHeader("Auto-Submitted") != null) {
                        byRecipient.computeIfAbsent(address, a -> new ArrayList<>()).add(message.getMessageID());
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return byRecipient;
    }
}
