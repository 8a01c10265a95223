package io.tiski.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerExpectationTest {
    static final String HELSINKI = "Europe/Helsinki";

    static Instant at(String local) {
        return LocalDateTime.parse(local.replace(' ', 'T')).atZone(ZoneId.of(HELSINKI)).toInstant();
    }

    @ParameterizedTest(name = "{0}: {4}")
    @CsvSource(delimiter = '|', value = {
        // Monday 23 November 2026, 10:00, open: answer due this afternoon.
        "fi|2026-11-23 10:00|2026-11-23 14:00||Vastaamme sinulle viimeistään tänään klo 14.00.",
        "sv|2026-11-23 10:00|2026-11-23 14:00||Vi svarar dig senast i dag kl. 14.00.",
        "en|2026-11-23 10:00|2026-11-23 14:00||We will answer you by 14:00 today.",
        // Friday evening, closed: back on Saturday at ten, answer by two.
        "fi|2026-11-20 18:00|2026-11-21 14:00|2026-11-21 10:00|Asiakaspalvelumme on nyt kiinni. Palaamme huomenna klo 10.00, ja vastaamme sinulle viimeistään huomenna klo 14.00.",
        "en|2026-11-20 18:00|2026-11-21 14:00|2026-11-21 10:00|Our customer service is closed right now. We are back tomorrow at 10:00 and will answer you by 14:00 tomorrow.",
        // Thursday before Midsummer, evening: back on Monday.
        "fi|2026-06-18 17:00|2026-06-22 11:00|2026-06-22 08:00|Asiakaspalvelumme on nyt kiinni. Palaamme maanantaina klo 8.00, ja vastaamme sinulle viimeistään maanantaina klo 11.00.",
        "sv|2026-06-18 17:00|2026-06-22 11:00|2026-06-22 08:00|Vår kundtjänst är stängd just nu. Vi är tillbaka på måndag kl. 08.00 och svarar dig senast på måndag kl. 11.00.",
        "en|2026-06-18 17:00|2026-06-22 11:00|2026-06-22 08:00|Our customer service is closed right now. We are back on Monday at 08:00 and will answer you by 11:00 on Monday.",
        // Christmas: more than a week away gets the date.
        "fi|2026-12-23 17:00|2027-01-04 09:00|2027-01-04 08:00|Asiakaspalvelumme on nyt kiinni. Palaamme maanantaina 4.1. klo 8.00, ja vastaamme sinulle viimeistään maanantaina 4.1. klo 9.00.",
        "sv|2026-12-23 17:00|2027-01-04 09:00|2027-01-04 08:00|Vår kundtjänst är stängd just nu. Vi är tillbaka måndag 4 januari kl. 08.00 och svarar dig senast måndag 4 januari kl. 09.00."})
    void saysWhenAPersonAnswers(String language, String now, String due, String opens, String expected) {
        assertThat(AnswerExpectation.describe(language, at(now), at(due), opens == null ? null : at(opens), HELSINKI))
                .contains(expected);
    }

    @Test
    void saysNothingWithoutADueTime() {
        assertThat(AnswerExpectation.describe("fi", Instant.now(), null, null, HELSINKI)).isEmpty();
    }
}
