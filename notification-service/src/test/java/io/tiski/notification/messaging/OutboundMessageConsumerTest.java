package io.tiski.notification.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tiski.events.v1.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class OutboundMessageConsumerTest {

    private static Headers headers(String channel) {
        Headers headers = new RecordHeaders();
        if (channel != null) {
            headers.add(CloudEventHeaders.CHANNEL, channel.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Test
    void aSocialRequestIsLeftToSocialIngestServiceUnread() {
        assertTrue(OutboundMessageConsumer.forAnotherService(headers("MESSENGER")));
        assertTrue(OutboundMessageConsumer.forAnotherService(headers("TELEGRAM")));
    }

    @Test
    void anEmailRequestIsRead() {
        assertFalse(OutboundMessageConsumer.forAnotherService(headers("EMAIL")));
    }

    @Test
    void aRequestWithoutOrWithAnUnknownChannelHeaderIsRead() {
        assertFalse(OutboundMessageConsumer.forAnotherService(null));
        assertFalse(OutboundMessageConsumer.forAnotherService(headers(null)));
        assertFalse(OutboundMessageConsumer.forAnotherService(headers("CARRIER_PIGEON")));
    }
}
