package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

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
import io.tiski.ticket.security.Roles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Splitting a message off, forwarding to a third party, and agents seeing only their teams' tickets. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class SplitForwardAndScopeTest {
    static final String ADMIN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    String mail(String from, String subject, String body, List<String> inReplyTo) {
        String messageId = "split-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email(from, "Sanna", subject, body, messageId,
                inReplyTo, null, SenderClassification.PERSON), "/test"));
        return messageId;
    }

    static JsonPath ticket(String token, String id) {
        return given().auth().oauth2(token).get("/api/v1/tickets/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aSecondMatterSplitsIntoItsOwnTicketAndItsRepliesFollowIt() {
        String customer = "sanna-" + UUID.randomUUID() + "@example.fi";
        String first = mail(customer, "Tilaus 100234", "Milloin tilaus saapuu?", List.of());
        String ticketId = InboundMessageFlowTest.ticketOf(first).getString("id");
        String second = mail(customer, "Re: Tilaus 100234", "Ja edellisen tilauksen vetoketju on rikki!",
                List.of(first));
        JsonPath both = InboundMessageFlowTest.ticketOf(second);
        assertThat(both.getString("id")).isEqualTo(ticketId);
        String secondMessage = both.getString("messages.find { it.sourceMessageId == '" + second + "' }.id");
        String firstMessage = both.getString("messages.find { it.sourceMessageId == '" + first + "' }.id");

        JsonPath split = given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("messageId", secondMessage, "subject", "Reklamaatio: vetoketju"))
                .post("/api/v1/tickets/" + ticketId + "/split").then().statusCode(201).extract().jsonPath();
        assertThat(split.getString("subject")).isEqualTo("Reklamaatio: vetoketju");
        assertThat(split.getString("splitFromTicketId")).isEqualTo(ticketId);
        assertThat(split.getString("customer.address")).isEqualTo(customer);
        assertThat(split.getList("messages.sourceMessageId")).containsExactly(second);
        assertThat(split.getString("messages[0].threadingReason")).contains("split off ticket #");
        assertThat(ticket(ADMIN, ticketId).getList("messages.sourceMessageId")).containsExactly(first);
        assertThat(given().auth().oauth2(ADMIN).get("/api/v1/tickets/" + ticketId + "/audit").then().extract()
                .jsonPath().getList("action")).contains("SPLIT");

        // the customer answers the split mail: it joins the new ticket, not the old one
        String answer = mail(customer, "Re: Re: Tilaus 100234", "Kuvat liitteenä.", List.of(second));
        assertThat(InboundMessageFlowTest.ticketOf(answer).getString("id")).isEqualTo(split.getString("id"));

        // what cannot be split says why, and changes nothing
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("messageId", firstMessage))
                .post("/api/v1/tickets/" + ticketId + "/split").then().statusCode(409)
                .body("detail", containsString("no other customer message"));
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("messageId", firstMessage))
                .post("/api/v1/tickets/" + split.getString("id") + "/split").then().statusCode(400)
                .body("detail", containsString("is not a message of ticket"));
        assertThat(ticket(ADMIN, ticketId).getList("messages.sourceMessageId")).containsExactly(first);
    }

    @Test
    void aForwardGoesToTheThirdPartyAndItsAnswerJoinsTheTicket() {
        String customer = "pekka-" + UUID.randomUUID() + "@example.fi";
        String first = mail(customer, "Missä paketti?", "Paketti 100777 ei ole tullut.", List.of());
        String ticketId = InboundMessageFlowTest.ticketOf(first).getString("id");
        String warehouse = "varasto-" + UUID.randomUUID() + "@logistiikka.example.fi";

        JsonPath written = given().auth().oauth2(AgentActionsTest.tokenFor(Roles.AGENT, "maija"))
                .contentType("application/json")
                .body(Map.of("to", warehouse, "text", "Lähtikö tilaus 100777 jo?"))
                .post("/api/v1/tickets/" + ticketId + "/forwards").then().statusCode(201).extract().jsonPath();
        OutboundMessageRequested forward = EventJson.read(topics.await(Topics.OUTBOUND_MESSAGES,
                r -> r.key().equals(ticketId) && EventJson.read(r.value(), OutboundMessageRequested.class).kind()
                        == OutboundKind.FORWARD, 1, Duration.ofSeconds(20)).get(0).value(),
                OutboundMessageRequested.class);
        assertThat(forward.eventId()).isEqualTo(written.getString("requestId"));
        assertThat(forward.recipient().address()).isEqualTo(warehouse);
        assertThat(forward.subject()).startsWith("Fwd: ");
        assertThat(forward.textBody()).startsWith("Lähtikö tilaus 100777 jo?").contains("Forwarded message")
                .contains(customer).contains("Paketti 100777 ei ole tullut.");
        assertThat(forward.email().messageId()).startsWith("forward.");
        JsonPath after = ticket(ADMIN, ticketId);
        assertThat(after.getList("deliveries.kind")).contains("FORWARD");
        assertThat(after.getList("messages.kind")).contains("FORWARD");

        // the warehouse answers the forward: it is a participant now, so the answer threads into the ticket
        String answer = mail(warehouse, "Re: Fwd: Missä paketti?", "Lähti eilen, seuranta JJFI123.",
                List.of(forward.email().messageId()));
        JsonPath threaded = InboundMessageFlowTest.ticketOf(answer);
        assertThat(threaded.getString("id")).isEqualTo(ticketId);
        assertThat(threaded.getString("messages.find { it.sourceMessageId == '" + answer + "' }.threadingReason"))
                .contains("In-Reply-To");

        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("to", "not an address"))
                .post("/api/v1/tickets/" + ticketId + "/forwards").then().statusCode(400);
    }

    @Test
    void agentsSeeAndActOnlyOnTheirTeamsTicketsUnroutedOnesAndTheirOwn() {
        String north = "north-" + UUID.randomUUID().toString().substring(0, 8);
        String south = "south-" + UUID.randomUUID().toString().substring(0, 8);
        String agent = "tiimi-" + UUID.randomUUID();
        String token = AgentActionsTest.tokenFor(Roles.AGENT, agent);
        TicketFieldsAndViewsTest.setTeams(agent, List.of(north));
        String tag = "scope" + UUID.randomUUID().toString().substring(0, 8);

        String ours = InboundMessageFlowTest.ticketOf(mail("a-" + UUID.randomUUID() + "@example.fi", "Pohjoinen",
                "Hei", List.of())).getString("id");
        String theirs = InboundMessageFlowTest.ticketOf(mail("b-" + UUID.randomUUID() + "@example.fi", "Etelä",
                "Hei", List.of())).getString("id");
        String unrouted = InboundMessageFlowTest.ticketOf(mail("c-" + UUID.randomUUID() + "@example.fi", "Ei tiimiä",
                "Hei", List.of())).getString("id");
        String assigned = InboundMessageFlowTest.ticketOf(mail("d-" + UUID.randomUUID() + "@example.fi", "Minulle",
                "Hei", List.of())).getString("id");
        TicketFieldsAndViewsTest.patch(ADMIN, ours, Map.of("team", north, "addTags", List.of(tag)), 200);
        TicketFieldsAndViewsTest.patch(ADMIN, theirs, Map.of("team", south, "addTags", List.of(tag)), 200);
        TicketFieldsAndViewsTest.patch(ADMIN, unrouted, Map.of("addTags", List.of(tag)), 200);
        TicketFieldsAndViewsTest.patch(ADMIN, assigned, Map.of("team", south, "assignee", agent,
                "addTags", List.of(tag)), 200);

        assertThat(TicketFieldsAndViewsTest.listIds(token, Map.of("tag", tag)))
                .containsExactlyInAnyOrder(ours, unrouted, assigned);
        assertThat(TicketFieldsAndViewsTest.listIds(ADMIN, Map.of("tag", tag))).hasSize(4);
        assertThat(given().auth().oauth2(token).queryParam("tag", tag).get("/api/v1/tickets/counts").then()
                .extract().jsonPath().getLong("NEW")).isEqualTo(3L);

        // another team's ticket answers as if it did not exist, and nothing an agent sends to it changes it
        given().auth().oauth2(token).get("/api/v1/tickets/" + theirs).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token).contentType("application/json").body(Map.of("text", "Hei!"))
                .post("/api/v1/tickets/" + theirs + "/replies").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token).contentType("application/json").body(Map.of("priority", "URGENT"))
                .patch("/api/v1/tickets/" + theirs).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/tickets/" + theirs + "/audit").then().statusCode(404);
        JsonPath untouched = ticket(ADMIN, theirs);
        assertThat(untouched.getList("messages")).hasSize(1);
        assertThat(untouched.getString("priority")).isEqualTo("NORMAL");
        JsonPath bulk = given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("tickets", List.of(ours, theirs), "change", Map.of("priority", "HIGH")))
                .post("/api/v1/tickets/bulk").then().statusCode(200).extract().jsonPath();
        assertThat(bulk.getList("status", Integer.class)).containsExactly(200, 404);
        assertThat(ticket(ADMIN, theirs).getString("priority")).isEqualTo("NORMAL");

        given().auth().oauth2(token).get("/api/v1/tickets/" + ours).then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("text", "Hei, katson asiaa."))
                .post("/api/v1/tickets/" + assigned + "/replies").then().statusCode(201);
    }
}
