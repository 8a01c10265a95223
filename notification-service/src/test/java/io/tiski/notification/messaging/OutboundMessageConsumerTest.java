package io.tiski.notification.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tiski.events.v1.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class OutboundMessageConsumerTest {

    private static ConsumerRecord<String, byte[]> request(String channel) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("tiski.outbound-messages.v1", 0, 0, "ticket",
                "{}".getBytes(StandardCharsets.UTF_8));
        if (channel != null) {
            record.headers().add(CloudEventHeaders.CHANNEL, channel.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void aSocialRequestIsLeftToSocialIngestServiceUnread() {
        assertTrue(OutboundMessageConsumer.forAnotherService(request("MESSENGER")));
        assertTrue(OutboundMessageConsumer.forAnotherService(request("TELEGRAM")));
    }

    @Test
    void anEmailRequestIsRead() {
        assertFalse(OutboundMessageConsumer.forAnotherService(request("EMAIL")));
    }

    @Test
    void aRequestWithoutOrWithAnUnknownChannelHeaderIsRead() {
        assertFalse(OutboundMessageConsumer.forAnotherService(request(null)));
        assertFalse(OutboundMessageConsumer.forAnotherService(request("CARRIER_PIGEON")));
    }
}
