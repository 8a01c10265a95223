package io.tiski.social;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.AttachmentReference;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.SocialPlatforms;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import io.tiski.objectstore.FileSystemObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Signed webhooks of every platform, through the real HTTP endpoint, PostgreSQL and Kafka, with the platforms'
 * media and profile APIs emulated over HTTP: what each becomes on the inbound topic.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "social_ingest"))
@QuarkusTestResource(PlatformEmulatorResource.class)
class SocialIntakeTest {
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
    final TopicProbe topics = TopicProbe.ofTestBroker();

    static String id() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
    }

    static SocialPlatforms platforms() {
        return PlatformEmulatorResource.platforms();
    }

    List<InboundMessageReceived> inbound(String conversationKey, int count) {
        return topics.await(Topics.INBOUND_MESSAGES, r -> conversationKey.equals(r.key()), count,
                Duration.ofSeconds(30)).stream().map(r -> EventJson.read(r.value(), InboundMessageReceived.class))
                .toList();
    }

    static byte[] stored(AttachmentReference attachment) throws Exception {
        String sha = attachment.sha256();
        return Files.readAllBytes(Path.of("target/objects", sha.substring(0, 2), sha.substring(2, 4), sha));
    }

    @Test
    void messengerMessageWithAPhotoIsPublishedWithThePhotoKeptAndTheCustomersName() throws Exception {
        String psid = id();
        String photo = "photo-" + UUID.randomUUID();
        platforms().putFile(photo, JPEG);
        platforms().putProfileName(psid, "Aino", "Laine");
        Webhooks.meta("shoppage", Webhooks.messenger("page", PlatformEmulatorResource.PAGE_ID, psid, "m_" + id(),
                System.currentTimeMillis(), """
                "text": "Paketti tuli rikki, kuva liitteenä",
                "attachments": [{"type": "image", "payload": {"url": "%s"}}]""".formatted(
                platforms().cdnUrl(photo)))).statusCode(200).body("result", equalTo("ACCEPTED"));

        InboundMessageReceived event = inbound("messenger:shoppage:" + psid, 1).get(0);
        assertThat(event.channel()).isEqualTo(Channel.MESSENGER);
        assertThat(event.from().address()).isEqualTo("messenger:" + psid);
        assertThat(event.from().displayName()).isEqualTo("Aino Laine");
        assertThat(event.textBody()).isEqualTo("Paketti tuli rikki, kuva liitteenä");
        assertThat(event.inboxAddress()).isEqualTo("Verkkokauppa messenger");
        assertThat(event.attachments()).hasSize(1);
        AttachmentReference attachment = event.attachments().get(0);
        assertThat(attachment.mediaType()).isEqualTo("image/jpeg");
        assertThat(attachment.sha256()).isEqualTo(FileSystemObjectStore.sha256(JPEG));
        assertThat(stored(attachment)).isEqualTo(JPEG);
    }

    @Test
    void instagramStoryReplyAndQuickReplyKeepTheirContext() {
        String igsid = id();
        Webhooks.meta("shopinsta", Webhooks.messenger("instagram", PlatformEmulatorResource.INSTAGRAM_ID, igsid,
                "ig_" + id(), System.currentTimeMillis(), """
                "text": "Onko tätä mekkoa kokoa M?",
                "reply_to": {"story": {"url": "https://lookaside.example/story/1", "id": "1795001"}}""")).statusCode(200);
        Webhooks.meta("shopinsta", Webhooks.messenger("instagram", PlatformEmulatorResource.INSTAGRAM_ID, igsid,
                "ig_" + id(), System.currentTimeMillis() + 1000, """
                "text": "Kyllä kiitos", "quick_reply": {"payload": "RESERVE_M"}""")).statusCode(200);

        List<InboundMessageReceived> events = inbound("instagram:shopinsta:" + igsid, 2);
        assertThat(events.get(0).channel()).isEqualTo(Channel.INSTAGRAM);
        assertThat(events.get(0).textBody()).isEqualTo("[reply to a story] Onko tätä mekkoa kokoa M?");
        assertThat(events.get(0).formFields()).containsEntry("storyReply", "1795001");
        assertThat(events.get(1).formFields()).containsEntry("quickReply", "RESERVE_M");
        assertThat(events.get(1).conversationKey()).isEqualTo(events.get(0).conversationKey());
    }

    @Test
    void whatsappImageIsFetchedWithTheTokenAndTheNameComesFromTheContact() throws Exception {
        String waId = "35840" + id().substring(0, 7);
        String media = "wamedia" + id();
        platforms().putFile(media, JPEG);
        Webhooks.meta("shopwhatsapp", Webhooks.whatsapp(waId, "Erik Lindqvist", "wamid." + id(),
                System.currentTimeMillis() / 1000, "image", """
                {"caption": "Fel storlek", "mime_type": "image/jpeg", "id": "%s"}""".formatted(media)))
                .statusCode(200);

        InboundMessageReceived event = inbound("whatsapp:shopwhatsapp:" + waId, 1).get(0);
        assertThat(event.channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(event.from().address()).isEqualTo("whatsapp:+" + waId);
        assertThat(event.from().displayName()).isEqualTo("Erik Lindqvist");
        assertThat(event.textBody()).isEqualTo("Fel storlek");
        assertThat(stored(event.attachments().get(0))).isEqualTo(JPEG);
        // the media id was exchanged for its URL, and the download carried the token
        assertThat(platforms().callsTo("/media/" + media)).singleElement()
                .satisfies(c -> assertThat(c.authorization()).isEqualTo("Bearer " + SocialPlatforms.META_TOKEN));
    }

    @Test
    void telegramPhotoIsFetchedThroughGetFile() throws Exception {
        long chat = Long.parseLong(id());
        String fileId = "AgACAgQ" + id();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
        platforms().putFile(fileId, png);
        Webhooks.telegram(Webhooks.telegramUpdate(Long.parseLong(id()), chat, 7, """
                "caption": "Tässä kuitti", "photo": [{"file_id": "small", "width": 90, "height": 90},
                 {"file_id": "%s", "width": 1280, "height": 960}]""".formatted(fileId))).statusCode(200);

        InboundMessageReceived event = inbound("telegram:shopbot:" + chat, 1).get(0);
        assertThat(event.channel()).isEqualTo(Channel.TELEGRAM);
        assertThat(event.from().displayName()).isEqualTo("Aino Laine");
        assertThat(event.language()).isEqualTo("fi");
        assertThat(event.textBody()).isEqualTo("Tässä kuitti");
        assertThat(event.attachments().get(0).mediaType()).isEqualTo("image/png");
        assertThat(stored(event.attachments().get(0))).isEqualTo(png);
    }

    @Test
    void xDirectMessageIsPublishedAndTheShopsOwnMessagesAreNot() {
        String sender = id();
        Webhooks.x(Webhooks.xDirectMessage(id(), sender, "Maija Virtanen", "Milloin tilaukseni saapuu?", null))
                .statusCode(200);
        Webhooks.x(Webhooks.xDirectMessage(id(), PlatformEmulatorResource.X_ACCOUNT_ID, "Verkkokauppa",
                "Our own reply", null)).statusCode(200);

        InboundMessageReceived event = inbound("x:shopx:" + sender, 1).get(0);
        assertThat(event.channel()).isEqualTo(Channel.X);
        assertThat(event.from().displayName()).isEqualTo("Maija Virtanen");
        assertThat(event.formFields()).containsEntry("screenName", "@asiakas_" + sender);
        assertThat(topics.readAll(Topics.INBOUND_MESSAGES, r -> r.key().equals("x:shopx:"
                + PlatformEmulatorResource.X_ACCOUNT_ID), Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void theSameMessageInAnotherRequestIsOneMessageAndTheNextOneJoinsTheConversation() {
        String psid = id();
        String mid = "m_" + id();
        long now = System.currentTimeMillis();
        Webhooks.meta("shoppage", Webhooks.messenger("page", PlatformEmulatorResource.PAGE_ID, psid, mid, now,
                "\"text\": \"Hei\"")).statusCode(200);
        // Meta sends the same message again in a new batch (a different body, so not a replay)
        Webhooks.meta("shoppage", Webhooks.messenger("page", PlatformEmulatorResource.PAGE_ID, psid, mid, now + 1,
                "\"text\": \"Hei\"")).statusCode(200);
        Webhooks.meta("shoppage", Webhooks.messenger("page", PlatformEmulatorResource.PAGE_ID, psid, "m_" + id(),
                now + 2000, "\"text\": \"Onko kukaan paikalla?\"")).statusCode(200);

        String key = "messenger:shoppage:" + psid;
        inbound(key, 2);
        List<InboundMessageReceived> all = topics.readAll(Topics.INBOUND_MESSAGES, r -> key.equals(r.key()),
                Duration.ofSeconds(2)).stream().map(r -> EventJson.read(r.value(), InboundMessageReceived.class))
                .toList();
        assertThat(all).extracting(InboundMessageReceived::textBody).containsExactly("Hei", "Onko kukaan paikalla?");
    }

    @Test
    void reactionsAndStickersArriveAsNotes() {
        String waId = "35850" + id().substring(0, 7);
        Webhooks.meta("shopwhatsapp", Webhooks.whatsapp(waId, "Erik", "wamid." + id(),
                System.currentTimeMillis() / 1000, "reaction", """
                {"message_id": "wamid.earlier", "emoji": "\\uD83D\\uDC4D"}""")).statusCode(200);
        InboundMessageReceived event = inbound("whatsapp:shopwhatsapp:" + waId, 1).get(0);
        assertThat(event.textBody()).isEqualTo("[reacted 👍]");
        assertThat(event.formFields()).containsEntry("note", "true").containsEntry("reactionTo", "wamid.earlier");
    }

    @Test
    void mediaThePlatformCannotHandOutNowIsFetchedOnALaterAttempt() throws Exception {
        String psid = id();
        String photo = "late-" + UUID.randomUUID();
        platforms().putFile(photo, JPEG);
        platforms().failNext("/cdn/" + photo, 503, "{}");
        Webhooks.meta("shoppage", Webhooks.messenger("page", PlatformEmulatorResource.PAGE_ID, psid, "m_" + id(),
                System.currentTimeMillis(), """
                "attachments": [{"type": "image", "payload": {"url": "%s"}}]""".formatted(platforms().cdnUrl(photo))))
                .statusCode(200);

        InboundMessageReceived event = inbound("messenger:shoppage:" + psid, 1).get(0);
        assertThat(event.textBody()).isEqualTo("[image]");
        assertThat(stored(event.attachments().get(0))).isEqualTo(JPEG);
        assertThat(platforms().callsTo("/cdn/" + photo)).hasSize(2);
    }

    @Test
    void aFileThePlatformNoLongerHasIsListedWithTheReason() {
        String psid = id();
        Webhooks.meta("shoppage", Webhooks.messenger("page", PlatformEmulatorResource.PAGE_ID, psid, "m_" + id(),
                System.currentTimeMillis(), """
                "text": "katso", "attachments": [{"type": "file", "payload": {"url": "%s"}}]""".formatted(
                platforms().cdnUrl("expired-" + UUID.randomUUID())))).statusCode(200);
        InboundMessageReceived event = inbound("messenger:shoppage:" + psid, 1).get(0);
        assertThat(event.attachments()).singleElement().satisfies(a -> {
            assertThat(a.sha256()).isNull();
            assertThat(a.omittedReason()).contains("no longer hands out this file");
        });
    }

    @Test
    void anUnintelligibleBodyIsQuarantinedWithTheReasonAndCanBeReplayed() {
        String body = "{\"object\": \"page\", \"entry\": [{\"messaging\": [{\"recipient\": {}, \"message\": {}}]}],"
                + " \"nonce\": \"" + UUID.randomUUID() + "\"}";
        Webhooks.meta("shoppage", body).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2("test-admin-token-0123456789")
                .get("/api/v1/admin/quarantine").then().statusCode(200)
                .body("reason", hasItem("a messenger event's sender without id")));
        int id = given().auth().oauth2("test-admin-token-0123456789").get("/api/v1/admin/quarantine").then()
                .extract().path("find { it.reason == \"a messenger event's sender without id\" }.id");
        given().auth().oauth2("test-admin-token-0123456789").get("/api/v1/admin/quarantine/" + id + "/body").then()
                .statusCode(200).header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment"));
        given().auth().oauth2("test-admin-token-0123456789").post("/api/v1/admin/quarantine/" + id + "/replay")
                .then().statusCode(202);
        given().get("/api/v1/admin/quarantine").then().statusCode(401);
    }

    @Test
    void connectionsShowTheirHealthToOperators() {
        String psid = id();
        Webhooks.meta("shoppage", Webhooks.messenger("page", PlatformEmulatorResource.PAGE_ID, psid, "m_" + id(),
                System.currentTimeMillis(), "\"text\": \"terveys\"")).statusCode(200);
        inbound("messenger:shoppage:" + psid, 1);
        given().auth().oauth2("test-admin-token-0123456789").get("/api/v1/admin/connections").then().statusCode(200)
                .body("find { it.name == 'shoppage' }.platform", equalTo("messenger"))
                .body("find { it.name == 'shoppage' }.lastEventAt", org.hamcrest.Matchers.notNullValue())
                .body("find { it.name == 'shopx' }.webhookPath", equalTo("/api/v1/webhooks/x/shopx"))
                .body("toString()", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        PlatformEmulatorResource.META_APP_SECRET)));
        given().get("/api/v1/admin/connections").then().statusCode(401);
    }

    @Test
    void healthAndMetrics() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("tiski_social_updates_total"));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
