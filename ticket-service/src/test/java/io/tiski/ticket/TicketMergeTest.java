package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.SenderClassification;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A duplicate ticket merged into the survivor: its conversation moves, and later mail for it lands there too. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class TicketMergeTest {
    static final String TOKEN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    @Test
    void theDuplicatesConversationMovesToTheSurvivorAndFollowUpsFollowIt() {
        String customer = "merge-" + UUID.randomUUID() + "@example.fi";
        String firstId = "merge-a-" + UUID.randomUUID() + "@mail.example.fi";
        String secondId = "merge-b-" + UUID.randomUUID() + "@mail.example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email(customer, "Liisa", "Takki ei tullut", "Hei!",
                firstId, List.of(), null, SenderClassification.PERSON), "/test"));
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email(customer, "Liisa", "Takki vieläkin kateissa",
                "Kirjoitin jo aiemmin.", secondId, List.of(), null, SenderClassification.PERSON), "/test"));
        JsonPath survivor = InboundMessageFlowTest.ticketOf(firstId);
        JsonPath duplicate = InboundMessageFlowTest.ticketOf(secondId);
        assertThat(duplicate.getString("id")).isNotEqualTo(survivor.getString("id"));

        JsonPath merged = given().auth().oauth2(TOKEN).contentType(ContentType.JSON)
                .body(Map.of("into", survivor.getString("number"))).post("/api/v1/tickets/"
                        + duplicate.getString("id") + "/merge").then().statusCode(200).extract().jsonPath();
        assertThat(merged.getString("id")).isEqualTo(survivor.getString("id"));
        assertThat(merged.getList("messages.sourceMessageId", String.class)).containsExactlyInAnyOrder(firstId,
                secondId);
        JsonPath closed = given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + duplicate.getString("id")).then()
                .statusCode(200).extract().jsonPath();
        assertThat(closed.getString("status")).isEqualTo("CLOSED");
        assertThat(closed.getString("mergedIntoTicketId")).isEqualTo(survivor.getString("id"));
        assertThat(closed.getList("messages")).isEmpty();
        given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + survivor.getString("id") + "/audit").then()
                .statusCode(200).body("action", hasItem("MERGED"));

        // The customer answers the thread of the merged ticket: it lands on the survivor.
        String followUp = "merge-c-" + UUID.randomUUID() + "@mail.example.fi";
        InboundMessageReceived reply = InboundMessageFlowTest.email(customer, "Liisa", "Re: Takki vieläkin kateissa",
                "Onko uutisia?", followUp, List.of(secondId), null, SenderClassification.PERSON);
        topics.publish(EventEnvelope.of(reply, "/test"));
        JsonPath after = InboundMessageFlowTest.ticketOf(followUp);
        assertThat(after.getString("id")).isEqualTo(survivor.getString("id"));
        assertThat(after.getString("messages.find { it.sourceMessageId == '" + followUp + "' }.threadingReason"))
                .contains("#" + survivor.getString("number"));

        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("into", survivor.getString("id")))
                .post("/api/v1/tickets/" + duplicate.getString("id") + "/merge").then().statusCode(409)
                .body("detail", containsString("already merged"));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("into", duplicate.getString("id")))
                .post("/api/v1/tickets/" + survivor.getString("id") + "/merge").then().statusCode(409)
                .body("detail", containsString("closed"));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("into", survivor.getString("id")))
                .post("/api/v1/tickets/" + survivor.getString("id") + "/merge").then().statusCode(400);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("into", "999999999"))
                .post("/api/v1/tickets/" + survivor.getString("id") + "/merge").then().statusCode(404);
    }
}
