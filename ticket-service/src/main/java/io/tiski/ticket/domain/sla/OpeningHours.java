package io.tiski.ticket.domain.sla;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One span of a day when the service answers, in the calendar's local time, e.g. 08:00–16:00. The end may be
 * 24:00 (open until midnight).
 */
public record OpeningHours(int fromMinute, int toMinute) {
    private static final Pattern SPAN = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*[-–]\\s*(\\d{1,2}):(\\d{2})");
    static final int END_OF_DAY = 24 * 60;

    public OpeningHours {
        if (fromMinute < 0 || toMinute > END_OF_DAY || fromMinute >= toMinute) {
            throw new IllegalArgumentException("opening hours must run forward within one day (00:00–24:00), not "
                    + format(fromMinute) + "–" + format(toMinute));
        }
    }

    /** Parses "08:00-16:00". */
    public static OpeningHours parse(String text) {
        Matcher m = SPAN.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("opening hours look like 08:00-16:00, not '" + text + "'");
        }
        int fromHour = Integer.parseInt(m.group(1));
        int fromMin = Integer.parseInt(m.group(2));
        int toHour = Integer.parseInt(m.group(3));
        int toMin = Integer.parseInt(m.group(4));
        if (fromHour > 23 || fromMin > 59 || toMin > 59 || toHour > 24 || (toHour == 24 && toMin != 0)) {
            throw new IllegalArgumentException("'" + text + "' is not a time span of one day");
        }
        return new OpeningHours(fromHour * 60 + fromMin, toHour * 60 + toMin);
    }

    /** Parses "08:00-12:00, 13:00-16:00"; an empty text means closed. Spans must not overlap. */
    public static List<OpeningHours> parseList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<OpeningHours> spans = new ArrayList<>(Arrays.stream(text.split(",")).map(OpeningHours::parse).toList());
        return ordered(spans);
    }

    /** Sorts spans and rejects overlapping ones. */
    public static List<OpeningHours> ordered(List<OpeningHours> spans) {
        List<OpeningHours> sorted = new ArrayList<>(spans);
        sorted.sort((a, b) -> Integer.compare(a.fromMinute, b.fromMinute));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).fromMinute < sorted.get(i - 1).toMinute) {
                throw new IllegalArgumentException("opening hours " + sorted.get(i - 1) + " and " + sorted.get(i)
                        + " overlap");
            }
        }
        return List.copyOf(sorted);
    }

    public static String format(List<OpeningHours> spans) {
        return String.join(",", spans.stream().map(OpeningHours::toString).toList());
    }

    public LocalTime from() {
        return LocalTime.of(fromMinute / 60, fromMinute % 60);
    }

    public boolean untilMidnight() {
        return toMinute == END_OF_DAY;
    }

    public LocalTime to() {
        return untilMidnight() ? LocalTime.MIDNIGHT : LocalTime.of(toMinute / 60, toMinute % 60);
    }

    private static String format(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    @Override
    public String toString() {
        return format(fromMinute) + "-" + format(toMinute);
    }
}
