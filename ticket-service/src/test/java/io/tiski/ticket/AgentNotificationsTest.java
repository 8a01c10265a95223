package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
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

/** Agents hear by email of what they chose: assignments by others and customers' replies on their tickets. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class AgentNotificationsTest {
    static final String ADMIN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    List<OutboundMessageRequested> notificationsTo(String ticketId, String address, Duration quiet) {
        return topics.readAll(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId), quiet).stream()
                .map(r -> EventJson.read(r.value(), OutboundMessageRequested.class))
                .filter(m -> m.kind() == OutboundKind.NOTIFICATION && m.recipient().address().equals(address))
                .toList();
    }

    @Test
    void assignmentsByOthersAndCustomerRepliesAreMailedToAgentsWhoAskedForThem() {
        String agent = "ilmoitus-" + UUID.randomUUID();
        String token = AgentActionsTest.tokenFor(Roles.AGENT, agent);
        String address = agent + "@kauppa.example.fi";
        given().auth().oauth2(token).get("/api/v1/agents/me/notifications").then().statusCode(404);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("email", address,
                "assigned", true, "customerReplied", true, "slaWarning", false))
                .put("/api/v1/agents/me/notifications").then().statusCode(200);
        assertThat(given().auth().oauth2(token).get("/api/v1/agents/me/notifications").then().statusCode(200)
                .extract().jsonPath().getBoolean("customerReplied")).isTrue();
        given().auth().oauth2(token).contentType("application/json").body(Map.of("email", "not an address",
                "assigned", true, "customerReplied", true, "slaWarning", true))
                .put("/api/v1/agents/me/notifications").then().statusCode(400);

        String customer = "tuuli-" + UUID.randomUUID() + "@example.fi";
        String first = "notify-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email(customer, "Tuuli", "Laskun kopio",
                "Saisinko laskun kopion?", first, List.of(), null, SenderClassification.PERSON), "/test"));
        String ticketId = InboundMessageFlowTest.ticketOf(first).getString("id");

        TicketFieldsAndViewsTest.patch(ADMIN, ticketId, Map.of("assignee", agent), 200);
        OutboundMessageRequested assigned = EventJson.read(topics.await(Topics.OUTBOUND_MESSAGES,
                r -> r.key().equals(ticketId) && EventJson.read(r.value(), OutboundMessageRequested.class).kind()
                        == OutboundKind.NOTIFICATION, 1, Duration.ofSeconds(20)).get(0).value(),
                OutboundMessageRequested.class);
        assertThat(assigned.recipient().address()).isEqualTo(address);
        assertThat(assigned.subject()).startsWith("Assigned to you: #").contains("Laskun kopio");
        assertThat(assigned.textBody()).contains("admin assigned ticket #");

        String reply = "notify-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email(customer, "Tuuli", "Re: Laskun kopio",
                "Lasku numero 4711, kiitos.", reply, List.of(first), null, SenderClassification.PERSON), "/test"));
        InboundMessageFlowTest.ticketOf(reply);
        List<OutboundMessageRequested> mails = notificationsTo(ticketId, address, Duration.ofSeconds(3));
        assertThat(mails).extracting(OutboundMessageRequested::subject).hasSize(2)
                .anyMatch(s -> s.startsWith("Customer replied: #"));
        assertThat(mails).anyMatch(m -> m.textBody().contains("Lasku numero 4711"));

        // the agent's own actions are not news to them, and an out-of-office from the customer is not a reply
        TicketFieldsAndViewsTest.patch(ADMIN, ticketId, Map.of("assignee", ""), 200);
        TicketFieldsAndViewsTest.patch(token, ticketId, Map.of("assignee", agent), 200);
        String away = "notify-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email(customer, "Tuuli", "Automaattinen vastaus",
                "Olen lomalla.", away, List.of(first), null, SenderClassification.OUT_OF_OFFICE), "/test"));
        InboundMessageFlowTest.ticketOf(away);
        assertThat(notificationsTo(ticketId, address, Duration.ofSeconds(3))).hasSize(2);
    }

    @Test
    void anSlaWarningOnTheirTicketIsMailedToTheAssigneeWhoAskedForIt() {
        String agent = "varoitus-" + UUID.randomUUID();
        String token = AgentActionsTest.tokenFor(Roles.AGENT, agent);
        String address = agent + "@kauppa.example.fi";
        given().auth().oauth2(token).contentType("application/json").body(Map.of("email", address,
                "assigned", false, "customerReplied", false, "slaWarning", true))
                .put("/api/v1/agents/me/notifications").then().statusCode(200);
        String brand = "sla-warn-" + UUID.randomUUID();
        SlaFlowTest.createPolicy(Map.of("name", "Warned " + brand, "position", 1,
                "conditions", Map.of("brands", List.of(brand)),
                "targets", Map.of("firstResponse", Map.of("time", "PT12S", "businessHours", false)),
                "warningLead", "PT6S"));
        var event = SlaFlowTest.email(brand, "Missä tilaukseni on?");
        topics.publish(EventEnvelope.of(event, "/test"));
        var ticket = SlaFlowTest.ticketOf(event);
        String ticketId = ticket.getString("id");
        TicketFieldsAndViewsTest.patch(ADMIN, ticketId, Map.of("assignee", agent), 200);

        OutboundMessageRequested warning = EventJson.read(topics.await(Topics.OUTBOUND_MESSAGES,
                r -> r.key().equals(ticketId) && EventJson.read(r.value(), OutboundMessageRequested.class).kind()
                        == OutboundKind.NOTIFICATION, 1, Duration.ofSeconds(30)).get(0).value(),
                OutboundMessageRequested.class);
        assertThat(warning.recipient().address()).isEqualTo(address);
        assertThat(warning.subject()).isEqualTo("SLA warning: #" + ticket.getLong("number") + " first response");
        assertThat(warning.textBody()).contains("is due for its first response at");
    }
}
