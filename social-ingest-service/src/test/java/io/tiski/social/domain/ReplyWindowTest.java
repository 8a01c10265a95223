package io.tiski.social.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiski.events.v1.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyWindowTest {
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    static ReplyWindow.Decision decide(Channel channel, Duration since, boolean tag) {
        return ReplyWindow.decide(channel, Optional.of(NOW.minus(since)), NOW, tag);
    }

    @Test
    void withinTwentyFourHoursMetaRepliesAreStandard() {
        for (Channel channel : new Channel[] {Channel.MESSENGER, Channel.INSTAGRAM, Channel.WHATSAPP}) {
            ReplyWindow.Decision decision = decide(channel, Duration.ofHours(23).plusMinutes(59), false);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.humanAgentTag()).isFalse();
        }
    }

    @Test
    void afterTwentyFourHoursOnlyTheHumanAgentTagHelpsAndOnlyOnMessengerAndInstagram() {
        assertThat(decide(Channel.MESSENGER, Duration.ofHours(25), true)).satisfies(d -> {
            assertThat(d.allowed()).isTrue();
            assertThat(d.humanAgentTag()).isTrue();
        });
        assertThat(decide(Channel.INSTAGRAM, Duration.ofDays(6), true).humanAgentTag()).isTrue();
        assertThat(decide(Channel.MESSENGER, Duration.ofDays(8), true).reason()).contains("7-day human agent window");
        assertThat(decide(Channel.MESSENGER, Duration.ofHours(25), false).reason())
                .contains("Outside Messenger's 24-hour window").contains("2026-12-01 11:00 UTC")
                .contains("human-agent-tag");
        assertThat(decide(Channel.WHATSAPP, Duration.ofHours(25), true).reason())
                .contains("Outside WhatsApp's 24-hour window").contains("template");
    }

    @Test
    void telegramAndXHaveNoWindow() {
        assertThat(decide(Channel.TELEGRAM, Duration.ofDays(400), false).allowed()).isTrue();
        assertThat(decide(Channel.X, Duration.ofDays(400), false).allowed()).isTrue();
    }

    @Test
    void aMetaCustomerWhoNeverWroteCannotBeWritten() {
        assertThat(ReplyWindow.decide(Channel.WHATSAPP, Optional.empty(), NOW, true).allowed()).isFalse();
    }
}
