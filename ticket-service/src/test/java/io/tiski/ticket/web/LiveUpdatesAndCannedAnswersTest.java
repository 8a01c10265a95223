package io.tiski.ticket.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EmailHeaders;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The web UI's own API: the live stream of changed tickets (with the team scope) and canned answers. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class LiveUpdatesAndCannedAnswersTest {
    static final String TOKEN = "test-admin-token-0123456789";
    static final String ADMIN_PASSWORD = "correct horse battery staple";
    static final String PASSWORD = "kolme kenkää ja sateenvarjo";

    @TestHTTPResource("/api/v1/live")
    URL live;

    /** The stream's events as JSON, collected in the background until the returned future is cancelled. */
    static CompletableFuture<HttpResponse<Stream<String>>> listen(URL url, String header, String value,
            List<JsonPath> events) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString())).header(header, value)
                .header("Accept", "text/event-stream").GET().build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .whenComplete((response, e) -> {
                    if (response != null) {
                        new Thread(() -> response.body().filter(line -> line.startsWith("data:"))
                                .map(line -> JsonPath.from(line.substring(5).strip())).forEach(events::add)).start();
                    }
                });
    }

    static InboundMessageReceived mail(String subject, String team) {
        String id = UUID.randomUUID() + "@example.fi";
        return new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(), Channel.EMAIL, id,
                "email:" + id, "support@localhost", new Participant("live-" + id, "Liisa"), List.of(), List.of(),
                subject, "Hei, missä paketti on?", "Hei, missä paketti on?", null, "fi",
                SenderClassification.PERSON, new EmailHeaders(id, List.of(), List.of(), null, null, subject, null),
                List.of(), null, Map.of(), null, team);
    }

    static List<String> subjects(List<JsonPath> events) {
        return events.stream().filter(e -> !"heartbeat".equals(e.getString("kind")))
                .map(e -> given().auth().oauth2(TOKEN).get("/api/v1/tickets/" + e.getString("ticketId")).then()
                        .statusCode(200).extract().jsonPath().getString("subject")).toList();
    }

    @Test
    void eachBrowserHearsOfNewTicketsItMaySeeAndOfNothingElse() {
        String agent = "live-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = given().contentType("application/json").body(Map.of("username", "admin", "password",
                ADMIN_PASSWORD)).post("/api/v1/session").then().statusCode(200).extract().cookie("tiski_session");
        var adminSession = given().cookie("tiski_session", admin).header("X-CSRF-Token", given()
                .cookie("tiski_session", admin).get("/api/v1/session").then().extract().path("csrfToken"))
                .contentType("application/json");
        adminSession.body(Map.of("username", agent, "displayName", "Live Agent", "role", "agent", "locale", "fi",
                "password", PASSWORD)).post("/api/v1/accounts").then().statusCode(201);
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("teams", List.of("returns")))
                .put("/api/v1/agents/" + agent + "/teams").then().statusCode(200);
        String agentCookie = given().contentType("application/json").body(Map.of("username", agent, "password",
                PASSWORD)).post("/api/v1/session").then().statusCode(200).extract().cookie("tiski_session");

        List<JsonPath> everything = new CopyOnWriteArrayList<>();
        List<JsonPath> returnsTeam = new CopyOnWriteArrayList<>();
        var adminStream = listen(live, "Authorization", "Bearer " + TOKEN, everything);
        var agentStream = listen(live, "Cookie", "tiski_session=" + agentCookie, returnsTeam);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> adminStream.isDone() && agentStream.isDone());
            assertThat(adminStream.join().statusCode()).isEqualTo(200);
            assertThat(agentStream.join().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            String marker = UUID.randomUUID().toString().substring(0, 8);
            TopicProbe topics = TopicProbe.ofTestBroker();
            topics.publish(EventEnvelope.of(mail("Myynnin asia " + marker, "sales"), "/test"));
            topics.publish(EventEnvelope.of(mail("Palautus " + marker, "returns"), "/test"));

            await().atMost(Duration.ofSeconds(30)).until(() -> subjects(everything).stream()
                    .filter(s -> s.endsWith(marker)).distinct().count() == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> subjects(returnsTeam).contains("Palautus " + marker));
            assertThat(subjects(returnsTeam)).doesNotContain("Myynnin asia " + marker);
            JsonPath created = everything.stream().filter(e -> "created".equals(e.getString("kind"))).findFirst()
                    .orElseThrow();
            assertThat(created.getLong("number")).isPositive();
        } finally {
            adminStream.cancel(true);
            agentStream.cancel(true);
        }
    }

    @Test
    void cannedAnswersAreFoundByTheirWordsForTheTicketsLanguage() {
        String word = "kenkä" + UUID.randomUUID().toString().substring(0, 6);
        String fi = given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("title",
                "Palautusohje " + word, "body", "Hei {{customer.first_name}}, palauta " + word + " ...", "language",
                "fi")).post("/api/v1/canned-answers").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("title", "Return " + word,
                "body", "Hello {{customer.first_name}}", "language", "en")).post("/api/v1/canned-answers").then()
                .statusCode(201);
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("title", "Kiitos " + word,
                "body", "Thank you / Kiitos / Tack")).post("/api/v1/canned-answers").then().statusCode(201);

        List<String> forFinnish = given().auth().oauth2(TOKEN).queryParam("q", word.toUpperCase())
                .queryParam("language", "fi").get("/api/v1/canned-answers").then().statusCode(200).extract()
                .jsonPath().getList("title");
        assertThat(forFinnish).containsExactly("Kiitos " + word, "Palautusohje " + word);
        given().auth().oauth2(TOKEN).queryParam("q", "%").get("/api/v1/canned-answers").then().statusCode(200)
                .body("findAll { it.title.contains('" + word + "') }.size()", equalTo(0));

        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("title", "Palautusohje " + word,
                "body", "Uusi teksti", "language", "fi")).put("/api/v1/canned-answers/" + fi).then()
                .statusCode(200).body("body", equalTo("Uusi teksti"));
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("title", "x", "body", "y",
                "language", "de")).post("/api/v1/canned-answers").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(TOKEN).delete("/api/v1/canned-answers/" + fi).then().statusCode(204);
        given().auth().oauth2(TOKEN).delete("/api/v1/canned-answers/" + fi).then().statusCode(404);
    }
}
