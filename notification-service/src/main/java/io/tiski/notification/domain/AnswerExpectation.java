package io.tiski.notification.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sentence of an acknowledgement that says when a person will answer, honest about opening hours: while the
 * team is closed it says when it is back, then by when the answer comes. Times are in the team's time zone, in
 * words a customer reads at a glance ("today at 14:00", "on Monday at 08:00").
 */
public final class AnswerExpectation {
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");
    private static final Locale FINNISH = Locale.forLanguageTag("fi");
    private static final Map<DayOfWeek, String> FINNISH_ON_DAY = Map.of(DayOfWeek.MONDAY, "maanantaina",
            DayOfWeek.TUESDAY, "tiistaina", DayOfWeek.WEDNESDAY, "keskiviikkona", DayOfWeek.THURSDAY, "torstaina",
            DayOfWeek.FRIDAY, "perjantaina", DayOfWeek.SATURDAY, "lauantaina", DayOfWeek.SUNDAY, "sunnuntaina");

    private AnswerExpectation() {
    }

    /**
     * @param now the moment the customer reads it (the send time)
     * @param expectedBy when the first answer is due; nothing is said without it
     * @param opensAt when the team is next open, if it is closed now
     */
    public static Optional<String> describe(String language, Instant now, Instant expectedBy, Instant opensAt,
            String timeZone) {
        if (expectedBy == null) {
            return Optional.empty();
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone == null || timeZone.isBlank() ? "Europe/Helsinki" : timeZone);
        } catch (java.time.DateTimeException e) {
            zone = ZoneId.of("Europe/Helsinki");
        }
        boolean closed = opensAt != null && opensAt.isAfter(now.plusSeconds(60)) && !expectedBy.isBefore(opensAt);
        LocalDate today = now.atZone(zone).toLocalDate();
        ZonedDateTime due = expectedBy.atZone(zone);
        ZonedDateTime opens = closed ? opensAt.atZone(zone) : null;
        String lang = language == null ? "en" : language;
        return Optional.of(switch (lang) {
            case "fi" -> closed
                    ? "Asiakaspalvelumme on nyt kiinni. Palaamme " + finnish(opens, today)
                            + ", ja vastaamme sinulle viimeistään " + finnish(due, today) + "."
                    : "Vastaamme sinulle viimeistään " + finnish(due, today) + ".";
            case "sv" -> closed
                    ? "Vår kundtjänst är stängd just nu. Vi är tillbaka " + swedish(opens, today)
                            + " och svarar dig senast " + swedish(due, today) + "."
                    : "Vi svarar dig senast " + swedish(due, today) + ".";
            default -> closed
                    ? "Our customer service is closed right now. We are back " + english(opens, today)
                            + " and will answer you by " + englishBy(due, today) + "."
                    : "We will answer you by " + englishBy(due, today) + ".";
        });
    }

    private static long daysFrom(LocalDate today, ZonedDateTime at) {
        return java.time.temporal.ChronoUnit.DAYS.between(today, at.toLocalDate());
    }

    static String finnish(ZonedDateTime at, LocalDate today) {
        String time = "klo " + at.format(DateTimeFormatter.ofPattern("H.mm", FINNISH));
        long days = daysFrom(today, at);
        if (days == 0) {
            return "tänään " + time;
        }
        if (days == 1) {
            return "huomenna " + time;
        }
        String day = FINNISH_ON_DAY.get(at.getDayOfWeek());
        return days < 7 ? day + " " + time : day + " " + at.getDayOfMonth() + "." + at.getMonthValue() + ". " + time;
    }

    static String swedish(ZonedDateTime at, LocalDate today) {
        String time = "kl. " + at.format(DateTimeFormatter.ofPattern("HH.mm", SWEDISH));
        long days = daysFrom(today, at);
        if (days == 0) {
            return "i dag " + time;
        }
        if (days == 1) {
            return "i morgon " + time;
        }
        String day = at.format(DateTimeFormatter.ofPattern("EEEE", SWEDISH));
        return days < 7 ? "på " + day + " " + time
                : day + " " + at.format(DateTimeFormatter.ofPattern("d MMMM", SWEDISH)) + " " + time;
    }

    /** "14:00 today", "11:00 on Monday". */
    static String englishBy(ZonedDateTime at, LocalDate today) {
        String time = at.format(DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH));
        long days = daysFrom(today, at);
        if (days == 0) {
            return time + " today";
        }
        if (days == 1) {
            return time + " tomorrow";
        }
        return time + " on " + at.format(DateTimeFormatter.ofPattern(days < 7 ? "EEEE" : "EEEE d MMMM",
                Locale.ENGLISH));
    }

    static String english(ZonedDateTime at, LocalDate today) {
        String time = "at " + at.format(DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH));
        long days = daysFrom(today, at);
        if (days == 0) {
            return "today " + time;
        }
        if (days == 1) {
            return "tomorrow " + time;
        }
        return "on " + at.format(DateTimeFormatter.ofPattern(days < 7 ? "EEEE" : "EEEE d MMMM", Locale.ENGLISH))
                + " " + time;
    }
}
