package io.tiski.ticket.domain.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.TreeMap;

/** Built-in public holidays on which a calendar is closed, including the ones whose date moves every year. */
public enum PublicHolidays {
    /** Finland: the days off of the Finnish calendar (Christmas Eve and Midsummer Eve included, as shops close). */
    FI {
        @Override
        public Map<LocalDate, String> in(int year) {
            Map<LocalDate, String> days = new TreeMap<>();
            LocalDate easter = easterSunday(year);
            days.put(LocalDate.of(year, 1, 1), "Uudenvuodenpäivä (New Year's Day)");
            days.put(LocalDate.of(year, 1, 6), "Loppiainen (Epiphany)");
            days.put(easter.minusDays(2), "Pitkäperjantai (Good Friday)");
            days.put(easter, "Pääsiäispäivä (Easter Sunday)");
            days.put(easter.plusDays(1), "2. pääsiäispäivä (Easter Monday)");
            days.put(LocalDate.of(year, 5, 1), "Vappu (May Day)");
            days.put(easter.plusDays(39), "Helatorstai (Ascension Day)");
            days.put(easter.plusDays(49), "Helluntaipäivä (Whit Sunday)");
            LocalDate midsummerEve = firstOnOrAfter(year, 6, 19, DayOfWeek.FRIDAY);
            days.put(midsummerEve, "Juhannusaatto (Midsummer Eve)");
            days.put(midsummerEve.plusDays(1), "Juhannuspäivä (Midsummer Day)");
            days.put(firstOnOrAfter(year, 10, 31, DayOfWeek.SATURDAY), "Pyhäinpäivä (All Saints' Day)");
            days.put(LocalDate.of(year, 12, 6), "Itsenäisyyspäivä (Independence Day)");
            days.put(LocalDate.of(year, 12, 24), "Jouluaatto (Christmas Eve)");
            days.put(LocalDate.of(year, 12, 25), "Joulupäivä (Christmas Day)");
            days.put(LocalDate.of(year, 12, 26), "Tapaninpäivä (St Stephen's Day)");
            return days;
        }
    },
    /** Sweden: the public holidays plus the de facto days off (Midsummer Eve, Christmas Eve, New Year's Eve). */
    SE {
        @Override
        public Map<LocalDate, String> in(int year) {
            Map<LocalDate, String> days = new TreeMap<>();
            LocalDate easter = easterSunday(year);
            days.put(LocalDate.of(year, 1, 1), "Nyårsdagen (New Year's Day)");
            days.put(LocalDate.of(year, 1, 6), "Trettondedag jul (Epiphany)");
            days.put(easter.minusDays(2), "Långfredagen (Good Friday)");
            days.put(easter, "Påskdagen (Easter Sunday)");
            days.put(easter.plusDays(1), "Annandag påsk (Easter Monday)");
            days.put(LocalDate.of(year, 5, 1), "Första maj (May Day)");
            days.put(easter.plusDays(39), "Kristi himmelsfärdsdag (Ascension Day)");
            days.put(easter.plusDays(49), "Pingstdagen (Whit Sunday)");
            days.put(LocalDate.of(year, 6, 6), "Sveriges nationaldag (National Day)");
            LocalDate midsummerEve = firstOnOrAfter(year, 6, 19, DayOfWeek.FRIDAY);
            days.put(midsummerEve, "Midsommarafton (Midsummer Eve)");
            days.put(midsummerEve.plusDays(1), "Midsommardagen (Midsummer Day)");
            days.put(firstOnOrAfter(year, 10, 31, DayOfWeek.SATURDAY), "Alla helgons dag (All Saints' Day)");
            days.put(LocalDate.of(year, 12, 24), "Julafton (Christmas Eve)");
            days.put(LocalDate.of(year, 12, 25), "Juldagen (Christmas Day)");
            days.put(LocalDate.of(year, 12, 26), "Annandag jul (Boxing Day)");
            days.put(LocalDate.of(year, 12, 31), "Nyårsafton (New Year's Eve)");
            return days;
        }
    };

    /** The holidays of one year, by date, with their names. */
    public abstract Map<LocalDate, String> in(int year);

    /** Easter Sunday of the Gregorian calendar (the anonymous Gregorian, "Meeus/Jones/Butcher", computus). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }

    private static LocalDate firstOnOrAfter(int year, int month, int day, DayOfWeek weekday) {
        return MonthDay.of(month, day).atYear(year).with(TemporalAdjusters.nextOrSame(weekday));
    }
}
