package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.SenderClassification;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import io.tiski.ticket.repository.ApiToken;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.security.TokenDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class AgentActionsTest {
    static final String TOKEN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    JsonPath newEmailTicket() {
        String messageId = "agent-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email("aino@example.fi", "Aino", "Koko " + messageId,
                "Hei, onko tätä kokoa 38?", messageId, List.of(), null, SenderClassification.PERSON), "/test"));
        return InboundMessageFlowTest.ticketOf(messageId);
    }

    static String tokenWithRole(String role) {
        return tokenFor(role, role + "-agent");
    }

    static String tokenFor(String role, String agentName) {
        String token = "token-" + role + "-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            ApiToken t = new ApiToken();
            t.id = UUID.randomUUID();
            t.tokenSha256 = TokenDigest.sha256(token);
            t.name = "test";
            t.agentName = agentName;
            t.role = role;
            t.createdAt = Instant.now();
            t.persist();
        });
        return token;
    }

    @Test
    void replyIsStoredThreadedAndRequestedOnTheTicketsChannel() {
        JsonPath ticket = newEmailTicket();
        String ticketId = ticket.getString("id");
        String customerMessageId = ticket.getString("messages[0].sourceMessageId");
        String agent = tokenWithRole(Roles.AGENT);

        given().auth().oauth2(agent).contentType("application/json")
                .body(Map.of("text", "Hei Aino! Kyllä on, koko 38 on varastossa.", "status", "PENDING"))
                .post("/api/v1/tickets/" + ticketId + "/replies").then().statusCode(201)
                .body("status", equalTo("PENDING"));

        var requests = topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId)
                && EventJson.read(r.value(), OutboundMessageRequested.class).kind() == OutboundKind.AGENT_REPLY, 1,
                Duration.ofSeconds(20));
        OutboundMessageRequested reply = EventJson.read(requests.get(0).value(), OutboundMessageRequested.class);
        assertThat(reply.recipient().address()).isEqualTo("aino@example.fi");
        assertThat(reply.textBody()).isEqualTo("Hei Aino! Kyllä on, koko 38 on varastossa.");
        assertThat(reply.agentName()).isEqualTo("agent-agent");
        assertThat(reply.email().inReplyTo()).isEqualTo(customerMessageId);
        assertThat(reply.email().references()).contains(customerMessageId);
        assertThat(reply.email().messageId()).startsWith("reply.").endsWith("@tiski.localhost");

        JsonPath after = given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId).then().extract().jsonPath();
        assertThat(after.getString("status")).isEqualTo("PENDING");
        assertThat(after.getList("messages.direction")).containsExactly("INBOUND", "OUTBOUND");
        assertThat(after.getString("messages[1].agentName")).isEqualTo("agent-agent");
        assertThat(after.getList("deliveries.kind")).contains("ACKNOWLEDGEMENT", "AGENT_REPLY");
        assertThat(given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId + "/audit").then().statusCode(200)
                .extract().jsonPath().getList("action")).containsExactly("CREATED", "REPLIED", "STATUS_CHANGED");
    }

    @Test
    void aBounceOfTheReplyMarksItsDeliveryBouncedOnTheTicket() {
        JsonPath ticket = newEmailTicket();
        String ticketId = ticket.getString("id");
        String replyMessageId = EventJson.read(topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId),
                1, Duration.ofSeconds(20)).get(0).value(), OutboundMessageRequested.class).email().messageId();
        String bounceId = "dsn-" + UUID.randomUUID() + "@mx.example.fi";
        var base = InboundMessageFlowTest.email("MAILER-DAEMON@mx.example.fi", "Mail Delivery System",
                "Undelivered Mail Returned to Sender", "could not be delivered", bounceId, List.of(), null,
                SenderClassification.BOUNCE);
        var bounce = new io.tiski.events.v1.InboundMessageReceived(base.eventId(), base.occurredAt(), base.channel(),
                base.sourceMessageId(), base.conversationKey(), base.inboxAddress(), base.from(), base.to(), base.cc(),
                base.subject(), base.textBody(), base.newText(), null, null, base.classification(),
                new io.tiski.events.v1.EmailHeaders(bounceId, List.of(), List.of(), null, null, base.subject(), null,
                        new io.tiski.events.v1.EmailHeaders.Bounce(replyMessageId, List.of("aino@example.fi"),
                                "5.1.1", "550 5.1.1 User unknown")), List.of(), null, Map.of());
        topics.publish(EventEnvelope.of(bounce, "/test"));
        JsonPath after = InboundMessageFlowTest.ticketOf(bounceId);
        assertThat(after.getString("id")).isEqualTo(ticketId);
        assertThat(after.getString("deliveries[0].status")).isEqualTo("BOUNCED");
        assertThat(after.getString("deliveries[0].reason")).contains("5.1.1").contains("User unknown");
        // a bounce is threaded for the agent to see but never acknowledged
        assertThat(topics.readAll(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), Duration.ofSeconds(2)))
                .hasSize(1);
    }

    @Test
    void anAgentOpensATicketForAPhoneCallWithAnOptionalEmailConfirmation() {
        String caller = "caller-" + UUID.randomUUID() + "@example.fi";
        JsonPath ticket = given().auth().oauth2(tokenFor(Roles.AGENT, "liisa")).contentType("application/json")
                .body(Map.of("channel", "PHONE", "customerEmail", caller, "customerName", "Soittaja",
                        "subject", "Soitto: lasku väärin", "note", "Asiakas soitti, lasku 4711 on 10 € liian suuri.",
                        "language", "fi", "confirmByEmail", true))
                .post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        assertThat(ticket.getString("channel")).isEqualTo("PHONE");
        assertThat(ticket.getString("customer.address")).isEqualTo(caller);
        assertThat(ticket.getString("messages[0].kind")).isEqualTo("CALL_NOTE");
        assertThat(ticket.getString("messages[0].agentName")).isEqualTo("liisa");
        OutboundMessageRequested confirmation = EventJson.read(topics.await(Topics.OUTBOUND_MESSAGES,
                r -> r.key().equals(ticket.getString("id")), 1, Duration.ofSeconds(20)).get(0).value(),
                OutboundMessageRequested.class);
        assertThat(confirmation.channel()).isEqualTo(io.tiski.events.v1.Channel.EMAIL);
        assertThat(confirmation.recipient().address()).isEqualTo(caller);

        String visitor = "visitor-" + UUID.randomUUID() + "@example.fi";
        String visitId = given().auth().oauth2(TOKEN).contentType("application/json")
                .body(Map.of("channel", "IN_PERSON", "customerEmail", visitor, "subject", "Käynti myymälässä",
                        "note", "Toi rikkinäisen kengän."))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        assertThat(topics.readAll(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(visitId), Duration.ofSeconds(2)))
                .isEmpty();
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("channel", "EMAIL",
                "customerEmail", visitor, "subject", "x", "note", "y")).post("/api/v1/tickets").then()
                .statusCode(400);
    }

    @Test
    void acknowledgementsCarryTheFaqAnswersTheCustomersWordsCallFor() {
        String marker = "seuranta" + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(tokenWithRole(Roles.AGENT)).contentType("application/json").body(Map.of("language",
                "fi", "question", "Q", "answer", "A", "keywords", List.of("x"))).post("/api/v1/faq-snippets").then()
                .statusCode(403);
        String id = given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("language", "fi",
                "question", "Missä pakettini on?", "answer", "Seuraa pakettia linkistä tilausvahvistuksessa.",
                "keywords", List.of(marker), "position", 1)).post("/api/v1/faq-snippets").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("language", "de", "question", "?",
                "answer", "!", "keywords", List.of()))
                .post("/api/v1/faq-snippets").then().statusCode(400);

        OutboundMessageRequested ack = acknowledgementOf("faq-" + marker + "@example.fi",
                "Hei, missä on " + marker + "koodini? Paketti ei ole tullut.");
        assertThat(ack.faq()).extracting(io.tiski.events.v1.FaqAnswer::question).containsExactly("Missä pakettini on?");
        given().auth().oauth2(TOKEN).delete("/api/v1/faq-snippets/" + id).then().statusCode(204);

        // the next acknowledgement no longer offers the deleted snippet, though the first one had it at hand
        OutboundMessageRequested later = acknowledgementOf("faq-later-" + marker + "@example.fi",
                "Hei, missä on " + marker + "koodini?");
        assertThat(later.faq()).extracting(io.tiski.events.v1.FaqAnswer::question)
                .doesNotContain("Missä pakettini on?");
    }

    /** The acknowledgement requested for a new email conversation from {@code sender}. */
    private OutboundMessageRequested acknowledgementOf(String sender, String text) {
        String messageId = "faq-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email(sender, null, "Paketti", text, messageId,
                List.of(), null, SenderClassification.PERSON), "/test"));
        String ticketId = InboundMessageFlowTest.ticketOf(messageId).getString("id");
        return EventJson.read(topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), 1,
                Duration.ofSeconds(20)).get(0).value(), OutboundMessageRequested.class);
    }

    @Test
    void internalNoteIsNeverSent() {
        JsonPath ticket = newEmailTicket();
        String ticketId = ticket.getString("id");
        topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), 1, Duration.ofSeconds(20));
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("text", "Soitin asiakkaalle."))
                .post("/api/v1/tickets/" + ticket.getLong("number") + "/notes").then().statusCode(201);
        assertThat(topics.readAll(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), Duration.ofSeconds(2)))
                .hasSize(1); // the acknowledgement only
        given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId).then()
                .body("messages[1].direction", equalTo("NOTE")).body("messages[1].kind", equalTo("INTERNAL_NOTE"));
    }

    @Test
    void statusChangesFollowTheLifecycleAndAreAudited() {
        String ticketId = newEmailTicket().getString("id");
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("status", "CLOSED"))
                .patch("/api/v1/tickets/" + ticketId).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("cannot go from NEW to CLOSED"));
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("status", "solved", "priority",
                "high", "assignee", "liisa")).patch("/api/v1/tickets/" + ticketId).then().statusCode(200)
                .body("status", equalTo("SOLVED")).body("priority", equalTo("HIGH"))
                .body("assignee", equalTo("liisa"));
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("status", "CLOSED"))
                .patch("/api/v1/tickets/" + ticketId).then().statusCode(200);
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("text", "Too late"))
                .post("/api/v1/tickets/" + ticketId + "/replies").then().statusCode(409);
        assertThat(given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId + "/audit").then().extract()
                .jsonPath().getList("after")).contains("SOLVED", "HIGH", "liisa", "CLOSED");
    }

    @Test
    void invalidRequestsAreProblemsAndChangeNothing() {
        String ticketId = newEmailTicket().getString("id");
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("text", " "))
                .post("/api/v1/tickets/" + ticketId + "/replies").then().statusCode(400)
                .body("violations[0].field", equalTo("text"));
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("text", "x", "colour", "red"))
                .post("/api/v1/tickets/" + ticketId + "/replies").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("colour"));
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("priority", "whenever"))
                .patch("/api/v1/tickets/" + ticketId).then().statusCode(400)
                .body("detail", containsString("priority must be one of"));
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("text", "x".repeat(50_001)))
                .post("/api/v1/tickets/" + ticketId + "/replies").then().statusCode(400);
        given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId).then().body("status", equalTo("NEW"))
                .body("priority", equalTo("NORMAL")).body("messages.size()", equalTo(1));
    }

    @Test
    void readOnlyUsersCanReadButNotAct() {
        String ticketId = newEmailTicket().getString("id");
        String readOnly = tokenWithRole(Roles.READ_ONLY);
        given().auth().oauth2(readOnly).get("/api/v1/tickets/" + ticketId).then().statusCode(200);
        given().auth().oauth2(readOnly).contentType("application/json").body(Map.of("text", "hi"))
                .post("/api/v1/tickets/" + ticketId + "/replies").then().statusCode(403);
        given().auth().oauth2(readOnly).contentType("application/json").body(Map.of("status", "OPEN"))
                .patch("/api/v1/tickets/" + ticketId).then().statusCode(403);
        given().contentType("application/json").body(Map.of("text", "hi"))
                .post("/api/v1/tickets/" + ticketId + "/replies").then().statusCode(401);
    }

    /** A WhatsApp conversation whose customer last wrote {@code ago} ago, as social-ingest-service publishes it. */
    JsonPath whatsappTicket(Duration ago) {
        String word = "tilausnumero" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String waId = "3584" + System.nanoTime() % 100_000_000L;
        String sourceMessageId = "whatsapp:shop:wamid." + UUID.randomUUID();
        topics.publish(EventEnvelope.of(new io.tiski.events.v1.InboundMessageReceived(UUID.randomUUID().toString(),
                Instant.now().minus(ago), io.tiski.events.v1.Channel.WHATSAPP, sourceMessageId,
                "whatsapp:shop:" + waId, "Verkkokauppa WhatsApp", new io.tiski.events.v1.Participant("whatsapp:+"
                        + waId, "Erik"), List.of(), List.of(), null, "Missä on " + word + "?", "Missä on " + word
                        + "?", null, "fi", SenderClassification.PERSON, null, List.of(), null, Map.of()), "/test"));
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonPath page = given().auth().oauth2(TOKEN).queryParam("q", word).get("/api/v1/tickets").then()
                    .statusCode(200).extract().jsonPath();
            return page.getList("items").isEmpty() ? null : given().auth().oauth2(TOKEN).get("/api/v1/tickets/"
                    + page.getString("items[0].id")).then().statusCode(200).extract().jsonPath();
        }, p -> p != null);
    }

    @Test
    void aWhatsappReplyWithinTheWindowIsRequestedOnWhatsapp() {
        JsonPath ticket = whatsappTicket(Duration.ofHours(2));
        String agent = tokenWithRole(Roles.AGENT);
        String requestId = given().auth().oauth2(agent).contentType("application/json")
                .body(Map.of("text", "Hej Erik, paketet är på väg."))
                .post("/api/v1/tickets/" + ticket.getString("id") + "/replies").then().statusCode(201)
                .extract().path("requestId");
        OutboundMessageRequested request = topics.await(Topics.OUTBOUND_MESSAGES, r -> EventJson.read(r.value(),
                OutboundMessageRequested.class).eventId().equals(requestId), 1, Duration.ofSeconds(20)).stream()
                .map(r -> EventJson.read(r.value(), OutboundMessageRequested.class)).findFirst().orElseThrow();
        assertThat(request.channel()).isEqualTo(io.tiski.events.v1.Channel.WHATSAPP);
        assertThat(request.conversationKey()).startsWith("whatsapp:shop:");
        assertThat(request.textBody()).isEqualTo("Hej Erik, paketet är på väg.");
        assertThat(request.email()).isNull();
    }

    @Test
    void aWhatsappTicketShowsWhenItsReplyWindowClosesAndAnEmailTicketHasNone() {
        JsonPath ticket = whatsappTicket(Duration.ofHours(2));
        Instant closes = Instant.parse(ticket.getString("replyWindowClosesAt"));
        assertThat(closes).isBetween(Instant.now().plus(Duration.ofHours(21)), Instant.now().plus(
                Duration.ofHours(23)));
        assertThat(newEmailTicket().getString("replyWindowClosesAt")).isNull();
    }

    @Test
    void aWhatsappReplyAfterTwentyFourHoursIsRefusedWithTheReasonAndNothingIsStored() {
        JsonPath ticket = whatsappTicket(Duration.ofHours(25));
        String agent = tokenWithRole(Roles.AGENT);
        given().auth().oauth2(agent).contentType("application/json").body(Map.of("text", "Liian myöhään"))
                .post("/api/v1/tickets/" + ticket.getString("id") + "/replies").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("Whatsapp accepts replies only within 24 hours"))
                .body("detail", containsString("by email"))
                .body("detail", containsString("/conversation-reopenings"));
        given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticket.getString("id")).then().statusCode(200)
                .body("messages.size()", equalTo(1));
    }

    @Test
    void aReplyCarriesUploadedFilesThatAreCheckedByContentAndDownloadedOnlyAsAttachments() {
        JsonPath ticket = newEmailTicket();
        String agent = tokenWithRole(Roles.AGENT);
        byte[] pdf = "%PDF-1.7\n1 0 obj palautusohje".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        JsonPath uploaded = given().auth().oauth2(agent).contentType("application/octet-stream").body(pdf)
                .queryParam("fileName", "palautus\r\nohje.pdf").post("/api/v1/attachments").then().statusCode(201)
                .extract().jsonPath();
        assertThat(uploaded.getString("mediaType")).isEqualTo("application/pdf");
        assertThat(uploaded.getString("fileName")).isEqualTo("palautusohje.pdf");

        String requestId = given().auth().oauth2(agent).contentType("application/json")
                .body(Map.of("text", "Palautusohje liitteenä.", "attachments", List.of(uploaded.getString("id"))))
                .post("/api/v1/tickets/" + ticket.getString("id") + "/replies").then().statusCode(201)
                .extract().path("requestId");
        OutboundMessageRequested request = topics.await(Topics.OUTBOUND_MESSAGES, r -> EventJson.read(r.value(),
                OutboundMessageRequested.class).eventId().equals(requestId), 1, Duration.ofSeconds(20)).stream()
                .map(r -> EventJson.read(r.value(), OutboundMessageRequested.class)).findFirst().orElseThrow();
        assertThat(request.attachments()).singleElement().satisfies(a -> {
            assertThat(a.sha256()).isEqualTo(uploaded.getString("sha256"));
            assertThat(a.fileName()).isEqualTo("palautusohje.pdf");
        });

        String path = given().auth().oauth2(agent).get("/api/v1/tickets/" + ticket.getString("id")).then()
                .statusCode(200).extract().path("messages.find { it.direction == 'OUTBOUND' }.attachments[0]"
                        + ".downloadPath");
        byte[] downloaded = given().auth().oauth2(tokenWithRole(Roles.READ_ONLY)).get(path).then().statusCode(200)
                .header("Content-Disposition", containsString("attachment; filename=\"palautusohje.pdf\""))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("sandbox")).extract().asByteArray();
        assertThat(downloaded).isEqualTo(pdf);
        given().get(path).then().statusCode(401);
        // the same attachment asked for under another ticket is not found
        given().auth().oauth2(agent).get(path.replace(ticket.getString("id"), newEmailTicket().getString("id")))
                .then().statusCode(404);
    }

    @Test
    void filesThatAreNotWhatTheySayOrTooLargeOrUnknownAreRefused() {
        String agent = tokenWithRole(Roles.AGENT);
        given().auth().oauth2(agent).contentType("image/jpeg").body("<html><script>alert(1)</script></html>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("fileName", "kuva.jpg").post("/api/v1/attachments").then().statusCode(415)
                .contentType("application/problem+json");
        given().auth().oauth2(agent).contentType("application/octet-stream").body(new byte[2 * 1024 * 1024 + 1])
                .post("/api/v1/attachments").then().statusCode(413).contentType("application/problem+json");
        given().auth().oauth2(tokenWithRole(Roles.READ_ONLY)).contentType("application/octet-stream")
                .body("%PDF-1.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).post("/api/v1/attachments")
                .then().statusCode(403);
        JsonPath ticket = newEmailTicket();
        given().auth().oauth2(agent).contentType("application/json")
                .body(Map.of("text", "x", "attachments", List.of(UUID.randomUUID().toString())))
                .post("/api/v1/tickets/" + ticket.getString("id") + "/replies").then().statusCode(400)
                .body("detail", containsString("upload it first"));
    }

    @Test
    void aClosedWhatsappConversationIsReopenedWithATemplateOnlyWhenItIsClosed() {
        String agent = tokenWithRole(Roles.AGENT);
        JsonPath closed = whatsappTicket(Duration.ofHours(30));
        String requestId = given().auth().oauth2(agent).post("/api/v1/tickets/" + closed.getString("id")
                + "/conversation-reopenings").then().statusCode(201).extract().path("requestId");
        OutboundMessageRequested request = topics.await(Topics.OUTBOUND_MESSAGES, r -> EventJson.read(r.value(),
                OutboundMessageRequested.class).eventId().equals(requestId), 1, Duration.ofSeconds(20)).stream()
                .map(r -> EventJson.read(r.value(), OutboundMessageRequested.class)).findFirst().orElseThrow();
        assertThat(request.kind()).isEqualTo(OutboundKind.CONVERSATION_REOPENING);
        assertThat(request.channel()).isEqualTo(io.tiski.events.v1.Channel.WHATSAPP);

        JsonPath open = whatsappTicket(Duration.ofHours(1));
        given().auth().oauth2(agent).post("/api/v1/tickets/" + open.getString("id") + "/conversation-reopenings")
                .then().statusCode(409).body("detail", containsString("reply as usual"));
        given().auth().oauth2(agent).post("/api/v1/tickets/" + newEmailTicket().getString("id")
                + "/conversation-reopenings").then().statusCode(409).body("detail", containsString("only WhatsApp"));
    }
}
