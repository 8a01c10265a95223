package io.tiski.ticket.service.sla;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Status;
import biweekly.util.DateTimeComponents;
import biweekly.util.ICalDate;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;
import io.tiski.ticket.domain.sla.OpeningHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;

/**
 * Reads an iCalendar file (RFC 5545, e.g. exported from a shared "Opening hours" calendar) into calendar
 * exceptions: an all-day event closes its days; timed events on a date become that date's opening hours (extended
 * hours for Black Friday week). Recurring events are expanded within the given range.
 */
public final class ICalendarImport {
    private static final int MAX_OCCURRENCES = 5_000;

    /** One date the file says something about. */
    public record ImportedDay(LocalDate date, String label, List<OpeningHours> hours) {
    }

    /** The dates read, and the events left out with the reason. */
    public record Result(List<ImportedDay> days, List<String> skipped) {
    }

    private ICalendarImport() {
    }

    public static Result read(String text, ZoneId zone, LocalDate from, LocalDate to) {
        List<ICalendar> calendars;
        try {
            calendars = Biweekly.parse(text).all();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The file is not an iCalendar file: " + e.getMessage());
        }
        if (calendars.isEmpty()) {
            throw new IllegalArgumentException("The file holds no VCALENDAR; export the calendar as .ics");
        }
        Map<LocalDate, String> closed = new TreeMap<>();
        Map<LocalDate, List<OpeningHours>> open = new TreeMap<>();
        Map<LocalDate, String> openLabels = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        TimeZone timeZone = TimeZone.getTimeZone(zone);
        for (ICalendar calendar : calendars) {
            for (VEvent event : calendar.getEvents()) {
                String label = event.getSummary() == null || event.getSummary().getValue() == null
                        ? "Imported" : event.getSummary().getValue().strip();
                if (event.getStatus() != null && Status.cancelled().equals(event.getStatus())) {
                    skipped.add(label + ": cancelled");
                    continue;
                }
                if (event.getDateStart() == null || event.getDateStart().getValue() == null) {
                    skipped.add(label + ": no start date");
                    continue;
                }
                ICalDate start = event.getDateStart().getValue();
                long length = lengthMillis(event, start);
                List<Date> starts = new ArrayList<>();
                if (event.getRecurrenceRule() == null) {
                    starts.add(start);
                } else {
                    DateIterator iterator = event.getDateIterator(timeZone);
                    while (iterator.hasNext() && starts.size() < MAX_OCCURRENCES) {
                        Date next = iterator.next();
                        if (localDate(next, start.hasTime(), zone).isAfter(to)) {
                            break;
                        }
                        starts.add(next);
                    }
                }
                for (Date occurrence : starts) {
                    if (!start.hasTime()) {
                        LocalDate first = occurrence == start ? rawDate(start) : localDate(occurrence, false, zone);
                        long days = Math.max(1, Math.round(length / 86_400_000.0));
                        for (int i = 0; i < days; i++) {
                            LocalDate day = first.plusDays(i);
                            if (!day.isBefore(from) && !day.isAfter(to)) {
                                closed.merge(day, label, (a, b) -> a.equals(b) ? a : a + "; " + b);
                            }
                        }
                    } else {
                        ZonedDateTime begin = Instant.ofEpochMilli(occurrence.getTime()).atZone(zone);
                        ZonedDateTime end = Instant.ofEpochMilli(occurrence.getTime() + length).atZone(zone);
                        LocalDate day = begin.toLocalDate();
                        if (day.isBefore(from) || day.isAfter(to)) {
                            continue;
                        }
                        boolean endsAtMidnight = end.toLocalDate().equals(day.plusDays(1))
                                && end.toLocalTime().equals(LocalTime.MIDNIGHT);
                        if (!end.toLocalDate().equals(day) && !endsAtMidnight) {
                            skipped.add(label + " on " + day + ": timed events must end on the day they start");
                            continue;
                        }
                        int fromMinute = begin.getHour() * 60 + begin.getMinute();
                        int toMinute = endsAtMidnight ? 24 * 60 : end.getHour() * 60 + end.getMinute();
                        if (toMinute <= fromMinute) {
                            skipped.add(label + " on " + day + ": ends before it starts");
                            continue;
                        }
                        open.computeIfAbsent(day, d -> new ArrayList<>()).add(new OpeningHours(fromMinute, toMinute));
                        openLabels.merge(day, label, (a, b) -> a.equals(b) ? a : a + "; " + b);
                    }
                }
            }
        }
        List<ImportedDay> days = new ArrayList<>();
        closed.forEach((day, label) -> {
            if (!open.containsKey(day)) {
                days.add(new ImportedDay(day, label, List.of()));
            } else {
                skipped.add(label + " on " + day + ": the same day also has opening hours, which win");
            }
        });
        open.forEach((day, hours) -> days.add(new ImportedDay(day, openLabels.get(day), merged(hours))));
        days.sort((a, b) -> a.date().compareTo(b.date()));
        return new Result(List.copyOf(days), List.copyOf(skipped));
    }

    private static long lengthMillis(VEvent event, ICalDate start) {
        if (event.getDateEnd() != null && event.getDateEnd().getValue() != null) {
            return Math.max(0, event.getDateEnd().getValue().getTime() - start.getTime());
        }
        if (event.getDuration() != null && event.getDuration().getValue() != null) {
            return event.getDuration().getValue().toMillis();
        }
        return start.hasTime() ? 0 : 86_400_000L;
    }

    private static LocalDate rawDate(ICalDate date) {
        DateTimeComponents raw = date.getRawComponents();
        return raw == null ? Instant.ofEpochMilli(date.getTime()).atZone(ZoneId.systemDefault()).toLocalDate()
                : LocalDate.of(raw.getYear(), raw.getMonth(), raw.getDate());
    }

    private static LocalDate localDate(Date date, boolean hasTime, ZoneId zone) {
        return Instant.ofEpochMilli(date.getTime()).atZone(zone).toLocalDate();
    }

    /** Overlapping or touching spans of one day become one. */
    private static List<OpeningHours> merged(List<OpeningHours> spans) {
        List<OpeningHours> sorted = new ArrayList<>(spans);
        sorted.sort((a, b) -> Integer.compare(a.fromMinute(), b.fromMinute()));
        List<OpeningHours> result = new ArrayList<>();
        for (OpeningHours span : sorted) {
            if (!result.isEmpty() && span.fromMinute() <= result.get(result.size() - 1).toMinute()) {
                OpeningHours last = result.remove(result.size() - 1);
                result.add(new OpeningHours(last.fromMinute(), Math.max(last.toMinute(), span.toMinute())));
            } else {
                result.add(span);
            }
        }
        return result;
    }
}
