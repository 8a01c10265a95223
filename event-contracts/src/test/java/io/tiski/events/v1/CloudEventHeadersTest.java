package io.tiski.events.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    @Test
    void theChannelHeaderNamesAChannel() {
        assertThat(CloudEventHeaders.channel("WHATSAPP".getBytes(StandardCharsets.UTF_8))).contains(Channel.WHATSAPP);
        assertThat(CloudEventHeaders.channel("EMAIL".getBytes(StandardCharsets.UTF_8))).contains(Channel.EMAIL);
    }

    @Test
    void noHeaderOrAnUnknownChannelNamesNone() {
        assertThat(CloudEventHeaders.channel(null)).isEmpty();
        assertThat(CloudEventHeaders.channel("CARRIER_PIGEON".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
