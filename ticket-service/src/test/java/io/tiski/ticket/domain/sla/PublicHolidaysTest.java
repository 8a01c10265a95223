package io.tiski.ticket.domain.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicHolidaysTest {

    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource({"2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28",
            "2030, 2030-04-21", "2038, 2038-04-25", "2285, 2285-03-22"})
    void easterSundayOfKnownYears(int year, LocalDate easter) {
        assertThat(PublicHolidays.easterSunday(year)).isEqualTo(easter);
    }

    @ParameterizedTest(name = "FI {0}: {1}")
    @CsvSource({
        "2026-01-06, Loppiainen", "2026-04-03, Pitkäperjantai", "2026-04-06, 2. pääsiäispäivä",
        "2026-05-14, Helatorstai", "2026-06-19, Juhannusaatto", "2026-06-20, Juhannuspäivä",
        "2026-10-31, Pyhäinpäivä", "2026-12-06, Itsenäisyyspäivä", "2026-12-24, Jouluaatto",
        "2027-03-26, Pitkäperjantai", "2027-05-06, Helatorstai", "2027-06-25, Juhannusaatto",
        "2027-11-06, Pyhäinpäivä", "2028-06-23, Juhannusaatto", "2028-11-04, Pyhäinpäivä"})
    void finnishHolidaysIncludingTheMovingOnes(LocalDate date, String name) {
        assertThat(PublicHolidays.FI.in(date.getYear()).get(date)).startsWith(name);
    }

    @ParameterizedTest(name = "SE {0}: {1}")
    @CsvSource({"2026-06-06, Sveriges nationaldag", "2026-06-19, Midsommarafton", "2026-10-31, Alla helgons dag",
            "2026-12-31, Nyårsafton", "2027-05-06, Kristi himmelsfärdsdag"})
    void swedishHolidays(LocalDate date, String name) {
        assertThat(PublicHolidays.SE.in(date.getYear()).get(date)).startsWith(name);
    }

    @ParameterizedTest(name = "{0} is an ordinary day in Finland")
    @CsvSource({"2026-06-18", "2026-06-22", "2026-11-02", "2026-12-31", "2026-06-06"})
    void ordinaryDaysAreNotHolidays(LocalDate date) {
        assertThat(PublicHolidays.FI.in(date.getYear())).doesNotContainKey(date);
    }
}
