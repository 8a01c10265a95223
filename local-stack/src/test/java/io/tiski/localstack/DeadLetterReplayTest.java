package io.tiski.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    @Test
    void twoCopiesOfOneDeadLetterAreTheSameAndARecordThatFailedAgainIsNot() {
        // ticket-service's, through its outbox: published again after a crash (the same id), or written anew after
        // the record was read again (a new id); both name the same source record
        ConsumerRecord<byte[], byte[]> published = deadLetter(Map.of("dead-letter-id", "dead-letter-1",
                "dead-letter-topic", "tiski.inbound-messages.v1", "dead-letter-partition", "3",
                "dead-letter-offset", "41"));
        ConsumerRecord<byte[], byte[]> writtenAnew = deadLetter(Map.of("dead-letter-id", "dead-letter-2",
                "dead-letter-topic", "tiski.inbound-messages.v1", "dead-letter-partition", "3",
                "dead-letter-offset", "41"));
        assertThat(DeadLetterReplay.identity(writtenAnew)).isNotNull()
                .isEqualTo(DeadLetterReplay.identity(published));
        // the connector's dead-letter queue: no id, the source record
        ConsumerRecord<byte[], byte[]> first = deadLetter(Map.of("dead-letter-topic", "tiski.outbound-messages.v1",
                "dead-letter-partition", "3", "dead-letter-offset", "41", "dead-letter-reason", "SMTP down"));
        ConsumerRecord<byte[], byte[]> again = deadLetter(Map.of("dead-letter-topic", "tiski.outbound-messages.v1",
                "dead-letter-partition", "3", "dead-letter-offset", "41", "dead-letter-reason", "timed out"));
        ConsumerRecord<byte[], byte[]> afterReplay = deadLetter(Map.of("dead-letter-topic",
                "tiski.outbound-messages.v1", "dead-letter-partition", "3", "dead-letter-offset", "977"));
        assertThat(DeadLetterReplay.identity(again)).isEqualTo(DeadLetterReplay.identity(first))
                .isNotEqualTo(DeadLetterReplay.identity(afterReplay));
        assertThat(DeadLetterReplay.identity(deadLetter(Map.of("dead-letter-topic", "tiski.outbound-messages.v1",
                "dead-letter-partition", "4", "dead-letter-offset", "41"))))
                .isNotEqualTo(DeadLetterReplay.identity(first));
        assertThat(DeadLetterReplay.identity(first)).as("another topic's record at the same place")
                .isNotEqualTo(DeadLetterReplay.identity(published));
        // naming no source, a dead letter is told by its id; with neither, every copy is sent back (its consumer
        // drops a repeat by the event's id)
        assertThat(DeadLetterReplay.identity(deadLetter(Map.of("dead-letter-id", "dead-letter-3"))))
                .isEqualTo("dead-letter-3");
        assertThat(DeadLetterReplay.identity(deadLetter(Map.of("dead-letter-reason", "unknown")))).isNull();
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(Map<String, String> headers) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("any.dlt", 0, 0, null, new byte[0]);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
