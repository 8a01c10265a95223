package io.tiski.localstack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.tiski.infrastructure.SocialPlatforms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every social platform end to end: a webhook signed as the platform signs it reaches social-ingest-service, goes
 * over Kafka into ticket-service as a ticket, a second message of the same customer joins that ticket, and an
 * agent's reply through the ticket API leaves through social-ingest-service to the platform's send API (emulated
 * over HTTP), with its delivery state back on the ticket. Each service is its packaged application in its own JVM.
 */
class SocialChannelsIT {
    static final String TOKEN = "e2e-admin-token-" + UUID.randomUUID();
    static final String META_SECRET = "e2e-meta-app-secret";
    static final String X_SECRET = "e2e-x-consumer-secret";
    static final String TELEGRAM_SECRET = "e2e-telegram-secret";
    /** The public address the platforms fetch reply media from; the test asks the local service instead. */
    static final String PUBLIC_SOCIAL = "https://social.shop.example";
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};
    static SocialPlatforms platforms;
    static LocalStack stack;
    static Path data;

    @BeforeAll
    static void startStack() throws Exception {
        platforms = SocialPlatforms.start();
        Map<String, String> social = new HashMap<>();
        social.put("tiski.social.telegram.shopbot.secret-token", TELEGRAM_SECRET);
        social.put("tiski.social.telegram.shopbot.bot-token", SocialPlatforms.TELEGRAM_TOKEN);
        social.put("tiski.social.telegram.shopbot.api-url", platforms.url());
        meta(social, "shoppage", "messenger", "PAGE1");
        meta(social, "shopinsta", "instagram", "IG1");
        meta(social, "shopwhatsapp", "whatsapp", "PHONE1");
        social.put("tiski.social.x.shopx.consumer-secret", X_SECRET);
        social.put("tiski.social.x.shopx.access-token", SocialPlatforms.X_TOKEN);
        social.put("tiski.social.x.shopx.account-id", "X1");
        social.put("tiski.social.x.shopx.api-url", platforms.url());
        social.put("tiski.social.public-base-url", PUBLIC_SOCIAL);
        social.put("tiski.social.media-link-secret", "e2e-media-link-secret");
        LocalStack.Settings settings = LocalStack.Settings.throwaway("social-e2e", TOKEN).withSocialConnections(social);
        data = settings.dataDir();
        stack = LocalStack.start(settings, System.out::println);
    }

    static void meta(Map<String, String> config, String name, String platform, String accountId) {
        String prefix = "tiski.social.meta." + name + ".";
        config.put(prefix + "platform", platform);
        config.put(prefix + "app-secret", META_SECRET);
        config.put(prefix + "verify-token", "e2e-verify");
        config.put(prefix + "access-token", SocialPlatforms.META_TOKEN);
        config.put(prefix + "account-id", accountId);
        config.put(prefix + "graph-url", platforms.graphUrl());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (platforms != null) {
            platforms.close();
        }
    }

    static String api() {
        return stack.service(LocalStack.TICKET).url();
    }

    static String social() {
        return stack.service(LocalStack.SOCIAL_INGEST).url();
    }

    static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    static String hmacBase64(String secret, byte[] body) throws Exception {
        return java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hmacHex(secret, body)));
    }

    /** One customer message, signed and posted as the platform would; the user id is the customer's on it. */
    static void customerWrites(String platform, String user, String text, String photoId) throws Exception {
        long now = System.currentTimeMillis();
        String mid = UUID.randomUUID().toString().replace("-", "");
        String attachments = photoId == null ? "" : ", \"attachments\": [{\"type\": \"image\", \"payload\": "
                + "{\"url\": \"" + platforms.cdnUrl(photoId) + "\"}}]";
        String body;
        String path;
        String header;
        String signature;
        switch (platform) {
            case "messenger", "instagram" -> {
                String account = platform.equals("messenger") ? "PAGE1" : "IG1";
                body = """
                        {"object": "%s", "entry": [{"id": "%s", "time": %d, "messaging": [{"sender": {"id": "%s"},
                          "recipient": {"id": "%s"}, "timestamp": %d, "message": {"mid": "m_%s", "text": "%s"%s}}]}]}
                        """.formatted(platform.equals("messenger") ? "page" : "instagram", account, now, user,
                        account, now, mid, text, attachments);
                path = "/api/v1/webhooks/meta/" + (platform.equals("messenger") ? "shoppage" : "shopinsta");
                header = "X-Hub-Signature-256";
                signature = "sha256=" + hmacHex(META_SECRET, body.getBytes(StandardCharsets.UTF_8));
            }
            case "whatsapp" -> {
                body = """
                        {"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"field":
                          "messages", "value": {"messaging_product": "whatsapp", "metadata": {"phone_number_id":
                          "PHONE1"}, "contacts": [{"profile": {"name": "Erik Lindqvist"}, "wa_id": "%s"}],
                          "messages": [{"from": "%s", "id": "wamid.%s", "timestamp": "%d", "type": "text",
                          "text": {"body": "%s"}}]}}]}]}
                        """.formatted(user, user, mid, now / 1000, text);
                path = "/api/v1/webhooks/meta/shopwhatsapp";
                header = "X-Hub-Signature-256";
                signature = "sha256=" + hmacHex(META_SECRET, body.getBytes(StandardCharsets.UTF_8));
            }
            case "telegram" -> {
                body = """
                        {"update_id": %d, "message": {"message_id": %d, "date": %d, "from": {"id": %s,
                          "is_bot": false, "first_name": "Aino", "language_code": "fi"}, "chat": {"id": %s,
                          "type": "private"}, "text": "%s"}}
                        """.formatted(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2),
                        ThreadLocalRandom.current().nextInt(1, 1_000_000), now / 1000, user, user, text);
                path = "/api/v1/webhooks/telegram/shopbot";
                header = "X-Telegram-Bot-Api-Secret-Token";
                signature = TELEGRAM_SECRET;
            }
            default -> {
                body = """
                        {"for_user_id": "X1", "direct_message_events": [{"type": "message_create", "id": "%d",
                          "created_timestamp": "%d", "message_create": {"target": {"recipient_id": "X1"},
                          "sender_id": "%s", "message_data": {"text": "%s"}}}],
                         "users": {"%s": {"id": "%s", "name": "Maija Virtanen", "screen_name": "maija"}}}
                        """.formatted(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2), now, user, text,
                        user, user);
                path = "/api/v1/webhooks/x/shopx";
                header = "x-twitter-webhooks-signature";
                signature = "sha256=" + hmacBase64(X_SECRET, body.getBytes(StandardCharsets.UTF_8));
            }
        }
        given().header(header, signature).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).post(social() + path).then().statusCode(200);
    }

    static JsonPath ticketWith(String word, int messages) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath page = given().auth().oauth2(TOKEN).queryParam("q", word).get(api() + "/api/v1/tickets")
                    .then().statusCode(200).extract().jsonPath();
            return page.getList("items").isEmpty() ? null : given().auth().oauth2(TOKEN)
                    .get(api() + "/api/v1/tickets/" + page.getString("items[0].id")).then().statusCode(200)
                    .extract().jsonPath();
        }, t -> t != null && t.getList("messages").size() >= messages);
    }

    @ParameterizedTest
    @ValueSource(strings = {"messenger", "instagram", "whatsapp", "telegram", "x"})
    void aCustomersMessagesBecomeOneTicketAndTheAgentsReplyReachesThePlatform(String platform) throws Exception {
        String user = platform.equals("whatsapp") ? "35840" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999)
                : String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
        String word = "tilaus" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String photo = platform.equals("messenger") ? "e2e-photo-" + UUID.randomUUID() : null;
        if (photo != null) {
            platforms.putFile(photo, JPEG);
        }
        customerWrites(platform, user, "Hei, missä on " + word + "?", photo);
        JsonPath ticket = ticketWith(word, 1);
        assertThat(ticket.getString("channel")).isEqualTo(platform.toUpperCase());
        String ticketId = ticket.getString("id");

        customerWrites(platform, user, "Lisätieto: tilasin sen maanantaina", null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(given().auth().oauth2(TOKEN)
                .get(api() + "/api/v1/tickets/" + ticketId).then().extract().jsonPath()
                .getList("messages.text", String.class)).contains("Lisätieto: tilasin sen maanantaina"));

        if (photo != null) {
            String sha256 = ticket.getString("messages[0].attachments[0].sha256");
            assertThat(sha256).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(JPEG)));
            assertThat(Files.readAllBytes(data.resolve("objects").resolve(sha256.substring(0, 2))
                    .resolve(sha256.substring(2, 4)).resolve(sha256))).isEqualTo(JPEG);
        }

        String reply = "Hei! Paketti " + word + " lähti tänään.";
        byte[] receipt = ("\u00FF\u00D8\u00FF\u00E0 kuitti " + word).getBytes(StandardCharsets.ISO_8859_1);
        String upload = given().auth().oauth2(TOKEN).contentType("application/octet-stream").body(receipt)
                .queryParam("fileName", "kuitti.jpg").post(api() + "/api/v1/attachments").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("text", reply, "attachments",
                List.of(upload))).post(api() + "/api/v1/tickets/" + ticketId + "/replies").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(platforms.calls().stream()
                .filter(c -> "POST".equals(c.method())).filter(c -> reply.equals(c.text("/message/text"))
                        || reply.equals(c.text("/text/body")) || reply.equals(c.text("/text"))).toList())
                .singleElement().satisfies(call -> assertThat(List.of(String.valueOf(call.text("/recipient/id")),
                        String.valueOf(call.text("/to")), String.valueOf(call.text("/chat_id")), call.path()))
                        .anySatisfy(value -> assertThat(value).contains(user))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(given().auth().oauth2(TOKEN)
                .get(api() + "/api/v1/tickets/" + ticketId).then().extract().jsonPath()
                .getList("deliveries.findAll { it.kind == 'AGENT_REPLY' }.status", String.class))
                .containsExactly("SENT"));
        assertThat(photoSentTo(platform, user)).isEqualTo(receipt);
    }

    /** The photo of the reply as the platform received it: fetched through its link, or uploaded (X). */
    static byte[] photoSentTo(String platform, String user) {
        List<SocialPlatforms.Call> posts = platforms.calls().stream().filter(c -> "POST".equals(c.method())).toList();
        String link = switch (platform) {
            case "messenger", "instagram" -> posts.stream().filter(c -> user.equals(c.text("/recipient/id")))
                    .map(c -> c.text("/message/attachment/payload/url")).filter(java.util.Objects::nonNull)
                    .findFirst().orElseThrow();
            case "whatsapp" -> posts.stream().filter(c -> user.equals(c.text("/to")))
                    .map(c -> c.text("/image/link")).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
            case "telegram" -> posts.stream().filter(c -> user.equals(c.text("/chat_id")))
                    .map(c -> c.text("/photo")).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
            default -> null;
        };
        if (link == null) {
            String mediaId = posts.stream().filter(c -> c.path().contains("/with/" + user + "/"))
                    .map(c -> c.text("/attachments/0/media_id")).filter(java.util.Objects::nonNull).findFirst()
                    .orElseThrow();
            String upload = new String(platforms.uploadedToX(mediaId), StandardCharsets.ISO_8859_1);
            int start = upload.indexOf("\r\n\r\n", upload.indexOf("name=\"media\"")) + 4;
            return upload.substring(start, upload.indexOf("\r\n--", start)).getBytes(StandardCharsets.ISO_8859_1);
        }
        assertThat(link).startsWith(PUBLIC_SOCIAL + "/api/v1/media/");
        return given().get(social() + link.substring(PUBLIC_SOCIAL.length())).then().statusCode(200).extract()
                .asByteArray();
    }
}
