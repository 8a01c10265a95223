package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.CloudEventHeaders;
import io.tiski.events.v1.DeliveryReported;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.SenderClassification;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import io.tiski.ticket.repository.Ticket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What notification-service reports about acknowledgements reaches the ticket, from the real broker into the real
 * database, a poll's reports at a time: each report once (a redelivered report does not undo a later one), a report
 * that cannot be read goes to the dead-letter topic with the reason, and the reports around it are kept.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class DeliveryReportsTest {
    final TopicProbe topics = TopicProbe.ofTestBroker();

    @Test
    void reportsOfOnePollReachTheirTicketsOnceAndAnUnreadableOneIsDeadLettered() {
        JsonPath first = openTicket();
        JsonPath second = openTicket();
        JsonPath third = openTicket();
        DeliveryReported sent = report(first, "SENT", "<ack-1@tiski.localhost>", null);
        DeliveryReported refused = report(first, "FAILED", null, "550 mailbox unavailable");
        byte[] poison = "{\"eventId\": \"not a report".getBytes(StandardCharsets.UTF_8);

        // all in one partition, in this order: once the last is applied, so is every one before it
        String partitionKey = first.getString("id");
        topics.publishTogether(List.of(
                inPartitionOf(partitionKey, EventEnvelope.of(sent, "/test")),
                inPartitionOf(partitionKey, EventEnvelope.of(refused, "/test")),
                // the first report again, as after a rebalance: it must not undo the refusal that followed it
                inPartitionOf(partitionKey, EventEnvelope.of(sent, "/test")),
                inPartitionOf(partitionKey, EventEnvelope.of(report(second, "SENT", "<ack-2@tiski.localhost>", null),
                        "/test")),
                new EventEnvelope(Topics.DELIVERY_REPORTS, partitionKey, Map.of(CloudEventHeaders.TYPE,
                        DeliveryReported.TYPE), poison),
                // a report of a request this service never made is ignored, and does not stop the rest
                inPartitionOf(partitionKey, EventEnvelope.of(new DeliveryReported(UUID.randomUUID().toString(),
                        Instant.now(), UUID.randomUUID().toString(), third.getString("id"), third.getLong("number"),
                        Channel.EMAIL, "email:unknown", OutboundKind.ACKNOWLEDGEMENT, "SENT", null, null), "/test")),
                inPartitionOf(partitionKey, EventEnvelope.of(report(third, "SENT", "<ack-3@tiski.localhost>", null),
                        "/test"))));

        assertThat(deliveryOnceReported(third, "SENT").get("providerMessageId")).isEqualTo("<ack-3@tiski.localhost>");
        assertThat(delivery(second).get("status")).isEqualTo("SENT");
        assertThat(delivery(second).get("providerMessageId")).isEqualTo("<ack-2@tiski.localhost>");
        // the first ticket's delivery keeps the refusal: the repeated SENT report after it was dropped
        assertThat(delivery(first).get("status")).isEqualTo("FAILED");
        assertThat(delivery(first).get("reason")).isEqualTo("550 mailbox unavailable");
        var dead = topics.await(Topics.deadLetterTopicOf(Topics.DELIVERY_REPORTS),
                r -> java.util.Arrays.equals(poison, r.value()), 1, Duration.ofSeconds(30));
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).isNotBlank();
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.DELIVERY_REPORTS);
        assertThat(TopicProbe.header(dead.get(0), CloudEventHeaders.TYPE)).isEqualTo(DeliveryReported.TYPE);
    }

    @Test
    void aReportForATicketAnotherTransactionHoldsIsRecordedWithoutWaitingForIt() throws Exception {
        JsonPath ticket = openTicket();
        UUID ticketId = UUID.fromString(ticket.getString("id"));
        Instant before = updatedAt(ticketId);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // as an inbound batch holds the tickets it writes to until it commits
        java.util.concurrent.Future<?> holder = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() ->
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
                    Ticket.getEntityManager().createNativeQuery("SELECT id FROM ticket WHERE id = ?1 FOR UPDATE")
                            .setParameter(1, ticketId).getResultList();
                    held.countDown();
                    try {
                        release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        try {
            assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            topics.publish(EventEnvelope.of(report(ticket, "SENT", "<held@tiski.localhost>", null), "/test"));
            assertThat(deliveryOnceReported(ticket, "SENT").get("providerMessageId")).isEqualTo("<held@tiski.localhost>");
            assertThat(updatedAt(ticketId)).isEqualTo(before);
        } finally {
            release.countDown();
        }
        holder.get(30, java.util.concurrent.TimeUnit.SECONDS);
        // once the holder is done, the ticket shows the change to the agents' live view
        await().atMost(Duration.ofSeconds(20)).until(() -> updatedAt(ticketId).isAfter(before));
    }

    private static Instant updatedAt(UUID ticketId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                Ticket.<Ticket>findById(ticketId).updatedAt);
    }

    private static EventEnvelope inPartitionOf(String key, EventEnvelope event) {
        return new EventEnvelope(event.topic(), key, event.headers(), event.value());
    }

    private JsonPath openTicket() {
        String messageId = "report-" + UUID.randomUUID() + "@mail.example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email("raportti@example.fi", "Raportti",
                "Tilaus " + messageId, "Missä tilaukseni on?", messageId, List.of(), null,
                SenderClassification.PERSON), "/test"));
        return InboundMessageFlowTest.ticketOf(messageId);
    }

    private static DeliveryReported report(JsonPath ticket, String status, String providerMessageId, String reason) {
        return new DeliveryReported(UUID.randomUUID().toString(), Instant.now(), ticket.getString("deliveries[0].id"),
                ticket.getString("id"), ticket.getLong("number"), Channel.EMAIL, "email:" + ticket.getString("id"),
                OutboundKind.ACKNOWLEDGEMENT, status, providerMessageId, reason);
    }

    /** The ticket's one delivery once it has this status. */
    private static Map<String, Object> deliveryOnceReported(JsonPath ticket, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> delivery(ticket),
                d -> status.equals(d.get("status")));
    }

    private static Map<String, Object> delivery(JsonPath ticket) {
        JsonPath details = given().auth().oauth2(InboundMessageFlowTest.TOKEN).get("/api/v1/tickets/"
                + ticket.getString("id")).then().statusCode(200).extract().jsonPath();
        assertThat(details.getList("deliveries")).hasSize(1);
        return details.getMap("deliveries[0]");
    }
}
