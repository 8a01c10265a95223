package io.tiski.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    final Instant now = Instant.parse("2026-12-07T10:00:00Z");
    final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(30), Duration.ofMinutes(10),
            Duration.ofDays(1));

    @Test
    void retriesComeAtDoublingIntervalsUpToTheLongest() {
        assertThat(schedule.nextAttempt(1, now)).isEqualTo(now.plusSeconds(30));
        assertThat(schedule.nextAttempt(2, now)).isEqualTo(now.plusSeconds(60));
        assertThat(schedule.nextAttempt(3, now)).isEqualTo(now.plusSeconds(120));
        assertThat(schedule.nextAttempt(5, now)).isEqualTo(now.plusSeconds(480));
        assertThat(schedule.nextAttempt(6, now)).isEqualTo(now.plus(Duration.ofMinutes(10)));
        assertThat(schedule.nextAttempt(1_000, now)).isEqualTo(now.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aRequestFailsOnceItWaitedAsLongAsTheGiveUpTime() {
        assertThat(schedule.givesUp(now.minus(Duration.ofHours(23)), now)).isFalse();
        assertThat(schedule.givesUp(now.minus(Duration.ofDays(1)), now)).isTrue();
    }

    @Test
    void aScheduleThatCannotWorkIsRefusedWithWhatToFix() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofMinutes(1), Duration.ofDays(1)))
                .hasMessageContaining("positive wait");
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofDays(1)))
                .hasMessageContaining("must not be shorter than the first");
    }
}
