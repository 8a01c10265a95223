package io.tiski.social;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.social.domain.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every webhook refuses what a platform did not send, before any of the body is parsed: a body that is not even
 * JSON gets the same refusal as a well-formed one, so the refusal cannot have come from a parser.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "social_ingest"))
@QuarkusTestResource(PlatformEmulatorResource.class)
class WebhookSecurityTest {

    /** One platform's way of signing: the path, the header and how it is computed. */
    record Platform(String path, String header, BiFunction<String, byte[], String> sign, String secret) {
        RequestSpecification signed(byte[] body) {
            return given().header(header, sign.apply(secret, body)).contentType("application/json").body(body);
        }
    }

    static Platform platform(String name) {
        return switch (name) {
            case "messenger" -> new Platform("/api/v1/webhooks/meta/shoppage", "X-Hub-Signature-256",
                    WebhookSignature::hexHeader, PlatformEmulatorResource.META_APP_SECRET);
            case "instagram" -> new Platform("/api/v1/webhooks/meta/shopinsta", "X-Hub-Signature-256",
                    WebhookSignature::hexHeader, PlatformEmulatorResource.META_APP_SECRET);
            case "whatsapp" -> new Platform("/api/v1/webhooks/meta/shopwhatsapp", "X-Hub-Signature-256",
                    WebhookSignature::hexHeader, PlatformEmulatorResource.META_APP_SECRET);
            case "telegram" -> new Platform("/api/v1/webhooks/telegram/shopbot", "X-Telegram-Bot-Api-Secret-Token",
                    (secret, body) -> secret, Webhooks.TELEGRAM_SECRET);
            default -> new Platform("/api/v1/webhooks/x/shopx", "x-twitter-webhooks-signature",
                    WebhookSignature::base64Header, PlatformEmulatorResource.X_CONSUMER_SECRET);
        };
    }

    static byte[] body() {
        return ("{\"object\": \"page\", \"entry\": [], \"nonce\": \"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"messenger", "instagram", "whatsapp", "telegram", "x"})
    void unsignedRequestsAre401(String name) {
        Platform platform = platform(name);
        given().contentType("application/json").body("{not json at all").post(platform.path()).then()
                .statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body(body()).post(platform.path()).then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"messenger", "instagram", "whatsapp", "telegram", "x"})
    void wronglySignedRequestsAre403(String name) {
        Platform platform = platform(name);
        byte[] body = body();
        given().header(platform.header(), platform.sign().apply(platform.secret() + "-not", body))
                .contentType("application/json").body(body).post(platform.path()).then().statusCode(403)
                .contentType("application/problem+json");
        // signed for another body: the signature covers every byte
        given().header(platform.header(), platform.sign().apply(platform.secret(), body())).contentType(
                "application/json").body("{not json".getBytes(StandardCharsets.UTF_8)).post(platform.path()).then()
                .statusCode(name.equals("telegram") ? 200 : 403);
        given().header(platform.header(), "sha256=zz").contentType("application/json").body(body)
                .post(platform.path()).then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"messenger", "instagram", "whatsapp", "telegram", "x"})
    void replayedRequestsAre403(String name) {
        Platform platform = platform(name);
        byte[] body = body();
        platform.signed(body).post(platform.path()).then().statusCode(200).body("result", equalTo("ACCEPTED"));
        platform.signed(body).post(platform.path()).then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("received before"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"messenger", "instagram", "whatsapp", "telegram", "x"})
    void oversizedRequestsAre413(String name) {
        Platform platform = platform(name);
        byte[] body = ("{\"pad\": \"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        platform.signed(body).post(platform.path()).then().statusCode(413).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/webhooks/meta/nosuchpage", "/api/v1/webhooks/telegram/nosuchbot",
            "/api/v1/webhooks/x/nosuchaccount"})
    void unknownConnectionsAre401(String path) {
        byte[] body = body();
        given().header("X-Hub-Signature-256", WebhookSignature.hexHeader(PlatformEmulatorResource.META_APP_SECRET,
                body)).contentType("application/json").body(body).post(path).then().statusCode(401);
    }

    @Test
    void metaSubscriptionHandshakeEchoesTheChallengeOnlyForTheVerifyToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token",
                PlatformEmulatorResource.META_VERIFY_TOKEN).queryParam("hub.challenge", "1158201444")
                .get("/api/v1/webhooks/meta/shoppage").then().statusCode(200).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "guess")
                .queryParam("hub.challenge", "1158201444").get("/api/v1/webhooks/meta/shoppage").then()
                .statusCode(403);
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token",
                PlatformEmulatorResource.META_VERIFY_TOKEN).queryParam("hub.challenge", "1")
                .get("/api/v1/webhooks/meta/shoppage").then().statusCode(403);
    }

    @Test
    void xChallengeResponseCheckIsAnsweredWithTheHmacOfTheToken() {
        given().queryParam("crc_token", "challenge-123").get("/api/v1/webhooks/x/shopx").then().statusCode(200)
                .body("response_token", equalTo(WebhookSignature.crcResponse(
                        PlatformEmulatorResource.X_CONSUMER_SECRET, "challenge-123")));
        given().get("/api/v1/webhooks/x/shopx").then().statusCode(400);
    }

    @Test
    void anAddressThatKeepsBeingRefusedIsSlowedDownWithoutSlowingThePlatforms() {
        String guesser = "203.0.113." + (1 + (int) (Math.random() * 250));
        Platform meta = platform("messenger");
        for (int i = 0; i < 200; i++) {
            given().header("X-Forwarded-For", guesser).header(meta.header(), "sha256=" + "0".repeat(64))
                    .contentType("application/json").body(body()).post(meta.path()).then().statusCode(403);
        }
        given().header("X-Forwarded-For", guesser).contentType("application/json").body(body())
                .post("/api/v1/webhooks/telegram/shopbot").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", "60");
        // the platform, from its own address, is not affected
        meta.signed(body()).header("X-Forwarded-For", "198.51.100.7").post(meta.path()).then().statusCode(200);
    }
}
