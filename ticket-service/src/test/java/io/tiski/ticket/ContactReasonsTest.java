package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A managed list of contact reasons; a ticket needs one before it is solved; the report counts them. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class ContactReasonsTest {
    static final String TOKEN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    @Test
    void aTicketIsSolvedOnlyWithAReasonFromTheListAndTheReportCountsThem() {
        try {
            given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("labelFi", "Toimitus myöhässä",
                    "labelSv", "Leveransen är sen", "labelEn", "Delivery late", "position", 1))
                    .put("/api/v1/contact-reasons/delivery-late").then().statusCode(200)
                    .body("code", equalTo("DELIVERY_LATE"));
            given().auth().oauth2(TOKEN).get("/api/v1/contact-reasons").then().statusCode(200)
                    .body("code", hasItem("DELIVERY_LATE"));
            String brand = "reasons-" + UUID.randomUUID();
            InboundMessageReceived event = SlaFlowTest.email(brand, "Missä paketti?");
            topics.publish(EventEnvelope.of(event, "/test"));
            String ticketId = InboundMessageFlowTest.ticketOf(event.sourceMessageId()).getString("id");
            given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "Paketti on matkalla."))
                    .post("/api/v1/tickets/" + ticketId + "/replies").then().statusCode(201);

            given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("status", "SOLVED"))
                    .patch("/api/v1/tickets/" + ticketId).then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("contact reason"))
                    .body("detail", containsString("DELIVERY_LATE"));
            given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("contactReason", "WEATHER"))
                    .patch("/api/v1/tickets/" + ticketId).then().statusCode(400)
                    .body("detail", containsString("DELIVERY_LATE"));
            JsonPath solved = given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("status",
                    "SOLVED", "contactReason", "delivery-late")).patch("/api/v1/tickets/" + ticketId).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(solved.getString("status")).isEqualTo("SOLVED");
            assertThat(solved.getString("contactReason")).isEqualTo("DELIVERY_LATE");
            given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + ticketId + "/audit").then().statusCode(200)
                    .body("field", hasItem("contactReason"));

            String today = LocalDate.now(ZoneId.of("Europe/Helsinki")).toString();
            JsonPath report = given().auth().oauth2(TOKEN).queryParam("from", today).queryParam("to", today)
                    .queryParam("brand", brand).queryParam("language", "fi").get("/api/v1/reports/contact-reasons")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(report.getString("find { it.channel == 'ALL' }.reason")).isEqualTo("DELIVERY_LATE");
            assertThat(report.getString("find { it.channel == 'ALL' }.label")).isEqualTo("Toimitus myöhässä");
            assertThat(report.getLong("find { it.channel == 'ALL' }.tickets")).isEqualTo(1);
            assertThat(report.getDouble("find { it.channel == 'EMAIL' }.share")).isEqualTo(1.0);
        } finally {
            given().auth().oauth2(TOKEN).delete("/api/v1/contact-reasons/DELIVERY_LATE").then().statusCode(200)
                    .body("active", equalTo(false));
        }
    }
}
