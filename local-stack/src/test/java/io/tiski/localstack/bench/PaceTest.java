package io.tiski.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaceTest {
    @Test
    void aSteadyRateSpacesTheMessagesEvenly() {
        Pace pace = Pace.of(200, "steady");
        assertThat(pace.offsetNanos(0)).isZero();
        assertThat(pace.offsetNanos(1)).isEqualTo(5_000_000);
        assertThat(pace.offsetNanos(200)).isEqualTo(1_000_000_000);
        assertThat(pace.describe()).isEqualTo("200/s");
    }

    @Test
    void aBurstSendsFactorTimesTheRateAtTheEndOfEachPeriod() {
        Pace pace = Pace.of(100, "burst:5x10s/60s");
        // 50 s at 100/s (5 000 messages), then 10 s at 500/s (5 000 more): 10 000 a period
        assertThat(pace.offsetNanos(4_999)).isEqualTo(49_990_000_000L);
        assertThat(pace.offsetNanos(5_000)).isEqualTo(50_000_000_000L);
        assertThat(pace.offsetNanos(5_001)).isEqualTo(50_002_000_000L);
        assertThat(pace.offsetNanos(9_999)).isEqualTo(59_998_000_000L);
        assertThat(pace.offsetNanos(10_000)).isEqualTo(60_000_000_000L);
        assertThat(pace.offsetNanos(15_500)).isEqualTo(111_000_000_000L);
        assertThat(pace.length(20_000)).isEqualTo(Duration.ofMillis(119_998));
        assertThat(pace.describe()).isEqualTo("100/s with bursts of 5× for 10 s every 60 s");
    }

    @Test
    void eachMessageLeavesNoEarlierThanTheOneBefore() {
        Pace pace = Pace.of(37, "burst:3x7s/19s");
        for (long i = 1; i < 5_000; i++) {
            assertThat(pace.offsetNanos(i)).isGreaterThan(pace.offsetNanos(i - 1));
        }
    }

    @Test
    void aShapeItCannotReadIsRefusedWithWhatWouldDo() {
        assertThatThrownBy(() -> Pace.of(100, "bursty")).hasMessageContaining("burst:5x10s/60s");
        assertThatThrownBy(() -> Pace.of(100, "burst:5x60s/60s")).hasMessageContaining("shorter than");
        assertThatThrownBy(() -> Pace.of(0, "steady")).hasMessageContaining("at least one");
    }
}
