package io.tiski.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterReplayTest {
    @Test
    void theReplayTakesTheSameKafkaSecuritySettingsAsTheServices() {
        assertThat(DeadLetterReplay.clientSecurity(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_SASL_JAAS_CONFIG", "x required;",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/tiski/kafka-ca/ca.crt", "KAFKA_SSL_TRUSTSTORE_TYPE", "",
                "KAFKA_BOOTSTRAP_SERVERS", "tiski-kafka-bootstrap:9093", "PATH", "/usr/bin")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "x required;",
                        "ssl.truststore.location", "/etc/tiski/kafka-ca/ca.crt"));
    }
}
