package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.ticket.security.Roles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of the published OpenAPI document: each is described, refuses an anonymous call, and (if
 * it changes anything) refuses a read-only token, except the few a read-only user may do to themselves. The only
 * operations open to anybody are the customer's survey pages under /public/, whose link carries its own secret, and
 * signing in.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class ApiAccessContractTest {
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** What a read-only user may change: only their own presence, following and saved views. */
    static final List<String> READ_ONLY_MAY = List.of("/presence", "/followers/me", "/api/v1/views",
            "/api/v1/me/", "/api/v1/session");
    static final String PUBLIC = "/public/";
    /** Signing in is open to anybody, of course; it is limited per address and per account instead. */
    static final String SIGN_IN = "post /api/v1/session";

    record Operation(String method, String path, Map<String, Object> spec) {
        String callablePath() {
            return path.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
        }

        /** A request with the media type the operation takes (a JSON object, an empty calendar or CSV). */
        @SuppressWarnings("unchecked")
        io.restassured.specification.RequestSpecification request(
                io.restassured.specification.RequestSpecification given) {
            Map<String, Object> body = (Map<String, Object>) spec.get("requestBody");
            if (body == null) {
                return given;
            }
            String type = ((Map<String, Object>) body.get("content")).keySet().iterator().next();
            if (type.contains("json")) {
                return given.contentType(type).body("{}");
            }
            // an upload of any type: an empty file
            return given.contentType(type.contains("*") ? "application/octet-stream" : type).body(new byte[0]);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Operation> operations() {
        Map<String, Object> document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("");
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method,
                spec) -> {
            if (METHODS.contains(method) && !path.startsWith(PUBLIC) && !(method + " " + path).equals(SIGN_IN)) {
                operations.add(new Operation(method, path, (Map<String, Object>) spec));
            }
        }));
        return operations;
    }

    @Test
    void everyOperationIsDescribedAndNeedsAnApiToken() {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(40);
        for (Operation op : operations) {
            String name = op.method().toUpperCase() + " " + op.path();
            assertThat(op.path()).as(name).startsWith("/api/v1/");
            assertThat((String) op.spec().get("summary")).as(name + " has a summary").isNotBlank();
            assertThat(op.spec().get("security")).as(name + " declares its security").isNotNull();
            int status = op.request(given()).request(op.method(), op.callablePath()).then().extract().statusCode();
            assertThat(status).as(name + " without a token").isEqualTo(401);
        }
    }

    @Test
    void theOnlyPublicOperationsAreTheSurveyPages() {
        Map<String, Object> paths = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        assertThat(paths.keySet().stream().filter(p -> !p.startsWith("/api/v1/")))
                .containsExactly("/public/surveys/{token}");
    }

    @Test
    void aReadOnlyTokenChangesNothing() {
        String readOnly = AgentActionsTest.tokenWithRole(Roles.READ_ONLY);
        for (Operation op : operations()) {
            if (op.method().equals("get") || READ_ONLY_MAY.stream().anyMatch(op.path()::contains)) {
                continue;
            }
            String name = op.method().toUpperCase() + " " + op.path();
            int status = op.request(given().auth().oauth2(readOnly)).request(op.method(), op.callablePath()).then()
                    .extract().statusCode();
            assertThat(status).as(name + " with a read-only token").isEqualTo(403);
        }
    }

    @Test
    void theInboxAndItsChangesCarryExamples() {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        io.restassured.path.json.JsonPath json = new io.restassured.path.json.JsonPath(document);
        List<Map<String, Object>> listParameters = json.getList("paths.'/api/v1/tickets'.get.parameters");
        assertThat(listParameters).extracting(p -> p.get("name")).contains("q", "status", "tag", "field.<key>",
                "view", "sla", "sort", "cursor", "limit");
        assertThat(listParameters.stream().filter(p -> p.get("example") != null).count()).isGreaterThan(10);
        assertThat(document).contains("DELIVERY_LATE").contains("varasto@kenkakauppa.fi").contains("order_number");
    }
}
