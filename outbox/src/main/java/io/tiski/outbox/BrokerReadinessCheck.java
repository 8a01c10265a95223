package io.tiski.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the broker the outbox publishes to answers; says how many events wait when it does not. */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {
    private final OutboxConfig config;
    private final OutboxRelay relay;

    BrokerReadinessCheck(OutboxConfig config, OutboxRelay relay) {
        this.config = config;
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        Properties props = new Properties();
        props.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2500));
        var response = HealthCheckResponse.named("outbox broker").withData("bootstrap", config.bootstrapServers())
                .withData("pending events", relay.pending());
        try (Admin admin = Admin.create(props)) {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                    .get(3, TimeUnit.SECONDS).size();
            response.withData("brokers", nodes);
            if (relay.lastError() != null) {
                response.withData("last publish error", relay.lastError());
            }
            return response.up().build();
        } catch (Exception e) {
            return response.withData("reason", "Kafka broker unreachable: " + e).down().build();
        }
    }
}
