package io.tiski.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EmailHeaders;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.MessageAdded;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.events.v1.TicketCreated;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import io.tiski.ticket.repository.Ticket;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing doubled, on the real broker and database: 10 000 customer messages in 1 800 conversations
 * (email threads and Telegram chats), interleaved, with 5 % of them delivered a second time at a random later point
 * (half as a Kafka redelivery of the same event, half as a new event for the same message, as an IMAP refetch or a
 * webhook retry makes). Every message must become exactly one ticket message in the right ticket, in order, and
 * every event the ticket service publishes through its outbox must appear on Kafka exactly once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class DeliveryGuaranteesTest {
    static final int EMAIL_THREADS = 1_000;
    static final int MESSAGES_PER_THREAD = 6;
    static final int TELEGRAM_CHATS = 800;
    static final int MESSAGES_PER_CHAT = 5;
    static final int MESSAGES = EMAIL_THREADS * MESSAGES_PER_THREAD + TELEGRAM_CHATS * MESSAGES_PER_CHAT;
    static final int DUPLICATES = MESSAGES * 5 / 100;

    final TopicProbe topics = TopicProbe.ofTestBroker();
    final String run = "dg" + UUID.randomUUID().toString().substring(0, 8);

    /** One conversation as the customer wrote it: its messages in order. */
    record Conversation(String key, Channel channel, String customer, List<InboundMessageReceived> messages) {
    }

    @Test
    void tenThousandMessagesWithRedeliveriesBecomeExactlyTheExpectedTicketsAndEvents() throws Exception {
        Random random = new Random(20261201L);
        List<Conversation> conversations = new ArrayList<>();
        for (int c = 0; c < EMAIL_THREADS; c++) {
            conversations.add(emailThread(c));
        }
        for (int c = 0; c < TELEGRAM_CHATS; c++) {
            conversations.add(telegramChat(c));
        }
        List<InboundMessageReceived> stream = interleave(conversations, random);
        // redeliveries, each at a random point after its original
        for (int d = 0; d < DUPLICATES; d++) {
            int original = random.nextInt(stream.size());
            InboundMessageReceived event = stream.get(original);
            InboundMessageReceived again = d % 2 == 0 ? event : withEventId(event, UUID.randomUUID().toString());
            stream.add(original + 1 + random.nextInt(stream.size() - original), again);
        }
        assertThat(stream).hasSize(MESSAGES + DUPLICATES);
        double duplicatesBefore = duplicatesCounted();

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer())) {
            for (InboundMessageReceived event : stream) {
                EventEnvelope envelope = EventEnvelope.of(event, "/test/delivery");
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(envelope.topic(), envelope.key(),
                        envelope.value());
                envelope.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }

        // every message stored, and every redelivery seen and dropped
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).until(
                () -> storedMessages() == MESSAGES && duplicatesCounted() - duplicatesBefore >= DUPLICATES);
        assertThat(duplicatesCounted() - duplicatesBefore).isEqualTo(DUPLICATES);

        // each conversation is one ticket holding exactly its messages, in the order the customer wrote them
        Map<String, List<Object[]>> byConversation = QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Ticket.getEntityManager();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT t.conversation_key, t.id, m.source_message_id, "
                    + "m.text_body, t.customer_id FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id "
                    + "WHERE t.conversation_key LIKE ?1 ORDER BY t.conversation_key, m.created_at, m.id")
                    .setParameter(1, "%" + run + "%").getResultList();
            return rows.stream().collect(Collectors.groupingBy(r -> (String) r[0], HashMap::new,
                    Collectors.toList()));
        });
        assertThat(byConversation).hasSize(conversations.size());
        Set<Object> ticketIds = new HashSet<>();
        for (Conversation conversation : conversations) {
            List<Object[]> rows = byConversation.get(conversation.key());
            assertThat(rows).as(conversation.key()).isNotNull();
            assertThat(rows.stream().map(r -> r[1]).distinct().count()).as("tickets of " + conversation.key())
                    .isEqualTo(1);
            assertThat(rows.stream().map(r -> (String) r[2]).toList()).as(conversation.key())
                    .containsExactlyElementsOf(conversation.messages().stream()
                            .map(InboundMessageReceived::sourceMessageId).toList());
            assertThat(rows.stream().map(r -> (String) r[3]).toList()).as(conversation.key())
                    .containsExactlyElementsOf(conversation.messages().stream()
                            .map(InboundMessageReceived::textBody).toList());
            assertThat(rows.stream().map(r -> r[4]).distinct().count()).isEqualTo(1);
            ticketIds.add(String.valueOf(rows.get(0)[1]));
        }
        assertThat(ticketIds).hasSize(conversations.size());

        // the outbox published everything, and Kafka holds each event exactly once
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> unpublishedOutboxRows(ticketIds) == 0);
        List<ConsumerRecord<String, byte[]>> ticketEvents = topics.readAll(Topics.TICKET_EVENTS,
                r -> ticketIds.contains(r.key()), Duration.ofSeconds(3));
        Map<String, Long> byType = ticketEvents.stream().collect(Collectors.groupingBy(
                r -> TopicProbe.header(r, "ce_type"), Collectors.counting()));
        assertThat(byType).containsEntry(TicketCreated.TYPE, (long) conversations.size())
                .containsEntry(MessageAdded.TYPE, (long) MESSAGES);
        assertThat(ticketEvents.stream().map(r -> TopicProbe.header(r, "ce_id")).distinct().count())
                .isEqualTo(ticketEvents.size());
        Set<String> addedMessages = ticketEvents.stream()
                .filter(r -> MessageAdded.TYPE.equals(TopicProbe.header(r, "ce_type")))
                .map(r -> EventJson.read(r.value(), MessageAdded.class).sourceMessageId())
                .collect(Collectors.toSet());
        assertThat(addedMessages).hasSize(MESSAGES);

        // one acknowledgement request per email ticket, never two
        List<ConsumerRecord<String, byte[]>> outbound = topics.readAll(Topics.OUTBOUND_MESSAGES,
                r -> ticketIds.contains(r.key()), Duration.ofSeconds(3));
        Map<String, Long> acknowledgementsPerTicket = outbound.stream()
                .map(r -> EventJson.read(r.value(), OutboundMessageRequested.class))
                .filter(request -> request.kind() == OutboundKind.ACKNOWLEDGEMENT)
                .collect(Collectors.groupingBy(OutboundMessageRequested::ticketId, Collectors.counting()));
        assertThat(acknowledgementsPerTicket.values()).allMatch(count -> count == 1);
        assertThat(acknowledgementsPerTicket.size()).isGreaterThanOrEqualTo(EMAIL_THREADS);
    }

    private Conversation emailThread(int c) {
        String customer = "asiakas-" + c + "-" + run + "@example.fi";
        String root = run + "-mail-" + c + "-0@mail.example.fi";
        String key = "email:" + root;
        List<InboundMessageReceived> messages = new ArrayList<>();
        List<String> previous = new ArrayList<>();
        for (int m = 0; m < MESSAGES_PER_THREAD; m++) {
            String messageId = run + "-mail-" + c + "-" + m + "@mail.example.fi";
            String subject = (m == 0 ? "" : "Re: ") + "Tilaus " + (100_000 + c);
            String body = "Viesti " + m + " tilauksesta " + (100_000 + c) + " (" + run + ")";
            messages.add(new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(), Channel.EMAIL,
                    messageId, key, "support@localhost", new Participant(customer, "Asiakas " + c),
                    List.of(new Participant("support@localhost", null)), List.of(), subject, body, body, null, null,
                    SenderClassification.PERSON, new EmailHeaders(messageId,
                            previous.isEmpty() ? List.of() : List.of(previous.get(previous.size() - 1)),
                            List.copyOf(previous), null, null, subject, null), List.of(), null, Map.of()));
            previous.add(messageId);
        }
        return new Conversation(key, Channel.EMAIL, customer, messages);
    }

    private Conversation telegramChat(int c) {
        String user = "tg-" + run + "-" + c;
        String key = "telegram:" + run + ":" + c;
        List<InboundMessageReceived> messages = new ArrayList<>();
        for (int m = 0; m < MESSAGES_PER_CHAT; m++) {
            String body = "Telegram " + m + " keskustelussa " + c + " (" + run + ")";
            messages.add(new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(), Channel.TELEGRAM,
                    "tg:" + run + ":" + c + ":" + m, key, null, new Participant(user, "Telegram " + c), List.of(),
                    List.of(), null, body, body, null, null, SenderClassification.PERSON, null, List.of(), null,
                    Map.of()));
        }
        return new Conversation(key, Channel.TELEGRAM, user, messages);
    }

    /** Round-robins over the conversations in a shuffled order each round: one conversation stays in order. */
    private static List<InboundMessageReceived> interleave(List<Conversation> conversations, Random random) {
        List<InboundMessageReceived> stream = new ArrayList<>();
        int longest = conversations.stream().mapToInt(c -> c.messages().size()).max().orElse(0);
        for (int round = 0; round < longest; round++) {
            List<Conversation> order = new ArrayList<>(conversations);
            java.util.Collections.shuffle(order, random);
            for (Conversation conversation : order) {
                if (round < conversation.messages().size()) {
                    stream.add(conversation.messages().get(round));
                }
            }
        }
        return stream;
    }

    private static InboundMessageReceived withEventId(InboundMessageReceived e, String eventId) {
        return new InboundMessageReceived(eventId, e.occurredAt(), e.channel(), e.sourceMessageId(),
                e.conversationKey(), e.inboxAddress(), e.from(), e.to(), e.cc(), e.subject(), e.textBody(),
                e.newText(), e.htmlBody(), e.language(), e.classification(), e.email(), e.attachments(),
                e.rawMessageReference(), e.formFields(), e.brand(), e.team());
    }

    private long storedMessages() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Ticket.getEntityManager().createNativeQuery(
                "SELECT count(*) FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id "
                        + "WHERE t.conversation_key LIKE ?1").setParameter(1, "%" + run + "%").getSingleResult())
                .longValue());
    }

    private static long unpublishedOutboxRows(Set<Object> ticketIds) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Ticket.getEntityManager().createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND record_key IN (:keys)")
                .setParameter("keys", ticketIds.stream().map(String::valueOf).toList()).getSingleResult())
                .longValue());
    }

    /** The ticket service's own count of dropped redeliveries, from its metrics. */
    private static double duplicatesCounted() {
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        // a sample line is "name{labels} value", perhaps followed by an exemplar: " # {trace_id=…} value time"
        return metrics.lines().filter(l -> l.startsWith("tiski_inbound_duplicates_total"))
                .map(l -> l.contains(" # ") ? l.substring(0, l.indexOf(" # ")) : l)
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
