package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inbox's filters, sort orders, pagination and counts, against tickets made for each test. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class InboxFiltersTest {
    static final String TOKEN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();
    String marker;
    final List<Long> numbers = new ArrayList<>();

    @BeforeEach
    void fiveTickets() {
        marker = "inbox" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            String messageId = marker + "-" + i + "@example.fi";
            topics.publish(EventEnvelope.of(InboundMessageFlowTest.email("c" + i + "-" + marker + "@example.fi", null,
                    marker + " kysymys " + i, "Hei", messageId, List.of(), null, SenderClassification.PERSON),
                    "/test"));
            numbers.add(InboundMessageFlowTest.ticketOf(messageId).getLong("number"));
        }
        patch(numbers.get(0), Map.of("priority", "URGENT", "assignee", "admin"));
        patch(numbers.get(1), Map.of("status", "PENDING", "assignee", "liisa"));
        patch(numbers.get(2), Map.of("status", "SOLVED"));
    }

    static void patch(long number, Map<String, Object> change) {
        given().auth().oauth2(TOKEN).contentType("application/json").body(change).patch("/api/v1/tickets/" + number)
                .then().statusCode(200);
    }

    List<Long> numbersWhere(Map<String, ?> params) {
        return given().auth().oauth2(TOKEN).queryParam("q", marker).queryParams(params).get("/api/v1/tickets").then()
                .statusCode(200).extract().jsonPath().getList("items.number", Long.class);
    }

    @Test
    void filtersCombineAndMultipleValuesMatchAny() {
        assertThat(numbersWhere(Map.of("status", "NEW"))).containsExactlyInAnyOrder(numbers.get(0), numbers.get(3),
                numbers.get(4));
        assertThat(numbersWhere(Map.of("status", "PENDING,SOLVED"))).containsExactlyInAnyOrder(numbers.get(1),
                numbers.get(2));
        assertThat(numbersWhere(Map.of("priority", "urgent"))).containsExactly(numbers.get(0));
        assertThat(numbersWhere(Map.of("assignee", "me"))).containsExactly(numbers.get(0));
        assertThat(numbersWhere(Map.of("assignee", "liisa", "status", "PENDING"))).containsExactly(numbers.get(1));
        assertThat(numbersWhere(Map.of("assignee", "unassigned"))).containsExactlyInAnyOrder(numbers.get(2),
                numbers.get(3), numbers.get(4));
        assertThat(numbersWhere(Map.of("customer", "C3-" + marker + "@EXAMPLE.fi"))).containsExactly(numbers.get(3));
        assertThat(numbersWhere(Map.of("channel", "EMAIL", "type", "QUESTION"))).hasSize(5);
        assertThat(numbersWhere(Map.of("channel", "TELEGRAM"))).isEmpty();
        assertThat(numbersWhere(Map.of("createdTo", "2000-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(TOKEN).queryParam("q", marker).queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/tickets").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.number", Long.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        List<Long> newestFirst = new ArrayList<>(numbers);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void sortingByLastMessageBringsTheLatestConversationFirst() {
        // a follow-up to the oldest ticket makes it the most recent conversation
        String replyId = marker + "-reply@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email("c0-" + marker + "@example.fi", null,
                "Re: " + marker + " kysymys 0", "Lisää", replyId, List.of(marker + "-0@example.fi"), null,
                SenderClassification.PERSON), "/test"));
        InboundMessageFlowTest.ticketOf(replyId);
        assertThat(numbersWhere(Map.of("sort", "last-message")).get(0)).isEqualTo(numbers.get(0));
        assertThat(numbersWhere(Map.of("sort", "created")).get(0)).isEqualTo(numbers.get(4));
    }

    @Test
    void countsPerStatusFollowTheFilters() {
        given().auth().oauth2(TOKEN).queryParam("q", marker).get("/api/v1/tickets/counts").then().statusCode(200)
                .body("NEW", equalTo(3)).body("PENDING", equalTo(1)).body("SOLVED", equalTo(1))
                .body("CLOSED", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(TOKEN).queryParam("q", marker).queryParam("includeClosed", true)
                .get("/api/v1/tickets/counts").then().statusCode(200).body("NEW", equalTo(3))
                .body("CLOSED", equalTo(0));
        given().auth().oauth2(TOKEN).queryParam("q", marker).queryParam("assignee", "unassigned")
                .get("/api/v1/tickets/counts").then().body("NEW", equalTo(2)).body("SOLVED", equalTo(1));
    }

    @Test
    void fullTextSearchFindsInflectedFinnishSwedishAndEnglishWords() {
        String fi = marker + "-fi@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email("fi-" + marker + "@example.fi", null,
                "Palautus", "Haluaisin palauttaa takin, koska paketin mukana ei ollut kuittia.", fi, List.of(), null,
                SenderClassification.PERSON), "/test"));
        long finnish = InboundMessageFlowTest.ticketOf(fi).getLong("number");
        String sv = marker + "-sv@example.se";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email("sv-" + marker + "@example.se", null,
                "Leverans", "Hej, jag har inte fått mina beställningar. Tack och hälsningar", sv, List.of(), null,
                SenderClassification.PERSON), "/test"));
        long swedish = InboundMessageFlowTest.ticketOf(sv).getLong("number");

        // stemmed: "takki" finds "takin", "paketti" finds "paketin", "beställning" finds "beställningar";
        // words need not be adjacent
        assertThat(search("takki")).contains(finnish).doesNotContain(swedish);
        assertThat(search("paketti takki")).contains(finnish);
        assertThat(search("beställning")).contains(swedish).doesNotContain(finnish);
        assertThat(search("\"beställningar\" -takin")).contains(swedish);
    }

    @Test
    void aWordInManyNewTicketsIsFoundPageByPageAsAWordInFewIs() {
        String word = "kuomat" + marker.replaceAll("[^a-z0-9]", "");
        String last = null;
        for (int i = 0; i < 60; i++) {
            last = marker + "-many-" + i + "@example.fi";
            topics.publish(EventEnvelope.of(InboundMessageFlowTest.email("many-" + i + "-" + marker + "@example.fi",
                    null, "Kengät " + i, "Ostin " + word + " numero " + i + ".", last, List.of(), null,
                    SenderClassification.PERSON), "/test"));
        }
        InboundMessageFlowTest.ticketOf(last);
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> search(word).size() == 60);
        // common among the newest tickets: the inbox order is scanned page by page
        var first = given().auth().oauth2(TOKEN).queryParam("q", word).queryParam("limit", 50).get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(50);
        var second = given().auth().oauth2(TOKEN).queryParam("q", word).queryParam("limit", 50)
                .queryParam("cursor", first.getString("nextCursor")).get("/api/v1/tickets").then().statusCode(200)
                .extract().jsonPath();
        assertThat(second.getList("items")).hasSize(10);
        assertThat(second.getList("items.subject", String.class)).allMatch(subject -> subject.startsWith("Kengät "));
    }

    List<Long> search(String q) {
        return given().auth().oauth2(TOKEN).queryParam("q", q).queryParam("limit", 200).get("/api/v1/tickets").then()
                .statusCode(200).extract().jsonPath().getList("items.number", Long.class);
    }

    @Test
    void unknownFilterValuesAreProblems() {
        given().auth().oauth2(TOKEN).queryParam("status", "DONE").get("/api/v1/tickets").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("status must be one of"));
        given().auth().oauth2(TOKEN).queryParam("sort", "random").get("/api/v1/tickets").then().statusCode(400);
        given().auth().oauth2(TOKEN).queryParam("createdFrom", "yesterday").get("/api/v1/tickets").then()
                .statusCode(400).body("detail", containsString("ISO-8601"));
        given().auth().oauth2(TOKEN).queryParam("cursor", "bm9wZQ").get("/api/v1/tickets").then().statusCode(400);
    }
}
