package io.tiski.infrastructure.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every operation of a service's published OpenAPI document, callable with the media type it takes. */
public final class OpenApiWalk {
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private OpenApiWalk() {
    }

    /** One operation: {@code post /api/v1/mail}. */
    public record Operation(String method, String path, Map<String, Object> spec) {
        public String name() {
            return method + " " + path;
        }

        /** The path with every parameter filled by a value of the right shape that names nothing. */
        @SuppressWarnings("unchecked")
        public String callablePath() {
            String callable = path;
            List<Map<String, Object>> parameters = (List<Map<String, Object>>) spec.getOrDefault("parameters",
                    List.of());
            for (Map<String, Object> parameter : parameters) {
                Map<String, Object> schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
                if ("path".equals(parameter.get("in")) && "integer".equals(schema.get("type"))) {
                    callable = callable.replace("{" + parameter.get("name") + "}", "1");
                }
            }
            return callable.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
        }

        /** A request with an empty body of the media type the operation takes. */
        @SuppressWarnings("unchecked")
        public RequestSpecification request(RequestSpecification given) {
            Map<String, Object> body = (Map<String, Object>) spec.get("requestBody");
            if (body == null) {
                return given;
            }
            String type = ((Map<String, Object>) body.get("content")).keySet().iterator().next();
            if (type.contains("json")) {
                return given.contentType(type).body("{}");
            }
            return given.contentType(type.contains("*") ? "application/octet-stream" : type).body(new byte[0]);
        }

        public int call(RequestSpecification given) {
            return request(given).request(method, callablePath()).then().extract().statusCode();
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Operation> operations() {
        Map<String, Object> document = given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().jsonPath().getMap("");
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method,
                spec) -> {
            if (METHODS.contains(method)) {
                operations.add(new Operation(method, path, (Map<String, Object>) spec));
            }
        }));
        return operations;
    }
}
