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
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A solved ticket's customer gets one survey, answers it once through its link, and the answer is reported. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class SatisfactionSurveyTest {
    static final String ADMIN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    JsonPath solvedTicket(String team) {
        String messageId = "survey-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email("olli-" + UUID.randomUUID() + "@example.fi",
                "Olli", "Palautus", "Haluan palauttaa takin.", messageId, List.of(), null,
                SenderClassification.PERSON), "/test"));
        String id = InboundMessageFlowTest.ticketOf(messageId).getString("id");
        TicketFieldsAndViewsTest.patch(ADMIN, id, Map.of("team", team), 200);
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("text", "Palautusohjeet ohessa.",
                "status", "SOLVED")).post("/api/v1/tickets/" + id + "/replies").then().statusCode(201);
        return given().auth().oauth2(ADMIN).get("/api/v1/tickets/" + id).then().extract().jsonPath();
    }

    OutboundMessageRequested surveyOf(String ticketId) {
        return EventJson.read(topics.await(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(ticketId)
                && EventJson.read(r.value(), OutboundMessageRequested.class).kind() == OutboundKind.SURVEY, 1,
                Duration.ofSeconds(30)).get(0).value(), OutboundMessageRequested.class);
    }

    @Test
    void theCustomerRatesOnceCommentsOnceAndTheReportCountsIt() {
        String team = "csat-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath good = solvedTicket(team);
        JsonPath bad = solvedTicket(team);
        JsonPath silent = solvedTicket(team);

        OutboundMessageRequested survey = surveyOf(good.getString("id"));
        assertThat(survey.recipient().address()).isEqualTo(good.getString("customer.address"));
        assertThat(survey.language()).isEqualTo("fi");
        assertThat(survey.email().messageId()).startsWith("survey.");
        assertThat(survey.email().inReplyTo()).isEqualTo(good.getString("messages[0].sourceMessageId"));
        assertThat(survey.actionUrl()).matches("http://localhost:8080/public/surveys/[A-Za-z0-9_-]{43}");
        String path = survey.actionUrl().substring("http://localhost:8080".length());

        // the first click counts, without any login
        given().queryParam("rating", "good").get(path).then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", "no-store").body(containsString("Kiva kuulla"))
                .body(containsString("#" + good.getLong("number"))).body(containsString("<form method=\"post\""));
        given().queryParam("rating", "bad").get(path).then().statusCode(200)
                .body(containsString("Olet jo vastannut"));
        given().contentType("application/x-www-form-urlencoded").formParam("comment", "Nopeaa <b>palvelua</b>!")
                .post(path).then().statusCode(200).body(containsString("kommenttisi"))
                .body(containsString("#" + good.getLong("number")));
        given().contentType("application/x-www-form-urlencoded").formParam("comment", "Toinen kommentti")
                .post(path).then().statusCode(200).body(containsString("Olet jo vastannut"));
        JsonPath answered = given().auth().oauth2(ADMIN).get("/api/v1/tickets/" + good.getString("id")).then()
                .extract().jsonPath();
        assertThat(answered.getString("satisfaction.rating")).isEqualTo("GOOD");
        assertThat(answered.getString("satisfaction.comment")).isEqualTo("Nopeaa <b>palvelua</b>!");
        assertThat(given().auth().oauth2(ADMIN).get("/api/v1/tickets/" + good.getString("id") + "/audit").then()
                .extract().jsonPath().getList("action")).contains("SURVEY_SENT", "SURVEY_ANSWERED",
                        "SURVEY_COMMENTED");

        String badPath = surveyOf(bad.getString("id")).actionUrl().substring("http://localhost:8080".length());
        given().queryParam("rating", "bad").get(badPath).then().statusCode(200)
                .body(containsString("Pahoittelemme"));
        surveyOf(silent.getString("id"));

        // unknown or malformed links and ratings say so
        given().queryParam("rating", "good").get("/public/surveys/" + "x".repeat(43)).then().statusCode(404);
        given().queryParam("rating", "good").get("/public/surveys/short").then().statusCode(404);
        given().queryParam("rating", "meh").get(path).then().statusCode(400);

        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        JsonPath report = given().auth().oauth2(ADMIN).queryParam("from", today.minusDays(1).toString())
                .queryParam("to", today.plusDays(1).toString())
                .queryParam("zone", "UTC").queryParam("team", team).get("/api/v1/reports/satisfaction").then()
                .statusCode(200).extract().jsonPath();
        assertThat(report.getInt("find { it.team == 'ALL' }.sent")).isEqualTo(3);
        assertThat(report.getInt("find { it.team == 'ALL' }.answered")).isEqualTo(2);
        assertThat(report.getInt("find { it.team == 'ALL' }.good")).isEqualTo(1);
        assertThat(report.getDouble("find { it.team == 'ALL' }.score")).isEqualTo(0.5);
        assertThat(report.getInt("find { it.team == '" + team + "' }.answered")).isEqualTo(2);
    }

    @Test
    void anAddressTryingManySurveyLinksIsSlowedDownAndOthersAreNot() {
        String tryer = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        for (int i = 0; i < 30; i++) {
            given().header("X-Forwarded-For", tryer).queryParam("rating", "good").get("/public/surveys/" + "x".repeat(41) + String.format("%02d", i))
                    .then().statusCode(404);
        }
        var refused = given().header("X-Forwarded-For", tryer).queryParam("rating", "good").get("/public/surveys/" + "y".repeat(43)).then()
                .statusCode(429).contentType("application/problem+json").extract();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 61L);
        assertThat(refused.body().jsonPath().getString("detail")).contains("try again in");
        // a customer at another address still reaches the pages
        given().header("X-Forwarded-For", "198.51.100.20").queryParam("rating", "good").get("/public/surveys/" + "z".repeat(43)).then()
                .statusCode(404);
    }

    @Test
    void aTicketSolvedAgainAfterAReopenGetsStillOnlyOneSurvey() {
        JsonPath ticket = solvedTicket("once-" + UUID.randomUUID().toString().substring(0, 8));
        String id = ticket.getString("id");
        surveyOf(id);
        TicketFieldsAndViewsTest.patch(ADMIN, id, Map.of("status", "OPEN"), 200);
        TicketFieldsAndViewsTest.patch(ADMIN, id, Map.of("status", "SOLVED"), 200);
        assertThat(topics.readAll(Topics.OUTBOUND_MESSAGES, r -> r.key().equals(id)
                && EventJson.read(r.value(), OutboundMessageRequested.class).kind() == OutboundKind.SURVEY,
                Duration.ofSeconds(4))).hasSize(1);
    }

    @Test
    void aSolvedReturnIsAskedHowTheReturnWentAndOtherTicketsHowTheServiceWas() {
        String team = "csat-return-" + UUID.randomUUID().toString().substring(0, 8);
        String messageId = "survey-return-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email("ritva-" + UUID.randomUUID() + "@example.fi",
                "Ritva", "Palautus", "Palautin takin.", messageId, List.of(), null, SenderClassification.PERSON),
                "/test"));
        String id = InboundMessageFlowTest.ticketOf(messageId).getString("id");
        TicketFieldsAndViewsTest.patch(ADMIN, id, Map.of("team", team, "type", "RETURN"), 200);
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("text", "Hyvitys maksettu.",
                "status", "SOLVED")).post("/api/v1/tickets/" + id + "/replies").then().statusCode(201);
        assertThat(surveyOf(id).returnConfirmation()).isNotNull()
                .satisfies(r -> assertThat(r.requestType()).isEqualTo("RETURN"));
        assertThat(surveyOf(solvedTicket(team).getString("id")).returnConfirmation()).isNull();
    }
}
