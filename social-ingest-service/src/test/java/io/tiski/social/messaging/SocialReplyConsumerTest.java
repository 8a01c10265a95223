package io.tiski.social.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tiski.events.v1.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SocialReplyConsumerTest {

    private static org.apache.kafka.common.header.Headers headers(String channel) {
        return request(channel).headers();
    }

    private static ConsumerRecord<String, byte[]> request(String channel) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("tiski.outbound-messages.v1", 0, 0, "ticket",
                "{}".getBytes(StandardCharsets.UTF_8));
        if (channel != null) {
            record.headers().add(CloudEventHeaders.CHANNEL, channel.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void anEmailRequestIsLeftToNotificationServiceUnread() {
        assertTrue(SocialReplyConsumer.forAnotherService(headers("EMAIL")));
    }

    @Test
    void aSocialRequestIsRead() {
        assertFalse(SocialReplyConsumer.forAnotherService(headers("WHATSAPP")));
        assertFalse(SocialReplyConsumer.forAnotherService(headers("X")));
    }

    @Test
    void aRequestWithoutOrWithAnUnknownChannelHeaderIsRead() {
        assertFalse(SocialReplyConsumer.forAnotherService(headers(null)));
        assertFalse(SocialReplyConsumer.forAnotherService(headers("CARRIER_PIGEON")));
    }
}
