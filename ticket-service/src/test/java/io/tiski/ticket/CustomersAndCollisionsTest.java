package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.SenderClassification;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import io.tiski.ticket.security.Roles;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class CustomersAndCollisionsTest {
    static final String TOKEN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    JsonPath ticketFrom(String address) {
        String messageId = "cust-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email(address, "Aino Asiakas", "Kysymys " + messageId,
                "Hei", messageId, List.of(), null, SenderClassification.PERSON), "/test"));
        return InboundMessageFlowTest.ticketOf(messageId);
    }

    @Test
    void mergingTwoRecordsOfOnePersonGivesOneHistoryAcrossAddresses() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        JsonPath work = ticketFrom("aino-" + marker + "@work.example.fi");
        JsonPath home = ticketFrom("aino-" + marker + "@home.example.fi");
        String survivor = work.getString("customer.id");
        String duplicate = home.getString("customer.id");
        assertThat(survivor).isNotEqualTo(duplicate);

        JsonPath merged = given().auth().oauth2(TOKEN).contentType("application/json")
                .body(Map.of("duplicateId", duplicate)).post("/api/v1/customers/" + survivor + "/merge").then()
                .statusCode(200).extract().jsonPath();
        assertThat(merged.getList("identities.address")).containsExactlyInAnyOrder("aino-" + marker
                + "@work.example.fi", "aino-" + marker + "@home.example.fi");
        assertThat(merged.getList("tickets.number", Long.class)).containsExactly(home.getLong("number"),
                work.getLong("number"));
        // the old record answers with the survivor, and new mail from the second address joins it
        given().auth().oauth2(TOKEN).get("/api/v1/customers/" + duplicate).then().body("id", equalTo(survivor));
        assertThat(ticketFrom("aino-" + marker + "@home.example.fi").getString("customer.id")).isEqualTo(survivor);
        assertThat(given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + home.getString("id") + "/audit").then()
                .extract().jsonPath().getList("action")).contains("CUSTOMER_MERGED");
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("duplicateId", duplicate))
                .post("/api/v1/customers/" + survivor + "/merge").then().statusCode(409);
    }

    @Test
    void aSecondAgentIsToldWhoIsAlreadyAnswering() {
        String ticketId = ticketFrom("collide-" + UUID.randomUUID() + "@example.fi").getString("id");
        String liisa = AgentActionsTest.tokenFor(Roles.AGENT, "liisa-" + UUID.randomUUID());
        String matti = AgentActionsTest.tokenFor(Roles.AGENT, "matti-" + UUID.randomUUID());
        given().auth().oauth2(liisa).contentType("application/json").body(Map.of("activity", "composing"))
                .put("/api/v1/tickets/" + ticketId + "/presence").then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(matti).contentType("application/json").body(Map.of("activity", "viewing"))
                .put("/api/v1/tickets/" + ticketId + "/presence").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].activity", equalTo("COMPOSING"));
        given().auth().oauth2(liisa).delete("/api/v1/tickets/" + ticketId + "/presence").then().statusCode(204);
        given().auth().oauth2(matti).get("/api/v1/tickets/" + ticketId + "/presence").then().body("size()",
                equalTo(0));
        given().auth().oauth2(matti).contentType("application/json").body(Map.of("activity", "dancing"))
                .put("/api/v1/tickets/" + ticketId + "/presence").then().statusCode(400);
    }
}
