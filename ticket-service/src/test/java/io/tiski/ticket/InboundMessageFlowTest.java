package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.CloudEventHeaders;
import io.tiski.events.v1.EmailHeaders;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.events.v1.TicketCreated;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Inbound events from the real broker become tickets in the real database; the outbox publishes the results. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class InboundMessageFlowTest {
    static final String TOKEN = "test-admin-token-0123456789";
    final TopicProbe topics = TopicProbe.ofTestBroker();

    static InboundMessageReceived email(String from, String name, String subject, String body, String messageId,
            List<String> inReplyTo, String subjectRef, SenderClassification classification) {
        return new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(), Channel.EMAIL, messageId,
                "email:" + messageId, "support@localhost", new Participant(from, name),
                List.of(new Participant("support@localhost", null)), List.of(), subject, body, body, null, null,
                classification, new EmailHeaders(messageId, inReplyTo, inReplyTo, subjectRef, null, subject, null),
                List.of(), null, Map.of());
    }

    static JsonPath ticketOf(String sourceMessageId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonPath page = given().auth().oauth2(TOKEN).queryParam("q", sourceMessageId)
                    .get("/api/v1/tickets").then().statusCode(200).extract().jsonPath();
            return page.getList("items").isEmpty() ? null
                    : given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + page.getString("items[0].id")).then()
                            .statusCode(200).extract().jsonPath();
        }, p -> p != null && p.getList("messages.sourceMessageId").contains(sourceMessageId));
    }

    @Test
    void newEmailOpensTicketAndRequestsOneAcknowledgementThroughTheOutbox() {
        String messageId = "first-" + UUID.randomUUID() + "@mail.example.fi";
        InboundMessageReceived event = email("Maija@Example.fi", "Maija Meikäläinen", "Tilaus puuttuu " + messageId,
                "Hei, tilaukseni ei ole vielä saapunut.", messageId, List.of(), null, SenderClassification.PERSON);
        topics.publish(EventEnvelope.of(event, "/test"));

        JsonPath ticket = ticketOf(messageId);
        assertThat(ticket.getString("status")).isEqualTo("NEW");
        assertThat(ticket.getString("channel")).isEqualTo("EMAIL");
        assertThat(ticket.getString("language")).isEqualTo("fi");
        assertThat(ticket.getString("customer.name")).isEqualTo("Maija Meikäläinen");
        assertThat(ticket.getString("customer.address")).isEqualTo("maija@example.fi");
        String ticketId = ticket.getString("id");

        var created = topics.await(Topics.TICKET_EVENTS, r -> r.key().equals(ticketId)
                && TicketCreated.TYPE.equals(TopicProbe.header(r, CloudEventHeaders.TYPE)), 1, Duration.ofSeconds(20));
        assertThat(EventJson.read(created.get(0).value(), TicketCreated.class).ticketNumber())
                .isEqualTo(ticket.getLong("number"));
        var ack = topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), 1, Duration.ofSeconds(20));
        OutboundMessageRequested request = EventJson.read(ack.get(0).value(), OutboundMessageRequested.class);
        assertThat(request.kind()).isEqualTo(OutboundKind.ACKNOWLEDGEMENT);
        assertThat(request.recipient().address()).isEqualTo("Maija@Example.fi");
        assertThat(request.language()).isEqualTo("fi");
        assertThat(request.email().inReplyTo()).isEqualTo(messageId);
        assertThat(request.email().messageId()).endsWith("@tiski.localhost");
        assertThat(ticket.getList("deliveries")).hasSize(1);
    }

    @Test
    void aReturnFormsAcknowledgementCarriesTheReturnConfirmationOfTheShopsPolicy() {
        String submissionId = "return-form-" + UUID.randomUUID();
        Map<String, String> fields = new java.util.HashMap<>(Map.of("requestType", "RETURN", "orderNumber", "10023",
                "reason", "WRONG_SIZE", "policyWindow", "WITHDRAWAL", "policyAccepted", "true",
                "returnDeadline", "2026-12-17", "returnCost", "free"));
        fields.put("returnAddress", "Verkkokauppa Oy / Palautukset\nVarastotie 5");
        fields.put("returnLabelUrl", "https://palautus.example.fi/verkkokauppa");
        topics.publish(EventEnvelope.of(new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(),
                Channel.RETURN_FORM, submissionId, "return-form:" + submissionId, "support@localhost",
                new Participant("aino." + UUID.randomUUID() + "@example.fi", "Aino"), List.of(), List.of(),
                "Palautus / Return 10023", "Return for order 10023", "Return for order 10023", null, "fi",
                SenderClassification.PERSON, null, List.of(), null, fields), "/test"));

        JsonPath ticket = ticketOf(submissionId);
        var ack = topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticket.getString("id")), 1,
                Duration.ofSeconds(20));
        OutboundMessageRequested request = EventJson.read(ack.get(0).value(), OutboundMessageRequested.class);
        assertThat(request.channel()).isEqualTo(Channel.EMAIL);
        assertThat(request.returnConfirmation()).isEqualTo(new io.tiski.events.v1.ReturnConfirmation("RETURN",
                "10023", "WITHDRAWAL", true, java.time.LocalDate.of(2026, 12, 17), "free",
                "Verkkokauppa Oy / Palautukset\nVarastotie 5", "https://palautus.example.fi/verkkokauppa"));
    }

    @Test
    void aBrandThatAcknowledgesOnlyByEmailSendsNothingOnTelegram() {
        String chat = String.valueOf(System.nanoTime());
        String word = "outlet" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        topics.publish(EventEnvelope.of(new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(),
                Channel.TELEGRAM, "telegram:outletbot:" + chat + ":1", "telegram:outletbot:" + chat, "@outlet_bot",
                new Participant("telegram:" + chat, "Aino"), List.of(), List.of(), null, "Hei " + word,
                "Hei " + word, null, "fi", SenderClassification.PERSON, null, List.of(), null, Map.of(), "outlet",
                null), "/test"));
        String ticketId = ticketOf("telegram:outletbot:" + chat + ":1").getString("id");
        assertThat(topics.readAll(Topics.OUTBOUND_MESSAGES, r -> ticketId.equals(r.key()), Duration.ofSeconds(2)))
                .isEmpty();

        // by email the same brand is acknowledged, and the request names the brand for its name and signature
        String messageId = "outlet-" + UUID.randomUUID() + "@example.fi";
        InboundMessageReceived mail = email("outlet-customer@example.fi", "Aino", "Koko", "Onko kokoa 38?",
                messageId, List.of(), null, SenderClassification.PERSON);
        topics.publish(EventEnvelope.of(new InboundMessageReceived(mail.eventId(), mail.occurredAt(), mail.channel(),
                mail.sourceMessageId(), mail.conversationKey(), mail.inboxAddress(), mail.from(), mail.to(), mail.cc(),
                mail.subject(), mail.textBody(), mail.newText(), null, null, mail.classification(), mail.email(),
                List.of(), null, Map.of(), "outlet", null), "/test"));
        String emailTicket = ticketOf(messageId).getString("id");
        OutboundMessageRequested ack = EventJson.read(topics.await(Topics.OUTBOUND_MESSAGES,
                r -> emailTicket.equals(r.key()), 1, Duration.ofSeconds(20)).get(0).value(),
                OutboundMessageRequested.class);
        assertThat(ack.brand()).isEqualTo("outlet");
    }

    @Test
    void attachmentReferencesAreKeptOnTheMessage() {
        String messageId = "att-" + UUID.randomUUID() + "@example.fi";
        InboundMessageReceived base = email("aino@example.fi", "Aino", "Kuva " + messageId, "Liitteenä kuva",
                messageId, List.of(), null, SenderClassification.PERSON);
        InboundMessageReceived withAttachments = new InboundMessageReceived(base.eventId(), base.occurredAt(),
                base.channel(), base.sourceMessageId(), base.conversationKey(), base.inboxAddress(), base.from(),
                base.to(), base.cc(), base.subject(), base.textBody(), base.newText(), base.htmlBody(), base.language(),
                base.classification(), base.email(), List.of(new io.tiski.events.v1.AttachmentReference("a".repeat(64),
                        "kuva.jpg", "image/jpeg", 1234, null, false, null), new io.tiski.events.v1.AttachmentReference(
                                null, "video.mp4", "video/mp4", 99_000_000, null, false, "too large")),
                null, Map.of());
        topics.publish(EventEnvelope.of(withAttachments, "/test"));
        JsonPath ticket = ticketOf(messageId);
        assertThat(ticket.getList("messages[0].attachments.fileName")).containsExactly("kuva.jpg", "video.mp4");
        assertThat(ticket.getString("messages[0].attachments.find { it.fileName == 'video.mp4' }.omittedReason"))
                .isEqualTo("too large");
    }

    @Test
    void theSameEventDeliveredTwiceAndTheSameMailRefetchedAddOneMessage() {
        String messageId = "dup-" + UUID.randomUUID() + "@mail.example.se";
        InboundMessageReceived event = email("erik@example.se", "Erik", "Retur " + messageId, "Hej, jag vill returnera.",
                messageId, List.of(), null, SenderClassification.PERSON);
        topics.publish(EventEnvelope.of(event, "/test"));
        topics.publish(EventEnvelope.of(event, "/test"));
        InboundMessageReceived refetched = email("erik@example.se", "Erik", "Retur " + messageId,
                "Hej, jag vill returnera.", messageId, List.of(), null, SenderClassification.PERSON);
        topics.publish(EventEnvelope.of(refetched, "/test"));

        String ticketId = ticketOf(messageId).getString("id");
        // the acknowledgement request is the last thing the first delivery produced; duplicates would add more
        topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), 1, Duration.ofSeconds(20));
        assertThat(topics.readAll(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), Duration.ofSeconds(2)))
                .hasSize(1);
        given().auth().oauth2(TOKEN).queryParam("q", messageId).get("/api/v1/tickets").then()
                .body("items", hasSize(1));
        given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId).then().body("messages", hasSize(1));
    }

    @Test
    void replyToTheAcknowledgementThreadsIntoTheTicketWithoutAnotherAcknowledgement() {
        String messageId = "orig-" + UUID.randomUUID() + "@mail.example.com";
        topics.publish(EventEnvelope.of(email("ann@example.com", "Ann", "Where is my parcel " + messageId,
                "Hello, my order has not arrived.", messageId, List.of(), null, SenderClassification.PERSON), "/test"));
        String ticketId = ticketOf(messageId).getString("id");
        var ack = EventJson.read(topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), 1,
                Duration.ofSeconds(20)).get(0).value(), OutboundMessageRequested.class);

        String replyId = "reply-" + UUID.randomUUID() + "@mail.example.com";
        topics.publish(EventEnvelope.of(email("ann@example.com", "Ann", "Re: Where is my parcel", "Any news?",
                replyId, List.of(ack.email().messageId()), null, SenderClassification.PERSON), "/test"));
        JsonPath ticket = ticketOf(replyId);
        assertThat(ticket.getString("id")).isEqualTo(ticketId);
        assertThat(ticket.getList("messages")).hasSize(2);
        assertThat(ticket.getString("messages[1].threadingReason")).contains(ack.email().messageId());
        assertThat(topics.readAll(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), Duration.ofSeconds(2)))
                .hasSize(1);
    }

    @Test
    void aReplyPolledTogetherWithTheMailItAnswersThreadsIntoTheTicketThatMailOpens() {
        String messageId = "zip-" + UUID.randomUUID() + "@mail.example.com";
        String replyId = "zip-reply-" + UUID.randomUUID() + "@mail.example.com";
        InboundMessageReceived opening = email("bea@example.com", "Bea", "Broken zipper", "The zipper broke.",
                messageId, List.of(), null, SenderClassification.PERSON);
        // the same conversation key, so the same partition: the reply is applied right after the mail it answers,
        // usually in the same poll and transaction, before the mail's Message-ID was ever committed
        InboundMessageReceived reply = new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(),
                Channel.EMAIL, replyId, opening.conversationKey(), "support@localhost",
                new Participant("bea@example.com", "Bea"), List.of(new Participant("support@localhost", null)),
                List.of(), "Re: Broken zipper", "A photo is attached.", "A photo is attached.", null, null,
                SenderClassification.PERSON, new EmailHeaders(replyId, List.of(messageId), List.of(messageId), null,
                        null, "Broken zipper", null), List.of(), null, Map.of());
        topics.publishTogether(List.of(EventEnvelope.of(opening, "/test"), EventEnvelope.of(reply, "/test")));

        JsonPath ticket = ticketOf(replyId);
        assertThat(ticket.getList("messages.sourceMessageId")).containsExactly(messageId, replyId);
        assertThat(ticket.getString("messages[1].threadingReason")).contains(messageId);
        String ticketId = ticket.getString("id");
        List<String> actions = given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId + "/audit").then()
                .statusCode(200).extract().jsonPath().getList("action");
        assertThat(actions).first().isEqualTo("CREATED");
        assertThat(topics.readAll(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), Duration.ofSeconds(2)))
                .hasSize(1);
    }

    @Test
    void aNewCustomersTwoConversationsPolledTogetherAreOneCustomer() {
        String first = "gift-" + UUID.randomUUID() + "@mail.example.com";
        String second = "gift-2-" + UUID.randomUUID() + "@mail.example.com";
        String sender = "cai-" + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
        InboundMessageReceived opening = email(sender, null, "Gift card", "Can I pay with a gift card?", first,
                List.of(), null, SenderClassification.PERSON);
        // a second conversation on the same key, so in the same partition and usually the same poll; signed this time
        InboundMessageReceived another = new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(),
                Channel.EMAIL, second, opening.conversationKey(), "support@localhost", new Participant(sender,
                        "Cai Virtanen"), List.of(new Participant("support@localhost", null)), List.of(),
                "Opening hours", "When is the shop open?", "When is the shop open?", null, null,
                SenderClassification.PERSON, new EmailHeaders(second, List.of(), List.of(), null, null,
                        "Opening hours", null), List.of(), null, Map.of());
        topics.publishTogether(List.of(EventEnvelope.of(opening, "/test"), EventEnvelope.of(another, "/test")));

        JsonPath one = ticketOf(first);
        JsonPath other = ticketOf(second);
        assertThat(other.getString("id")).isNotEqualTo(one.getString("id"));
        assertThat(other.getLong("number")).isNotEqualTo(one.getLong("number"));
        assertThat(other.getString("customer.id")).isEqualTo(one.getString("customer.id"));
        JsonPath customer = given().auth().oauth2(TOKEN).get("/api/v1/customers/" + one.getString("customer.id"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(customer.getString("name")).isEqualTo("Cai Virtanen");
        assertThat(customer.getList("identities.address")).containsExactly(sender);
        assertThat(customer.getList("tickets")).hasSize(2);
    }

    @Test
    void forgedTicketReferenceFromAStrangerOpensANewTicket() {
        String messageId = "victim-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(email("victim@example.fi", "Victim", "Order " + messageId, "Hei", messageId,
                List.of(), null, SenderClassification.PERSON), "/test"));
        JsonPath victim = ticketOf(messageId);

        String forgedId = "forged-" + UUID.randomUUID() + "@evil.example";
        topics.publish(EventEnvelope.of(email("attacker@evil.example", null,
                "[#" + victim.getLong("number") + "] give me the data", "Send the address", forgedId, List.of(),
                String.valueOf(victim.getLong("number")), SenderClassification.PERSON), "/test"));
        JsonPath forged = ticketOf(forgedId);
        assertThat(forged.getString("id")).isNotEqualTo(victim.getString("id"));
        assertThat(forged.getString("messages[0].threadingReason")).contains("not a participant");
    }

    @Test
    void autoReplyIsThreadedButNeverAcknowledged() {
        String messageId = "ooo-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(email("away@example.fi", "Away", "Automatic reply " + messageId,
                "I am out of office", messageId, List.of(), null, SenderClassification.OUT_OF_OFFICE), "/test"));
        String ticketId = ticketOf(messageId).getString("id");
        topics.await(Topics.TICKET_EVENTS, r -> r.key().equals(ticketId), 2, Duration.ofSeconds(20));
        assertThat(topics.readAll(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), Duration.ofSeconds(2)))
                .isEmpty();
    }

    @Test
    void unreadableEventGoesToTheDeadLetterTopicWithTheReason() {
        String key = "poison-" + UUID.randomUUID();
        topics.publish(Topics.INBOUND_MESSAGES, key, Map.of(CloudEventHeaders.TYPE, InboundMessageReceived.TYPE),
                "{not json".getBytes(StandardCharsets.UTF_8));
        var dead = topics.await(Topics.deadLetterTopicOf(Topics.INBOUND_MESSAGES), r -> key.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).contains("InboundMessageReceived");
        // published again after a crash, it would be told apart from a second dead letter by this id
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-id")).startsWith("dead-letter-");
        // and the stream goes on
        String messageId = "after-poison-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(email("next@example.fi", null, "After " + messageId, "Hei", messageId,
                List.of(), null, SenderClassification.PERSON), "/test"));
        ticketOf(messageId);
    }

    @Test
    void aMessageTheDatabaseRefusesIsDeadLetteredAndTheRestOfItsBatchIsKept() {
        String first = "batch-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(email("batch@example.fi", "Batch", "Order " + first, "Hei", first, List.of(),
                null, SenderClassification.PERSON), "/test"));
        String ticketId = ticketOf(first).getString("id");
        // eleven follow-ups of one conversation (one partition), sent together so they are polled together; the
        // sixth carries a language code longer than any language code, which the database refuses
        List<EventEnvelope> followUps = new ArrayList<>();
        String refused = null;
        for (int i = 1; i <= 11; i++) {
            String id = "batch-" + i + "-" + UUID.randomUUID() + "@example.fi";
            InboundMessageReceived followUp = email("batch@example.fi", "Batch", "Re: Order " + first, "Reply " + i,
                    id, List.of(first), null, SenderClassification.PERSON);
            followUp = new InboundMessageReceived(followUp.eventId(), followUp.occurredAt(), followUp.channel(),
                    followUp.sourceMessageId(), "email:" + first, followUp.inboxAddress(), followUp.from(),
                    followUp.to(), followUp.cc(), followUp.subject(), followUp.textBody(), followUp.newText(),
                    followUp.htmlBody(), i == 6 ? "fi-FI-x-helsinki-dialect" : null, followUp.classification(),
                    followUp.email(), followUp.attachments(), followUp.rawMessageReference(), followUp.formFields());
            if (i == 6) {
                refused = id;
            }
            followUps.add(EventEnvelope.of(followUp, "/test"));
        }
        topics.publishTogether(followUps);

        String refusedId = refused;
        var dead = topics.await(Topics.deadLetterTopicOf(Topics.INBOUND_MESSAGES),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(refusedId), 1, Duration.ofSeconds(60));
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).contains("too long");
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.INBOUND_MESSAGES);
        assertThat(TopicProbe.header(dead.get(0), CloudEventHeaders.TYPE)).isEqualTo(InboundMessageReceived.TYPE);
        List<String> texts = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TOKEN)
                .get("/api/v1/tickets/" + ticketId).then().statusCode(200).extract().jsonPath()
                .<String>getList("messages.text"), list -> list.size() == 11);
        assertThat(texts).containsExactly("Hei", "Reply 1", "Reply 2", "Reply 3", "Reply 4", "Reply 5", "Reply 7",
                "Reply 8", "Reply 9", "Reply 10", "Reply 11");
    }

    @Test
    void theApiRefusesCallsWithoutAValidToken() {
        given().get("/api/v1/tickets").then().statusCode(401);
        given().auth().oauth2("not-a-real-token-000000").get("/api/v1/tickets").then().statusCode(401);
    }

    @Test
    void unknownTicketIsAProblem() {
        given().auth().oauth2(TOKEN).get("/api/v1/tickets/99999999").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(TOKEN).queryParam("limit", 0).get("/api/v1/tickets").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("limit"));
    }
}
