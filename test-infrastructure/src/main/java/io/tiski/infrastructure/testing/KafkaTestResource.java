package io.tiski.infrastructure.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tiski.infrastructure.KafkaBroker;
import java.util.Map;

/**
 * A real Kafka broker for a service's tests: one per test JVM, shared by every test class, with Tiski's topics.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private static KafkaBroker broker;

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.startEphemeral();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-test-broker-stop"));
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // kept for the next test class of this JVM; stopped when the JVM exits
    }
}
