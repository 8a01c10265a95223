package io.tiski.emailingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tiski.infrastructure.FreePorts;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A customer's form accepted while the outbox cannot reach its broker is kept in the outbox, and the operator sees
 * it waiting: the readiness check is down with the reason and counts the events not yet published.
 */
@QuarkusTest
@TestProfile(OutboxWhileTheBrokerIsAwayTest.BrokerAway.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "email_ingest"))
class OutboxWhileTheBrokerIsAwayTest {
    /** The outbox publishes to an address where no broker listens; a round gives up after two seconds. */
    public static class BrokerAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tiski.outbox.bootstrap-servers", "127.0.0.1:" + FreePorts.pick(),
                    "tiski.outbox.send-timeout", "2s", "tiski.outbox.max-backoff", "1s");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void formsAcceptedWhileTheBrokerIsAwayWaitInTheOutboxAndTheReadinessCheckCountsThem() throws Exception {
        List<String> submissions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            submissions.add(FormsTest.from(FormsTest.someIp()).contentType("application/json")
                    .body(FormsTest.returnForm("away-" + UUID.randomUUID() + "@example.fi", "RETURN",
                            FormsTest.today().minusDays(2), "WRONG_SIZE"))
                    .post("/api/v1/return-form").then().statusCode(202).extract().path("submissionId"));
        }
        assertThat(unpublished(submissions)).isEqualTo(2);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath health = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            Map<String, Object> check = health.getMap("checks.find { it.name == 'outbox broker' }");
            assertThat(check).containsEntry("status", "DOWN");
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) check.get("data");
            assertThat(data.get("reason").toString()).startsWith("Kafka broker unreachable");
            assertThat(((Number) data.get("pending events")).longValue()).isGreaterThanOrEqualTo(2);
        });
        // still there after failed rounds: neither marked published nor dropped
        assertThat(unpublished(submissions)).isEqualTo(2);
    }

    /** How many of the submissions' events wait in the outbox, unpublished and not refused. */
    private long unpublished(List<String> submissions) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement st = connection.prepareStatement(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND failed_reason IS NULL "
                        + "AND headers ->> 'ce_subject' = ANY (?)")) {
            st.setArray(1, connection.createArrayOf("text", submissions.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
