package io.tiski.emailingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.OpenApiWalk;
import io.tiski.infrastructure.testing.PostgresTestResource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of email-ingest's OpenAPI document: the shop's forms are public on purpose (and
 * rate-limited); everything else — raw MIME intake, the quarantine — refuses a call without the operator token or
 * with a wrong one.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "email_ingest"))
class ApiAccessContractTest {
    static final Set<String> PUBLIC = Set.of("post /api/v1/contact-form", "post /api/v1/return-form",
            "get /api/v1/return-form/policy");

    @Test
    void everyOperationIsPublicOnPurposeOrNeedsTheOperatorToken() {
        List<OpenApiWalk.Operation> operations = OpenApiWalk.operations();
        assertThat(operations).extracting(OpenApiWalk.Operation::name).containsAll(PUBLIC)
                .contains("post /api/v1/mail");
        for (OpenApiWalk.Operation op : operations) {
            if (PUBLIC.contains(op.name())) {
                continue;
            }
            assertThat(op.spec().get("summary")).as(op.name() + " has a summary").isNotNull();
            assertThat(op.call(given())).as(op.name() + " without a token").isEqualTo(401);
            assertThat(op.call(given().auth().oauth2("not-the-operator-token-0123456789")))
                    .as(op.name() + " with a wrong token").isEqualTo(401);
        }
    }
}
