package io.tiski.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {
    @Test
    void theRelayIsSecuredByTheSameSettingsAsTheMessagingConnector() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.ssl.truststore.type", "PEM",
                "kafka.ssl.truststore.location", "",
                "kafka.bootstrap.servers", "kafka:9093",
                "kafka.auto.offset.reset", "earliest"), "test", 100)).build();

        assertThat(OutboxRelay.clientSecurity(config)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.type", "PEM"));
    }
}
