package io.tiski.social;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.SocialPlatforms;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import io.tiski.social.domain.WebhookSignature;
import io.tiski.social.repository.StoredConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Connections added and removed by an administrator at run time, with their secrets stored encrypted. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "social_ingest"))
@QuarkusTestResource(PlatformEmulatorResource.class)
class ConnectionAdministrationTest {
    static final String ADMIN = "test-admin-token-0123456789";
    final TopicProbe topics = TopicProbe.ofTestBroker();

    @Test
    void aConnectionAddedAtRunTimeServesItsWebhookKeepsItsSecretsEncryptedAndCanBeDisconnected() {
        String name = "kauppa-" + UUID.randomUUID().toString().substring(0, 8);
        String appSecret = "runtime-app-secret-" + UUID.randomUUID();
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("platform", "messenger",
                "accountId", "PAGE9", "inboxName", "Kauppa Facebook", "apiUrl",
                PlatformEmulatorResource.platforms().graphUrl(), "secrets", Map.of("appSecret", appSecret,
                        "verifyToken", "runtime-verify", "accessToken", SocialPlatforms.META_TOKEN)))
                .put("/api/v1/admin/connections/" + name).then().statusCode(200)
                .body("source", equalTo("admin-api")).body("webhookPath", equalTo("/api/v1/webhooks/meta/" + name))
                .body("canReply", equalTo(true));
        given().auth().oauth2(ADMIN).get("/api/v1/admin/connections").then().statusCode(200)
                .body("find { it.name == '" + name + "' }.platform", equalTo("messenger"))
                .body(not(containsString(appSecret)));
        QuarkusTransaction.requiringNew().run(() -> {
            StoredConnection row = StoredConnection.findById(name);
            assertThat(new String(row.secrets, StandardCharsets.ISO_8859_1)).doesNotContain(appSecret);
            assertThat(row.settings).doesNotContain(appSecret);
        });

        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "runtime-verify")
                .queryParam("hub.challenge", "42").get("/api/v1/webhooks/meta/" + name).then().statusCode(200)
                .body(equalTo("42"));
        String psid = String.valueOf(System.nanoTime());
        byte[] body = Webhooks.messenger("page", "PAGE9", psid, "m_" + UUID.randomUUID(), System.currentTimeMillis(),
                "\"text\": \"Hei uusi sivu\"").getBytes(StandardCharsets.UTF_8);
        given().header("X-Hub-Signature-256", WebhookSignature.hexHeader(appSecret, body))
                .contentType("application/json").body(body).post("/api/v1/webhooks/meta/" + name).then()
                .statusCode(200);
        InboundMessageReceived event = EventJson.read(topics.await(Topics.INBOUND_MESSAGES,
                r -> ("messenger:" + name + ":" + psid).equals(r.key()), 1, Duration.ofSeconds(30)).get(0).value(),
                InboundMessageReceived.class);
        assertThat(event.inboxAddress()).isEqualTo("Kauppa Facebook");

        given().auth().oauth2(ADMIN).delete("/api/v1/admin/connections/" + name).then().statusCode(204);
        byte[] later = Webhooks.messenger("page", "PAGE9", psid, "m_" + UUID.randomUUID(), System.currentTimeMillis(),
                "\"text\": \"Vielä\"").getBytes(StandardCharsets.UTF_8);
        given().header("X-Hub-Signature-256", WebhookSignature.hexHeader(appSecret, later))
                .contentType("application/json").body(later).post("/api/v1/webhooks/meta/" + name).then()
                .statusCode(401);
        given().auth().oauth2(ADMIN).delete("/api/v1/admin/connections/" + name).then().statusCode(404);
    }

    @Test
    void whatCannotBeAConnectionIsRefusedWithTheReason() {
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("platform", "whatsapp",
                "accountId", "1", "secrets", Map.of("appSecret", "x"))).put("/api/v1/admin/connections/wa").then()
                .statusCode(400).body("detail", containsString("secrets.verifyToken"));
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("platform", "myspace",
                "secrets", Map.of())).put("/api/v1/admin/connections/old").then().statusCode(400);
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("platform", "telegram",
                "secrets", Map.of("secretToken", "s", "password", "p"))).put("/api/v1/admin/connections/tg").then()
                .statusCode(400).body("detail", containsString("secrets.password"));
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("platform", "telegram",
                "secrets", Map.of("secretToken", "s"))).put("/api/v1/admin/connections/Bad Name").then()
                .statusCode(400);
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("platform", "messenger",
                "accountId", "P", "secrets", Map.of("appSecret", "a", "verifyToken", "v")))
                .put("/api/v1/admin/connections/shoppage").then().statusCode(409)
                .body("detail", containsString("in the configuration"));
        given().contentType("application/json").body(Map.of("platform", "telegram"))
                .put("/api/v1/admin/connections/tg").then().statusCode(401);
    }
}
