package io.tiski.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.CustomerErased;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PersonalDataScan;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** When ticket-service erases a customer, social-ingest forgets their conversations and stored webhook bodies. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "social_ingest"))
@QuarkusTestResource(PlatformEmulatorResource.class)
class CustomerErasureTest {
    final TopicProbe topics = TopicProbe.ofTestBroker();

    @Inject
    DataSource dataSource;

    @Test
    void anErasedCustomersTelegramConversationAndWebhookBodiesAreForgotten() {
        long chat = Long.parseLong(SocialIntakeTest.id());
        String surname = "Poistettava" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "x");
        String update = """
                {"update_id": %d, "message": {"message_id": 11, "date": %d,
                 "from": {"id": %d, "is_bot": false, "first_name": "Erkki", "last_name": "%s", "language_code": "fi"},
                 "chat": {"id": %d, "type": "private"}, "text": "Hei, olen %s"}}
                """.formatted(Long.parseLong(SocialIntakeTest.id()), System.currentTimeMillis() / 1000, chat, surname,
                chat, surname);
        Webhooks.telegram(update).statusCode(200);
        topics.await(Topics.INBOUND_MESSAGES, r -> ("telegram:shopbot:" + chat).equals(r.key()), 1,
                Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(PersonalDataScan.rowsContaining(
                dataSource, surname)).containsKeys("social_conversation", "outbox_event"));

        topics.publish(EventEnvelope.of(new CustomerErased(UUID.randomUUID().toString(), Instant.now(),
                UUID.randomUUID().toString(), List.of(new CustomerErased.Identity("TELEGRAM", "telegram:" + chat)),
                List.of(), List.of(), List.of(), "REQUEST"), "/test"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(PersonalDataScan.rowsContaining(dataSource, surname)).as("tables naming them").isEmpty();
            assertThat(PersonalDataScan.rowsContaining(dataSource, String.valueOf(chat)))
                    .as("tables holding their platform id").isEmpty();
        });
    }
}
