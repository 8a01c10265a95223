package io.tiski.social;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.OpenApiWalk;
import io.tiski.infrastructure.testing.PostgresTestResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of social-ingest's OpenAPI document: the platforms' webhooks and the signed media links
 * are public, but a call without the platform's signature or the link's signature is refused; everything else —
 * connections, quarantine — refuses a call without the operator token or with a wrong one.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "social_ingest"))
@QuarkusTestResource(PlatformEmulatorResource.class)
class ApiAccessContractTest {

    static boolean isPublic(OpenApiWalk.Operation op) {
        return op.path().startsWith("/api/v1/webhooks/") || op.path().startsWith("/api/v1/media/");
    }

    @Test
    void everyOperationNeedsTheOperatorTokenOrAPlatformsSignature() {
        List<OpenApiWalk.Operation> operations = OpenApiWalk.operations();
        assertThat(operations.stream().filter(op -> !isPublic(op))).extracting(OpenApiWalk.Operation::name)
                .contains("get /api/v1/admin/connections", "put /api/v1/admin/connections/{connection}");
        for (OpenApiWalk.Operation op : operations) {
            assertThat(op.spec().get("summary")).as(op.name() + " has a summary").isNotNull();
            if (isPublic(op)) {
                int status = op.call(given());
                assertThat(status).as(op.name() + " unsigned").isBetween(400, 404);
                continue;
            }
            assertThat(op.call(given())).as(op.name() + " without a token").isEqualTo(401);
            assertThat(op.call(given().auth().oauth2("not-the-operator-token-0123456789")))
                    .as(op.name() + " with a wrong token").isEqualTo(401);
        }
    }
}
