package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
import io.tiski.ticket.security.Roles;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tags, custom fields, followers, type and team, bulk changes and saved views through the agent API. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class TicketFieldsAndViewsTest {
    static final String ADMIN = InboundMessageFlowTest.TOKEN;
    final TopicProbe topics = TopicProbe.ofTestBroker();

    String newTicket(String subject) {
        String messageId = "fields-" + UUID.randomUUID() + "@example.fi";
        topics.publish(EventEnvelope.of(InboundMessageFlowTest.email("kalle-" + UUID.randomUUID() + "@example.fi",
                "Kalle", subject, "Hei, tilaus 100234 on myöhässä.", messageId, List.of(), null,
                SenderClassification.PERSON), "/test"));
        return InboundMessageFlowTest.ticketOf(messageId).getString("id");
    }

    static JsonPath patch(String token, String ticket, Map<String, ?> change, int status) {
        return given().auth().oauth2(token).contentType("application/json").body(change)
                .patch("/api/v1/tickets/" + ticket).then().statusCode(status).extract().jsonPath();
    }

    static List<String> listIds(String token, Map<String, ?> query) {
        return given().auth().oauth2(token).queryParams(query).get("/api/v1/tickets").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    static void defineField(String key, Map<String, ?> definition) {
        given().auth().oauth2(ADMIN).contentType("application/json").body(definition)
                .put("/api/v1/custom-fields/" + key).then().statusCode(200);
    }

    @Test
    void tagsAreNormalisedAddedRemovedFilteredAndAudited() {
        String ticket = newTicket("Tagged");
        String tag = "bf" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath after = patch(ADMIN, ticket, Map.of("addTags", List.of(" VIP ", tag)), 200);
        assertThat(after.getList("tags")).containsExactly(tag, "vip");
        after = patch(ADMIN, ticket, Map.of("addTags", List.of("damaged"), "removeTags", List.of("vip")), 200);
        assertThat(after.getList("tags")).containsExactly(tag, "damaged");

        assertThat(listIds(ADMIN, Map.of("tag", tag))).containsExactly(ticket);
        assertThat(given().auth().oauth2(ADMIN).queryParam("tag", tag).get("/api/v1/tickets").then()
                .extract().jsonPath().getList("items[0].tags")).containsExactly(tag, "damaged");

        patch(ADMIN, ticket, Map.of("tags", List.of("ok")), 200);
        assertThat(listIds(ADMIN, Map.of("tag", tag))).isEmpty();

        // a malformed tag is refused and changes nothing
        patch(ADMIN, ticket, Map.of("tags", List.of("no<script>")), 400);
        assertThat(given().auth().oauth2(ADMIN).get("/api/v1/tickets/" + ticket).then().extract().jsonPath()
                .getList("tags")).containsExactly("ok");

        List<Map<String, String>> audit = given().auth().oauth2(ADMIN).get("/api/v1/tickets/" + ticket + "/audit")
                .then().extract().jsonPath().getList("findAll { it.field == 'tags' }");
        assertThat(audit).extracting(e -> e.get("after")).containsExactly(tag + " vip", tag + " damaged", "ok");
    }

    @Test
    void customFieldsAreTypedSearchableAndRetirable() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String order = "order_" + suffix;
        String refund = "refund_" + suffix;
        String bought = "bought_" + suffix;
        String carrier = "carrier_" + suffix;
        defineField(order, Map.of("kind", "TEXT", "labelFi", "Tilausnumero", "labelSv", "Ordernummer",
                "labelEn", "Order number"));
        defineField(refund, Map.of("kind", "NUMBER", "labelFi", "Hyvitys", "labelSv", "Återbetalning",
                "labelEn", "Refund"));
        defineField(bought, Map.of("kind", "DATE", "labelFi", "Ostopäivä", "labelSv", "Köpdatum",
                "labelEn", "Purchase date"));
        defineField(carrier, Map.of("kind", "ENUM", "labelFi", "Kuljetus", "labelSv", "Frakt", "labelEn", "Carrier",
                "options", List.of("Posti", "Matkahuolto")));

        String first = newTicket("Hyvitys 1");
        String second = newTicket("Hyvitys 2");
        JsonPath after = patch(ADMIN, first, Map.of("fields", Map.of(order, "A-100234", refund, "49,90",
                bought, "2026-11-27", carrier, "posti")), 200);
        assertThat(after.getMap("fields")).containsEntry(order, "A-100234").containsEntry(refund, "49.90")
                .containsEntry(bought, "2026-11-27").containsEntry(carrier, "Posti");
        patch(ADMIN, second, Map.of("fields", Map.of(refund, "120", bought, "2026-10-02")), 200);

        assertThat(listIds(ADMIN, Map.of("field." + order, "a-100234"))).containsExactly(first);
        assertThat(listIds(ADMIN, Map.of("field." + refund, "10..50"))).containsExactly(first);
        assertThat(listIds(ADMIN, Map.of("field." + refund, "100.."))).containsExactly(second);
        assertThat(listIds(ADMIN, Map.of("field." + bought, "..2026-10-31"))).containsExactly(second);
        assertThat(listIds(ADMIN, Map.of("field." + carrier, "Posti"))).containsExactly(first);

        // wrong values are precise 400s and change nothing
        patch(ADMIN, second, Map.of("fields", Map.of(refund, "paljon")), 400);
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("fields", Map.of(carrier, "DHL", refund, "1"))).patch("/api/v1/tickets/" + second)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("must be one of [Posti, Matkahuolto]"));
        assertThat(given().auth().oauth2(ADMIN).get("/api/v1/tickets/" + second).then().extract().jsonPath()
                .getMap("fields")).containsEntry(refund, "120").doesNotContainKey(carrier);
        patch(ADMIN, second, Map.of("fields", Map.of("no_such_field", "1")), 400);
        given().auth().oauth2(ADMIN).queryParam("field." + refund, "x..y").get("/api/v1/tickets").then()
                .statusCode(400).body("detail", containsString("takes a number"));

        // clearing a value, and a retired field keeps values but cannot be set
        java.util.Map<String, String> clear = new java.util.HashMap<>();
        clear.put(bought, null);
        assertThat(patch(ADMIN, second, Map.of("fields", clear), 200).getMap("fields")).doesNotContainKey(bought);
        given().auth().oauth2(ADMIN).delete("/api/v1/custom-fields/" + order).then().statusCode(200)
                .body("active", equalTo(false));
        patch(ADMIN, second, Map.of("fields", Map.of(order, "B-1")), 400);
        assertThat(given().auth().oauth2(ADMIN).get("/api/v1/tickets/" + first).then().extract().jsonPath()
                .getMap("fields")).containsEntry(order, "A-100234");
        // a field's kind cannot change under its values
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("kind", "TEXT", "labelFi", "x",
                "labelSv", "x", "labelEn", "x")).put("/api/v1/custom-fields/" + refund).then().statusCode(409);
        // only admins define fields
        given().auth().oauth2(AgentActionsTest.tokenWithRole(Roles.AGENT)).contentType("application/json")
                .body(Map.of("kind", "TEXT", "labelFi", "x", "labelSv", "x", "labelEn", "x"))
                .put("/api/v1/custom-fields/agents_field").then().statusCode(403);
    }

    @Test
    void typeTeamAndFollowersChangeAndFilter() {
        String ticket = newTicket("Vaihto");
        String agent = "seuraaja-" + UUID.randomUUID();
        String token = AgentActionsTest.tokenFor(Roles.AGENT, agent);
        JsonPath after = patch(ADMIN, ticket, Map.of("type", "order-change", "team", "webshop"), 200);
        assertThat(after.getString("type")).isEqualTo("ORDER_CHANGE");
        assertThat(after.getString("team")).isEqualTo("webshop");
        patch(ADMIN, ticket, Map.of("type", "GOSSIP"), 400);
        patch(ADMIN, ticket, Map.of("team", ""), 200);

        assertThat(given().auth().oauth2(token).put("/api/v1/tickets/" + ticket + "/followers/me").then()
                .statusCode(200).extract().jsonPath().getList("")).containsExactly(agent);
        assertThat(listIds(token, Map.of("follower", "me"))).containsExactly(ticket);
        assertThat(given().auth().oauth2(ADMIN).get("/api/v1/tickets/" + ticket).then().extract().jsonPath()
                .getList("followers")).containsExactly(agent);
        given().auth().oauth2(token).delete("/api/v1/tickets/" + ticket + "/followers/me").then().statusCode(200);
        assertThat(listIds(token, Map.of("follower", "me"))).isEmpty();
    }

    @Test
    void aBulkChangeIsCheckedFirstThenAppliedTicketByTicket() {
        String one = newTicket("Bulk 1");
        String two = newTicket("Bulk 2");
        String closed = newTicket("Bulk closed");
        String survivor = newTicket("Bulk survivor");
        // a merged ticket is closed: its lifecycle takes no further status
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("into", survivor))
                .post("/api/v1/tickets/" + closed + "/merge").then().statusCode(200);
        String tag = "bulk" + UUID.randomUUID().toString().substring(0, 8);

        // an invalid change is refused as a whole and touches no ticket
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("tickets", List.of(one, two),
                "change", Map.of("addTags", List.of(tag), "priority", "EXTREME"))).post("/api/v1/tickets/bulk")
                .then().statusCode(400).body("detail", containsString("priority must be one of"));
        assertThat(listIds(ADMIN, Map.of("tag", tag))).isEmpty();

        JsonPath outcomes = given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("tickets", List.of(one, two, closed, UUID.randomUUID().toString()),
                        "change", Map.of("addTags", List.of(tag), "status", "PENDING", "priority", "HIGH")))
                .post("/api/v1/tickets/bulk").then().statusCode(200).extract().jsonPath();
        assertThat(outcomes.getList("status", Integer.class)).containsExactly(200, 200, 409, 404);
        assertThat(outcomes.getString("[2].detail")).contains("cannot go from CLOSED to PENDING");
        assertThat(listIds(ADMIN, Map.of("tag", tag))).containsExactlyInAnyOrder(one, two);
        assertThat(listIds(ADMIN, Map.of("tag", tag, "status", "PENDING", "priority", "HIGH"))).hasSize(2);
        // the refused ticket kept everything it had
        JsonPath kept = given().auth().oauth2(ADMIN).get("/api/v1/tickets/" + closed).then().extract().jsonPath();
        assertThat(kept.getList("tags")).isEmpty();
        assertThat(kept.getString("priority")).isEqualTo("NORMAL");

        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("tickets", List.of(),
                "change", Map.of("priority", "LOW"))).post("/api/v1/tickets/bulk").then().statusCode(400);
        given().auth().oauth2(AgentActionsTest.tokenWithRole(Roles.READ_ONLY)).contentType("application/json")
                .body(Map.of("tickets", List.of(one), "change", Map.of("priority", "LOW")))
                .post("/api/v1/tickets/bulk").then().statusCode(403);
    }

    @Test
    void savedViewsArePersonalOrSharedWithATeamAndApplyToListAndCounts() {
        String team = "team-" + UUID.randomUUID().toString().substring(0, 8);
        String tag = "view" + UUID.randomUUID().toString().substring(0, 8);
        String owner = "owner-" + UUID.randomUUID();
        String ownerToken = AgentActionsTest.tokenFor(Roles.AGENT, owner);
        String colleagueToken = AgentActionsTest.tokenFor(Roles.AGENT, "colleague-" + UUID.randomUUID());
        String outsiderToken = AgentActionsTest.tokenFor(Roles.AGENT, "outsider-" + UUID.randomUUID());
        setTeams(owner, List.of(team));
        setTeams(colleagueName(colleagueToken), List.of(team));

        String open = newTicket("Näkymä 1");
        String pending = newTicket("Näkymä 2");
        patch(ADMIN, open, Map.of("addTags", List.of(tag)), 200);
        patch(ADMIN, pending, Map.of("addTags", List.of(tag), "status", "PENDING"), 200);

        String personal = given().auth().oauth2(ownerToken).contentType("application/json")
                .body(Map.of("name", "Omat VIP", "filters", Map.of("tag", List.of(tag), "status", List.of("NEW",
                        "OPEN")))).post("/api/v1/views").then().statusCode(201).extract().path("id");
        String shared = given().auth().oauth2(ownerToken).contentType("application/json")
                .body(Map.of("name", "Tiimin VIP", "filters", Map.of("tag", List.of(tag)), "sort", "last-message",
                        "team", team)).post("/api/v1/views").then().statusCode(201).extract().path("id");

        assertThat(listIds(ownerToken, Map.of("view", personal))).containsExactly(open);
        // a parameter beside the view replaces the view's own
        assertThat(listIds(ownerToken, Map.of("view", personal, "status", "PENDING"))).containsExactly(pending);
        assertThat(given().auth().oauth2(ownerToken).queryParam("view", personal).get("/api/v1/tickets/counts")
                .then().statusCode(200).extract().jsonPath().getLong("NEW")).isEqualTo(1L);

        assertThat(given().auth().oauth2(colleagueToken).get("/api/v1/views").then().statusCode(200).extract()
                .jsonPath().getList("id")).contains(shared).doesNotContain(personal);
        assertThat(listIds(colleagueToken, Map.of("view", shared))).containsExactlyInAnyOrder(open, pending);
        given().auth().oauth2(outsiderToken).queryParam("view", shared).get("/api/v1/tickets").then().statusCode(404);
        given().auth().oauth2(colleagueToken).queryParam("view", personal).get("/api/v1/tickets").then()
                .statusCode(404);
        // a colleague may use but not change the shared view; sharing with a team one is not in is refused
        given().auth().oauth2(colleagueToken).delete("/api/v1/views/" + shared).then().statusCode(403);
        given().auth().oauth2(outsiderToken).contentType("application/json")
                .body(Map.of("name", "x", "filters", Map.of(), "team", team)).post("/api/v1/views").then()
                .statusCode(403);
        // filters are checked as the inbox checks them
        given().auth().oauth2(ownerToken).contentType("application/json")
                .body(Map.of("name", "Broken", "filters", Map.of("stauts", List.of("OPEN")))).post("/api/v1/views")
                .then().statusCode(400).body("detail", containsString("unknown parameter 'stauts'"));

        given().auth().oauth2(ownerToken).delete("/api/v1/views/" + personal).then().statusCode(204);
        given().auth().oauth2(ownerToken).queryParam("view", personal).get("/api/v1/tickets").then().statusCode(404);
    }

    @Test
    void anUnknownInboxParameterIsAProblemNotEveryTicket() {
        given().auth().oauth2(ADMIN).queryParam("stauts", "OPEN").get("/api/v1/tickets").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("unknown parameter 'stauts'"));
        given().auth().oauth2(ADMIN).queryParam("limit", "0").get("/api/v1/tickets").then().statusCode(400);
        given().auth().oauth2(ADMIN).queryParam("field.nothing_here", "1").get("/api/v1/tickets").then()
                .statusCode(400).body("detail", containsString("no custom field"));
    }

    @Test
    void oversizeBodiesAreProblemsAndChangeNothing() {
        String ticket = newTicket("Liian pitkä");
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("text", "x".repeat(50_001)))
                .post("/api/v1/tickets/" + ticket + "/notes").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("text"))
                .body("violations[0].message", containsString("at most 50000"));
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body("{\"text\": \"" + "x".repeat(1_100_000) + "\"}")
                .post("/api/v1/tickets/" + ticket + "/notes").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("larger than the limit"));
        assertThat(given().auth().oauth2(ADMIN).get("/api/v1/tickets/" + ticket).then().extract().jsonPath()
                .getList("messages")).hasSize(1);
    }

    static void setTeams(String agent, List<String> teams) {
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("teams", teams))
                .put("/api/v1/agents/" + agent + "/teams").then().statusCode(200);
    }

    static String colleagueName(String token) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                io.tiski.ticket.repository.ApiToken.<io.tiski.ticket.repository.ApiToken>find("tokenSha256",
                        io.tiski.ticket.security.TokenDigest.sha256(token)).firstResult().agentName);
    }
}
