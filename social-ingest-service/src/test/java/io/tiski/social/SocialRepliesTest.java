package io.tiski.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.DeliveryReported;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.FaqAnswer;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.SocialPlatforms;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Agents' replies and acknowledgements from the outbound topic to each platform's send API (emulated over HTTP),
 * with the platforms' rules: windows, limits, rate limiting, and what the ticket service is told.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "social_ingest"))
@QuarkusTestResource(PlatformEmulatorResource.class)
class SocialRepliesTest {
    final TopicProbe topics = TopicProbe.ofTestBroker();

    static String id() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
    }

    static SocialPlatforms platforms() {
        return PlatformEmulatorResource.platforms();
    }

    /** The customer writes first (that opens the platform's window), as the platform would send it. */
    void customerWrote(String conversationKey, Instant at) {
        topics.readAll(Topics.INBOUND_MESSAGES, r -> false, Duration.ofMillis(1));
        String[] key = conversationKey.split(":");
        String user = key[2];
        switch (key[0]) {
            case "messenger" -> Webhooks.meta(key[1], Webhooks.messenger("page", PlatformEmulatorResource.PAGE_ID,
                    user, "m_" + id(), at.toEpochMilli(), "\"text\": \"Hei\"")).statusCode(200);
            case "instagram" -> Webhooks.meta(key[1], Webhooks.messenger("instagram",
                    PlatformEmulatorResource.INSTAGRAM_ID, user, "ig_" + id(), at.toEpochMilli(), "\"text\": \"Hei\""))
                    .statusCode(200);
            case "whatsapp" -> Webhooks.meta(key[1], Webhooks.whatsapp(user, "Erik", "wamid." + id(),
                    at.getEpochSecond(), "text", "{\"body\": \"Hej\"}")).statusCode(200);
            case "telegram" -> Webhooks.telegram(Webhooks.telegramUpdate(Long.parseLong(id()), Long.parseLong(user),
                    1, "\"text\": \"Moi\"")).statusCode(200);
            default -> Webhooks.x(Webhooks.xDirectMessage(id(), user, "Maija", "Hei", null)).statusCode(200);
        }
        topics.await(Topics.INBOUND_MESSAGES, r -> conversationKey.equals(r.key()), 1, Duration.ofSeconds(30));
    }

    static OutboundMessageRequested reply(Channel channel, String conversationKey, String text) {
        return reply(UUID.randomUUID().toString(), channel, conversationKey, text);
    }

    static OutboundMessageRequested reply(String ticketId, Channel channel, String conversationKey, String text) {
        return new OutboundMessageRequested(UUID.randomUUID().toString(), Instant.now(), ticketId,
                4711, channel, conversationKey, OutboundKind.AGENT_REPLY, new Participant("x", "Aino Laine"), "fi",
                null, text, null, "Liisa Agentti", null, List.of());
    }

    DeliveryReported reportFor(OutboundMessageRequested request, String status) {
        return topics.await(Topics.DELIVERY_REPORTS, r -> {
            DeliveryReported report = EventJson.read(r.value(), DeliveryReported.class);
            return report.requestId().equals(request.eventId()) && report.status().equals(status);
        }, 1, Duration.ofSeconds(30)).stream().map(r -> EventJson.read(r.value(), DeliveryReported.class))
                .findFirst().orElseThrow();
    }

    @Test
    void messengerReplyGoesToTheSendApiAsAResponse() {
        String psid = id();
        customerWrote("messenger:shoppage:" + psid, Instant.now());
        OutboundMessageRequested request = reply(Channel.MESSENGER, "messenger:shoppage:" + psid,
                "Hei Aino, uusi tuote lähtee tänään.");
        topics.publish(EventEnvelope.of(request, "/test"));

        DeliveryReported sent = reportFor(request, "SENT");
        SocialPlatforms.Call call = platforms().callsTo("/" + PlatformEmulatorResource.PAGE_ID + "/messages").stream()
                .filter(c -> psid.equals(c.text("/recipient/id"))).findFirst().orElseThrow();
        assertThat(call.text("/message/text")).isEqualTo("Hei Aino, uusi tuote lähtee tänään.");
        assertThat(call.text("/messaging_type")).isEqualTo("RESPONSE");
        assertThat(call.authorization()).isEqualTo("Bearer " + SocialPlatforms.META_TOKEN);
        assertThat(sent.providerMessageId()).startsWith("m_");
        assertThat(sent.channel()).isEqualTo(Channel.MESSENGER);
    }

    @Test
    void instagramWhatsappTelegramAndXRepliesReachTheirSendApis() {
        String igsid = id();
        String waId = "35840" + id().substring(0, 7);
        String chat = id();
        String xUser = id();
        customerWrote("instagram:shopinsta:" + igsid, Instant.now());
        customerWrote("whatsapp:shopwhatsapp:" + waId, Instant.now());
        customerWrote("telegram:shopbot:" + chat, Instant.now());
        customerWrote("x:shopx:" + xUser, Instant.now());
        var instagram = reply(Channel.INSTAGRAM, "instagram:shopinsta:" + igsid, "Kyllä, koko M on varastossa.");
        var whatsapp = reply(Channel.WHATSAPP, "whatsapp:shopwhatsapp:" + waId, "Hej Erik, vi byter storleken.");
        var telegram = reply(Channel.TELEGRAM, "telegram:shopbot:" + chat, "Tilauksesi on matkalla.");
        var x = reply(Channel.X, "x:shopx:" + xUser, "Paketti saapuu huomenna.");
        List.of(instagram, whatsapp, telegram, x).forEach(r -> topics.publish(EventEnvelope.of(r, "/test")));

        assertThat(reportFor(instagram, "SENT").providerMessageId()).startsWith("m_");
        assertThat(reportFor(whatsapp, "SENT").providerMessageId()).startsWith("wamid.");
        assertThat(reportFor(telegram, "SENT").providerMessageId()).isNotBlank();
        assertThat(reportFor(x, "SENT").providerMessageId()).isNotBlank();
        assertThat(platforms().callsTo("/" + PlatformEmulatorResource.INSTAGRAM_ID + "/messages"))
                .anySatisfy(c -> {
                    assertThat(c.text("/recipient/id")).isEqualTo(igsid);
                    assertThat(c.text("/message/text")).isEqualTo("Kyllä, koko M on varastossa.");
                });
        assertThat(platforms().callsTo("/" + PlatformEmulatorResource.WHATSAPP_NUMBER_ID + "/messages"))
                .anySatisfy(c -> {
                    assertThat(c.text("/to")).isEqualTo(waId);
                    assertThat(c.text("/messaging_product")).isEqualTo("whatsapp");
                    assertThat(c.text("/text/body")).isEqualTo("Hej Erik, vi byter storleken.");
                });
        assertThat(platforms().callsTo("/sendMessage")).anySatisfy(c -> {
            assertThat(c.text("/chat_id")).isEqualTo(chat);
            assertThat(c.text("/text")).isEqualTo("Tilauksesi on matkalla.");
        });
        assertThat(platforms().callsTo("/2/dm_conversations/with/" + xUser + "/messages")).singleElement()
                .satisfies(c -> assertThat(c.text("/text")).isEqualTo("Paketti saapuu huomenna."));
    }

    @Test
    void outsideTheWindowTheReplyIsRefusedWithAReasonAndNothingIsSent() {
        String waId = "35845" + id().substring(0, 7);
        customerWrote("whatsapp:shopwhatsapp:" + waId, Instant.now().minus(Duration.ofHours(25)));
        var request = reply(Channel.WHATSAPP, "whatsapp:shopwhatsapp:" + waId, "Myöhäinen vastaus");
        topics.publish(EventEnvelope.of(request, "/test"));

        DeliveryReported failed = reportFor(request, "FAILED");
        assertThat(failed.reason()).contains("Outside WhatsApp's 24-hour window").contains("template");
        assertThat(platforms().callsTo("/" + PlatformEmulatorResource.WHATSAPP_NUMBER_ID + "/messages"))
                .noneSatisfy(c -> assertThat(c.text("/to")).isEqualTo(waId));
    }

    @Test
    void aClosedWhatsappConversationIsReopenedWithTheApprovedTemplate() {
        String waId = "35848" + id().substring(0, 7);
        customerWrote("whatsapp:shopwhatsapp:" + waId, Instant.now().minus(Duration.ofDays(3)));
        var reopening = new OutboundMessageRequested(UUID.randomUUID().toString(), Instant.now(),
                UUID.randomUUID().toString(), 1077, Channel.WHATSAPP, "whatsapp:shopwhatsapp:" + waId,
                OutboundKind.CONVERSATION_REOPENING, new Participant("whatsapp:+" + waId, "Erik Lindqvist"), "sv",
                null, null, null, "Liisa", null, List.of());
        topics.publish(EventEnvelope.of(reopening, "/test"));

        assertThat(reportFor(reopening, "SENT").providerMessageId()).startsWith("wamid.");
        SocialPlatforms.Call call = platforms().callsTo("/" + PlatformEmulatorResource.WHATSAPP_NUMBER_ID
                + "/messages").stream().filter(c -> waId.equals(c.text("/to"))).filter(c -> "template".equals(
                        c.text("/type"))).findFirst().orElseThrow();
        assertThat(call.text("/template/name")).isEqualTo("jatketaan_keskustelua");
        assertThat(call.text("/template/language/code")).isEqualTo("fi");
        assertThat(call.text("/template/components/0/parameters/0/text")).isEqualTo("Erik");
        assertThat(call.text("/template/components/0/parameters/1/text")).isEqualTo("#1077");
    }

    @Test
    void messengerUsesTheHumanAgentTagAfter24HoursWhereTheAppMayAndRefusesAfter7Days() {
        String late = id();
        String tooLate = id();
        customerWrote("messenger:shoppage:" + late, Instant.now().minus(Duration.ofDays(2)));
        customerWrote("messenger:shoppage:" + tooLate, Instant.now().minus(Duration.ofDays(8)));
        var lateReply = reply(Channel.MESSENGER, "messenger:shoppage:" + late, "Pahoittelut viiveestä");
        var tooLateReply = reply(Channel.MESSENGER, "messenger:shoppage:" + tooLate, "Liian myöhään");
        topics.publish(EventEnvelope.of(lateReply, "/test"));
        topics.publish(EventEnvelope.of(tooLateReply, "/test"));

        reportFor(lateReply, "SENT");
        assertThat(platforms().callsTo("/messages")).anySatisfy(c -> {
            assertThat(c.text("/recipient/id")).isEqualTo(late);
            assertThat(c.text("/messaging_type")).isEqualTo("MESSAGE_TAG");
            assertThat(c.text("/tag")).isEqualTo("HUMAN_AGENT");
        });
        assertThat(reportFor(tooLateReply, "FAILED").reason()).contains("7-day human agent window");
    }

    @Test
    void aRateLimitedPlatformIsAskedAgainAndTheReplyIsSentOnce() {
        String chat = id();
        customerWrote("telegram:shopbot:" + chat, Instant.now());
        platforms().failNext("/sendMessage", 429, """
                {"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1",
                 "parameters": {"retry_after": 1}}""");
        var request = reply(Channel.TELEGRAM, "telegram:shopbot:" + chat, "Hetki vain");
        topics.publish(EventEnvelope.of(request, "/test"));
        topics.publish(EventEnvelope.of(request, "/test")); // and the request is delivered twice

        reportFor(request, "SENT");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(platforms().callsTo("/sendMessage").stream()
                        .filter(c -> chat.equals(c.text("/chat_id")))).hasSize(2)); // the refused one and one sent
    }

    @Test
    void anUnreadableRequestGoesToTheDeadLetterTopicAndTheRepliesAfterItAreStillSent() {
        String chat = id();
        customerWrote("telegram:shopbot:" + chat, Instant.now());
        String ticket = UUID.randomUUID().toString();
        // same key, so the same partition: the good reply waits behind the poison one
        topics.publish(Topics.OUTBOUND_MESSAGES, ticket, java.util.Map.of(io.tiski.events.v1.CloudEventHeaders.CHANNEL,
                "TELEGRAM", io.tiski.events.v1.CloudEventHeaders.ID, "poison-" + chat),
                "{\"not\": \"a request\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var email = reply(ticket, Channel.EMAIL, "email:" + chat, "Tämä lähtee sähköpostilla");
        topics.publish(EventEnvelope.of(email, "/test"));
        var request = reply(ticket, Channel.TELEGRAM, "telegram:shopbot:" + chat, "Paketti on matkalla");
        topics.publish(EventEnvelope.of(request, "/test"));

        reportFor(request, "SENT");
        assertThat(topics.await(Topics.OUTBOUND_MESSAGES + ".dlt", r -> ticket.equals(r.key()), 1,
                Duration.ofSeconds(30))).hasSize(1);
        // the email request is notification-service's: nothing is sent or reported for it here
        assertThat(topics.readAll(Topics.DELIVERY_REPORTS, r -> EventJson.read(r.value(), DeliveryReported.class)
                .requestId().equals(email.eventId()), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aPlatformRefusalIsReportedWithThePlatformsReason() {
        String psid = id();
        customerWrote("messenger:shoppage:" + psid, Instant.now());
        platforms().failNext("/" + PlatformEmulatorResource.PAGE_ID + "/messages", 400, """
                {"error": {"message": "(#551) This person isn't available right now.", "type": "OAuthException",
                 "code": 551, "error_subcode": 1545041}}""");
        var request = reply(Channel.MESSENGER, "messenger:shoppage:" + psid, "Hei");
        topics.publish(EventEnvelope.of(request, "/test"));
        assertThat(reportFor(request, "FAILED").reason()).contains("This person isn't available right now");
    }

    @Test
    void aLongReplyIsSentAsSeveralMessagesWithinThePlatformsLimit() {
        String igsid = id();
        customerWrote("instagram:shopinsta:" + igsid, Instant.now());
        String paragraph = "Tämä on pitkä kappale vastauksesta. ".repeat(20).strip();
        var request = reply(Channel.INSTAGRAM, "instagram:shopinsta:" + igsid, paragraph + "\n\n" + paragraph);
        topics.publish(EventEnvelope.of(request, "/test"));
        reportFor(request, "SENT");
        List<String> texts = platforms().callsTo("/messages").stream()
                .filter(c -> igsid.equals(c.text("/recipient/id"))).map(c -> c.text("/message/text")).toList();
        assertThat(texts).containsExactly(paragraph, paragraph);
    }

    @Test
    void theAcknowledgementIsAChatMessageInTheCustomersLanguage() {
        String chat = id();
        customerWrote("telegram:shopbot:" + chat, Instant.now());
        var ack = new OutboundMessageRequested(UUID.randomUUID().toString(), Instant.now(),
                UUID.randomUUID().toString(), 1042, Channel.TELEGRAM, "telegram:shopbot:" + chat,
                OutboundKind.ACKNOWLEDGEMENT, new Participant("telegram:1", "Aino Laine"), "fi", null, null,
                Instant.parse("2026-12-03T08:00:00Z"), null, null, List.of(), List.of(new FaqAnswer(
                        "Milloin tilaukseni saapuu?", "Toimitus kestää 1–3 arkipäivää.")), null, "Europe/Helsinki");
        topics.publish(EventEnvelope.of(ack, "/test"));
        reportFor(ack, "SENT");
        String text = platforms().callsTo("/sendMessage").stream().filter(c -> chat.equals(c.text("/chat_id")))
                .map(c -> c.text("/text")).findFirst().orElseThrow();
        assertThat(text).startsWith("Kiitos viestistäsi, Aino! Asiasi numero on #1042.")
                .contains("Vastaamme viimeistään torstaina 3.12. klo 10.00")
                .contains("Milloin tilaukseni saapuu?\nToimitus kestää 1–3 arkipäivää.");
    }

    @Test
    void receiptsFromThePlatformAreReportedAsDeliveredAndRead() {
        String waId = "35846" + id().substring(0, 7);
        customerWrote("whatsapp:shopwhatsapp:" + waId, Instant.now());
        var request = reply(Channel.WHATSAPP, "whatsapp:shopwhatsapp:" + waId, "Kiitos!");
        topics.publish(EventEnvelope.of(request, "/test"));
        String wamid = reportFor(request, "SENT").providerMessageId();
        long now = System.currentTimeMillis() / 1000;
        Webhooks.meta("shopwhatsapp", """
                {"object": "whatsapp_business_account", "entry": [{"id": "WABA1", "changes": [{"field": "messages",
                  "value": {"messaging_product": "whatsapp", "metadata": {"phone_number_id": "%s"},
                    "statuses": [{"id": "%s", "status": "delivered", "timestamp": "%d", "recipient_id": "%s"},
                                 {"id": "%s", "status": "read", "timestamp": "%d", "recipient_id": "%s"}]}}]}]}
                """.formatted(PlatformEmulatorResource.WHATSAPP_NUMBER_ID, wamid, now, waId, wamid, now + 5, waId))
                .statusCode(200);
        reportFor(request, "DELIVERED");
        assertThat(reportFor(request, "READ").providerMessageId()).isEqualTo(wamid);
    }

    @Test
    void filesOfAReplyReachEachPlatformAsItTakesThem() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 7};
        byte[] pdf = "%PDF-1.7 palautusohje".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var store = new io.tiski.objectstore.FileSystemObjectStore(java.nio.file.Path.of("target/objects"));
        var photo = new io.tiski.events.v1.AttachmentReference(store.put(jpeg), "kuva.jpg", "image/jpeg", jpeg.length,
                null, false, null);
        var guide = new io.tiski.events.v1.AttachmentReference(store.put(pdf), "palautusohje.pdf", "application/pdf",
                pdf.length, null, false, null);
        String psid = id();
        String waId = "35847" + id().substring(0, 7);
        String chat = id();
        String xUser = id();
        customerWrote("messenger:shoppage:" + psid, Instant.now());
        customerWrote("whatsapp:shopwhatsapp:" + waId, Instant.now());
        customerWrote("telegram:shopbot:" + chat, Instant.now());
        customerWrote("x:shopx:" + xUser, Instant.now());
        var messenger = withFiles(reply(Channel.MESSENGER, "messenger:shoppage:" + psid, "Tässä ohje"), photo, guide);
        var whatsapp = withFiles(reply(Channel.WHATSAPP, "whatsapp:shopwhatsapp:" + waId, "Här"), guide);
        var telegram = withFiles(reply(Channel.TELEGRAM, "telegram:shopbot:" + chat, "Kuva"), photo);
        var x = withFiles(reply(Channel.X, "x:shopx:" + xUser, "Kuva"), photo);
        List.of(messenger, whatsapp, telegram, x).forEach(r -> topics.publish(EventEnvelope.of(r, "/test")));
        List.of(messenger, whatsapp, telegram, x).forEach(r -> reportFor(r, "SENT"));

        List<SocialPlatforms.Call> toPage = platforms().callsTo("/" + PlatformEmulatorResource.PAGE_ID + "/messages")
                .stream().filter(c -> psid.equals(c.text("/recipient/id"))).toList();
        assertThat(toPage).extracting(c -> c.text("/message/attachment/type")).containsExactly(null, "image", "file");
        assertThat(fetched(toPage.get(1).text("/message/attachment/payload/url"))).isEqualTo(jpeg);
        assertThat(fetched(toPage.get(2).text("/message/attachment/payload/url"))).isEqualTo(pdf);

        SocialPlatforms.Call document = platforms().callsTo("/" + PlatformEmulatorResource.WHATSAPP_NUMBER_ID
                + "/messages").stream().filter(c -> waId.equals(c.text("/to")) && "document".equals(c.text("/type")))
                .findFirst().orElseThrow();
        assertThat(document.text("/document/filename")).isEqualTo("palautusohje.pdf");
        assertThat(fetched(document.text("/document/link"))).isEqualTo(pdf);

        SocialPlatforms.Call telegramPhoto = platforms().callsTo("/sendPhoto").stream()
                .filter(c -> chat.equals(c.text("/chat_id"))).findFirst().orElseThrow();
        assertThat(fetched(telegramPhoto.text("/photo"))).isEqualTo(jpeg);

        SocialPlatforms.Call xMedia = platforms().callsTo("/2/dm_conversations/with/" + xUser + "/messages").stream()
                .filter(c -> c.text("/attachments/0/media_id") != null).findFirst().orElseThrow();
        byte[] upload = platforms().uploadedToX(xMedia.text("/attachments/0/media_id"));
        assertThat(new String(upload, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("dm_image")
                .contains(new String(jpeg, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void aMediaLinkThatIsAlteredOrExpiredIsRefused() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 1, 2, 3};
        String sha = new io.tiski.objectstore.FileSystemObjectStore(java.nio.file.Path.of("target/objects")).put(jpeg);
        String good = io.tiski.social.domain.MediaLinks.link("https://social.shop.example",
                "test-media-link-secret-0123456789", sha, "a.jpg", Instant.now().plusSeconds(60));
        assertThat(fetched(good)).isEqualTo(jpeg);
        io.restassured.RestAssured.given().get(local(good.replace("a.jpg", "b.jpg"))).then().statusCode(403);
        String expired = io.tiski.social.domain.MediaLinks.link("https://social.shop.example",
                "test-media-link-secret-0123456789", sha, "a.jpg", Instant.now().minusSeconds(1));
        io.restassured.RestAssured.given().get(local(expired)).then().statusCode(403);
        String foreign = io.tiski.social.domain.MediaLinks.link("https://social.shop.example", "another-secret", sha,
                "a.jpg", Instant.now().plusSeconds(60));
        io.restassured.RestAssured.given().get(local(foreign)).then().statusCode(403);
    }

    static OutboundMessageRequested withFiles(OutboundMessageRequested r, io.tiski.events.v1.AttachmentReference... files) {
        return new OutboundMessageRequested(r.eventId(), r.occurredAt(), r.ticketId(), r.ticketNumber(), r.channel(),
                r.conversationKey(), r.kind(), r.recipient(), r.language(), r.subject(), r.textBody(),
                r.expectedAnswerBy(), r.agentName(), r.email(), List.of(files));
    }

    /** A link as the platform fetches it, asked of this test's instance instead of the public host. */
    static String local(String link) {
        assertThat(link).startsWith("https://social.shop.example/api/v1/media/");
        return link.substring("https://social.shop.example".length());
    }

    static byte[] fetched(String link) {
        return io.restassured.RestAssured.given().get(local(link)).then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").extract().asByteArray();
    }
}
