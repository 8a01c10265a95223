package io.tiski.social;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "social_ingest"))
class TelegramWebhookTest {
    static final String SECRET = "test-telegram-secret-0123456789";
    static final String URL = "/api/v1/webhooks/telegram/shopbot";
    final TopicProbe topics = TopicProbe.ofTestBroker();

    static String update(long updateId, long chatId, long messageId, String text) {
        return """
                {"update_id": %d, "message": {"message_id": %d, "date": 1795460000,
                 "from": {"id": %d, "is_bot": false, "first_name": "Aino", "last_name": "Laine", "language_code": "fi"},
                 "chat": {"id": %d, "type": "private"}, "text": "%s"}}
                """.formatted(updateId, messageId, chatId, chatId, text);
    }

    @Test
    void signedUpdateBecomesAnInboundMessageOnceEvenWhenTelegramRetries() {
        long updateId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        long chatId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        String body = update(updateId, chatId, 7, "Hei, missä tilaukseni on?");
        given().header("X-Telegram-Bot-Api-Secret-Token", SECRET).contentType("application/json").body(body)
                .post(URL).then().statusCode(200).body("result", equalTo("PUBLISHED"));
        given().header("X-Telegram-Bot-Api-Secret-Token", SECRET).contentType("application/json").body(body)
                .post(URL).then().statusCode(200).body("result", equalTo("DUPLICATE"));

        String conversation = "telegram:shopbot:" + chatId;
        var records = topics.await(Topics.INBOUND_MESSAGES, r -> conversation.equals(r.key()), 1,
                Duration.ofSeconds(20));
        InboundMessageReceived event = EventJson.read(records.get(0).value(), InboundMessageReceived.class);
        assertThat(event.channel()).isEqualTo(Channel.TELEGRAM);
        assertThat(event.from().address()).isEqualTo("telegram:" + chatId);
        assertThat(event.from().displayName()).isEqualTo("Aino Laine");
        assertThat(event.textBody()).isEqualTo("Hei, missä tilaukseni on?");
        assertThat(event.language()).isEqualTo("fi");
        assertThat(event.conversationKey()).isEqualTo(conversation);
        assertThat(topics.readAll(Topics.INBOUND_MESSAGES, r -> conversation.equals(r.key()), Duration.ofSeconds(2)))
                .hasSize(1);
    }

    @Test
    void missingOrWrongSecretIsRefusedBeforeParsing() {
        given().contentType("application/json").body("{not even json").post(URL).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Telegram-Bot-Api-Secret-Token", SECRET + "x").contentType("application/json")
                .body(update(1, 1, 1, "x")).post(URL).then().statusCode(401);
        given().header("X-Telegram-Bot-Api-Secret-Token", SECRET).contentType("application/json")
                .body(update(1, 1, 1, "x")).post("/api/v1/webhooks/telegram/unknown").then().statusCode(401);
    }

    @Test
    void oversizedBodyIsRefused() {
        given().header("X-Telegram-Bot-Api-Secret-Token", SECRET).contentType("application/json")
                .body(update(2, 2, 2, "x".repeat(300_000))).post(URL).then().statusCode(413);
    }

    @Test
    void unintelligiblePayloadIsQuarantinedNotDropped() {
        given().header("X-Telegram-Bot-Api-Secret-Token", SECRET).contentType("application/json")
                .body("[\"not an update\"]".getBytes(StandardCharsets.UTF_8)).post(URL).then().statusCode(200)
                .body("result", equalTo("QUARANTINED"));
    }

    @Test
    void healthAndMetrics() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
