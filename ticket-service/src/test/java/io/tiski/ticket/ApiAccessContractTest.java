package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.OpenApiWalk;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.ticket.security.Roles;
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
    /** What a read-only user may change: only their own presence, following and saved views. */
    static final List<String> READ_ONLY_MAY = List.of("/presence", "/followers/me", "/api/v1/views",
            "/api/v1/me/", "/api/v1/session");
    static final String PUBLIC = "/public/";
    /** Signing in is open to anybody, of course; it is limited per address and per account instead. */
    static final String SIGN_IN = "post /api/v1/session";

    /** The operations that need a caller: all but the survey pages and signing in. */
    static List<OpenApiWalk.Operation> operations() {
        return OpenApiWalk.operations().stream().filter(op -> !op.path().startsWith(PUBLIC)
                && !op.name().equals(SIGN_IN)).toList();
    }

    @Test
    void everyOperationIsDescribedAndNeedsAnApiToken() {
        List<OpenApiWalk.Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(40);
        for (OpenApiWalk.Operation op : operations) {
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
        for (OpenApiWalk.Operation op : operations()) {
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

    /** The roles a resource method declares: {@code @RolesAllowed}, or {@code @Authenticated} (any role). */
    record Declared(Set<String> roles, boolean anyRole) {
    }

    static String join(String base, String path) {
        String joined = ("/" + base + "/" + (path == null ? "" : path)).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** "get /api/v1/tickets" → what the resource method declares, read from every resource class. */
    static Map<String, Declared> declaredRoles() throws Exception {
        Map<String, Declared> declared = new java.util.HashMap<>();
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes/io/tiski/ticket/rest");
        try (var files = java.nio.file.Files.list(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = "io.tiski.ticket.rest." + file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(name, false, ApiAccessContractTest.class.getClassLoader());
                jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (base == null) {
                    continue;
                }
                for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                    String http = java.util.stream.Stream.of(jakarta.ws.rs.GET.class, jakarta.ws.rs.POST.class,
                            jakarta.ws.rs.PUT.class, jakarta.ws.rs.PATCH.class, jakarta.ws.rs.DELETE.class)
                            .filter(method::isAnnotationPresent).map(a -> a.getSimpleName().toLowerCase())
                            .findFirst().orElse(null);
                    if (http == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path path = method.getAnnotation(jakarta.ws.rs.Path.class);
                    jakarta.annotation.security.RolesAllowed roles = method.isAnnotationPresent(
                            jakarta.annotation.security.RolesAllowed.class)
                                    ? method.getAnnotation(jakarta.annotation.security.RolesAllowed.class)
                                    : type.getAnnotation(jakarta.annotation.security.RolesAllowed.class);
                    boolean any = method.isAnnotationPresent(io.quarkus.security.Authenticated.class)
                            || (roles == null && type.isAnnotationPresent(io.quarkus.security.Authenticated.class));
                    declared.put(http + " " + join(base.value(), path == null ? null : path.value()),
                            new Declared(roles == null ? Set.of() : Set.of(roles.value()), any));
                }
            }
        }
        return declared;
    }

    @Test
    void everyOperationDeclaresItsRolesAndRefusesTheNextRoleBelowThem() throws Exception {
        Map<String, Declared> declared = declaredRoles();
        Map<String, String> tokens = new java.util.HashMap<>();
        int checked = 0;
        for (OpenApiWalk.Operation op : operations()) {
            String name = op.method() + " " + op.path();
            Declared roles = declared.get(name);
            assertThat(roles).as(name + " is a resource method").isNotNull();
            assertThat(roles.anyRole() || !roles.roles().isEmpty()).as(name + " declares its roles").isTrue();
            assertThat(roles.roles()).as(name + " names only known roles").allMatch(Roles::known);
            if (roles.anyRole()) {
                continue;
            }
            // the most privileged role the operation does not allow must be refused
            String below = Roles.ALL.stream().filter(r -> !roles.roles().contains(r)).findFirst().orElse(null);
            if (below == null) {
                continue;
            }
            String token = tokens.computeIfAbsent(below, AgentActionsTest::tokenWithRole);
            int status = op.request(given().auth().oauth2(token)).request(op.method(), op.callablePath()).then()
                    .extract().statusCode();
            assertThat(status).as(name + " with a " + below + " token (allowed: " + roles.roles() + ")")
                    .isEqualTo(403);
            checked++;
        }
        assertThat(checked).as("operations with a role below them").isGreaterThan(20);
        assertThat(declared.get("get /api/v1/security-audit").roles()).containsExactly(Roles.ADMIN);
    }
}
