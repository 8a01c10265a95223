package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SQL metacharacters in every filter of the inbox, of the customer and report queries and of the audit log: each
 * answer is a normal result or a 400 problem that names the parameter, never a server error, and the data is
 * untouched afterwards (every query is built with parameters).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class SqlMetacharactersTest {
    static final String TOKEN = InboundMessageFlowTest.TOKEN;
    static final List<String> HOSTILE = List.of("' OR '1'='1", "'; DROP TABLE ticket; --", "\\\" OR 1=1 --",
            "%' AND pg_sleep(5) IS NULL --", "$$; DELETE FROM customer; $$", "1) UNION SELECT token_sha256 FROM "
                    + "api_token --", "\\x00", "ticket.subject", "*/ OR /*", "{\"$ne\": null}");

    @SuppressWarnings("unchecked")
    static List<String> inboxParameters() {
        List<Map<String, Object>> parameters = given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().jsonPath().getList("paths.'/api/v1/tickets'.get.parameters");
        return parameters.stream().map(p -> (String) p.get("name")).map(n -> n.replace("<key>", "order_number"))
                .toList();
    }

    static void assertSafe(String what, Response response) {
        int status = response.statusCode();
        assertThat(status).as(what + " answered " + response.asString()).isIn(200, 400, 404);
        if (status == 400) {
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        }
    }

    @Test
    void everyInboxFilterTakesMetacharactersAsPlainValues() {
        int before = given().auth().oauth2(TOKEN).queryParam("limit", 100).get("/api/v1/tickets").then()
                .statusCode(200).extract().jsonPath().getList("items").size();
        List<String> parameters = inboxParameters();
        assertThat(parameters).contains("q", "status", "tag", "sort", "cursor", "view", "sla");
        for (String parameter : parameters) {
            for (String value : HOSTILE) {
                assertSafe(parameter + "=" + value, given().auth().oauth2(TOKEN).queryParam(parameter, value)
                        .get("/api/v1/tickets"));
            }
        }
        for (String value : HOSTILE) {
            assertSafe("customer search " + value, given().auth().oauth2(TOKEN).queryParam("agent", value)
                    .queryParam("action", value).get("/api/v1/security-audit"));
            assertSafe("report brand " + value, given().auth().oauth2(TOKEN).queryParam("from", "2026-11-01")
                    .queryParam("to", "2026-11-30").queryParam("brand", value).queryParam("team", value)
                    .get("/api/v1/reports/volume"));
            assertSafe("ticket id " + value, given().auth().oauth2(TOKEN).urlEncodingEnabled(false)
                    .get("/api/v1/tickets/" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                            .replace("+", "%20")));
        }
        int after = given().auth().oauth2(TOKEN).queryParam("limit", 100).get("/api/v1/tickets").then()
                .statusCode(200).extract().jsonPath().getList("items").size();
        assertThat(after).as("tickets listed after the hostile filters").isGreaterThanOrEqualTo(before);
        given().auth().oauth2(TOKEN).get("/api/v1/accounts").then().statusCode(200);
    }
}
