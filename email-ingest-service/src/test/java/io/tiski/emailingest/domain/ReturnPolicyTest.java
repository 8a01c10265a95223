package io.tiski.emailingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReturnPolicyTest {
    final ReturnPolicy policy = new ReturnPolicy(14, 30, false, "5,90 €");
    final LocalDate received = LocalDate.of(2026, 11, 2);

    @Test
    void fourteenDaysFromReceiptIsTheRightOfWithdrawal() {
        ReturnPolicy.Verdict v = policy.assess(false, received, LocalDate.of(2026, 11, 16), "fi");
        assertThat(v.window()).isEqualTo("WITHDRAWAL");
        assertThat(v.withdrawalDeadline()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(v.explanation()).isEqualTo("Palautus on 14 päivän peruuttamisoikeuden sisällä (viimeistään "
                + "16.11.2026). Palautuksen hinta on 5,90 €.");
    }

    @Test
    void afterThatTheShopsOwnWindow() {
        ReturnPolicy.Verdict v = policy.assess(false, received, LocalDate.of(2026, 11, 17), "sv");
        assertThat(v.window()).isEqualTo("SHOP_WINDOW");
        assertThat(v.explanation()).contains("butikens egen returrätt (senast 2026-12-02)").contains("5,90 €");
    }

    @Test
    void afterBothTheRequestIsStillTakenButNotPromised() {
        ReturnPolicy.Verdict v = policy.assess(false, received, LocalDate.of(2026, 12, 3), "en");
        assertThat(v.accepted()).isFalse();
        assertThat(v.explanation()).startsWith("The return window ended on 2 December 2026.");
    }

    @Test
    void complaintsAreNotBoundByTheWindow() {
        assertThat(policy.assess(true, received.minusYears(1), LocalDate.of(2026, 12, 3), "fi").accepted()).isTrue();
    }
}
