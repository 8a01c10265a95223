package io.tiski.ticket.domain.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a team answers: a time zone, weekly opening hours (several spans a day allowed), built-in public holidays,
 * and one-off exceptions (extended hours for Black Friday week, a closed day for the staff party).
 * An exception on a date wins over a holiday, which wins over the weekly hours.
 */
public final class BusinessCalendar implements TimeMeasure {
    /** How far ahead a due time is searched before the calendar is declared never open. */
    private static final int MAX_DAYS_AHEAD = 3 * 366;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);

    /** Hours for one date that replace the usual ones; no hours means closed. */
    public record DayException(String label, List<OpeningHours> hours) {
        public DayException {
            hours = OpeningHours.ordered(hours);
        }
    }

    /** One open span of a real day, in instants. */
    public record OpenSpan(Instant from, Instant to) {
    }

    private final String name;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpeningHours>> weekly;
    private final Set<PublicHolidays> holidaySets;
    private final Map<LocalDate, DayException> exceptions;
    private final Map<Integer, Map<LocalDate, String>> holidaysByYear = new ConcurrentHashMap<>();

    public BusinessCalendar(String name, ZoneId zone, Map<DayOfWeek, List<OpeningHours>> weekly,
            Set<PublicHolidays> holidaySets, Map<LocalDate, DayException> exceptions) {
        this.name = name;
        this.zone = zone;
        EnumMap<DayOfWeek, List<OpeningHours>> copy = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, hours) -> copy.put(day, OpeningHours.ordered(hours)));
        this.weekly = copy;
        this.holidaySets = holidaySets.isEmpty() ? EnumSet.noneOf(PublicHolidays.class) : EnumSet.copyOf(holidaySets);
        this.exceptions = new TreeMap<>(exceptions);
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<DayOfWeek, List<OpeningHours>> weekly() {
        return weekly;
    }

    public Set<PublicHolidays> holidaySets() {
        return holidaySets;
    }

    public Map<LocalDate, DayException> exceptions() {
        return exceptions;
    }

    /** The name of the public holiday on a date, if one of the calendar's holiday sets has one. */
    public Optional<String> holidayOn(LocalDate date) {
        for (PublicHolidays set : holidaySets) {
            String holiday = holidaysByYear.computeIfAbsent(date.getYear() * 10 + set.ordinal(), k -> set.in(
                    date.getYear())).get(date);
            if (holiday != null) {
                return Optional.of(holiday + ", public holiday " + set.name());
            }
        }
        return Optional.empty();
    }

    /** The opening hours of one date, after exceptions and holidays. */
    public List<OpeningHours> hoursOn(LocalDate date) {
        DayException exception = exceptions.get(date);
        if (exception != null) {
            return exception.hours();
        }
        if (holidayOn(date).isPresent()) {
            return List.of();
        }
        return weekly.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /** Why a date has unusual hours, if it has: the exception's label or the holiday's name. */
    public Optional<String> whyUnusual(LocalDate date) {
        DayException exception = exceptions.get(date);
        if (exception != null) {
            return Optional.of(exception.label() + (exception.hours().isEmpty() ? ": closed"
                    : ": open " + OpeningHours.format(exception.hours())));
        }
        return holidayOn(date).map(h -> h + ": closed");
    }

    /** The open spans of one date as instants; a span whose local time does not exist (DST gap) shifts forward. */
    public List<OpenSpan> openSpansOn(LocalDate date) {
        List<OpenSpan> spans = new ArrayList<>();
        for (OpeningHours hours : hoursOn(date)) {
            Instant from = ZonedDateTime.of(date, hours.from(), zone).toInstant();
            Instant to = hours.untilMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
                    : ZonedDateTime.of(date, hours.to(), zone).toInstant();
            if (to.isAfter(from)) {
                spans.add(new OpenSpan(from, to));
            }
        }
        return spans;
    }

    @Override
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate().minusDays(1); !date.isAfter(last);
                date = date.plusDays(1)) {
            for (OpenSpan span : openSpansOn(date)) {
                Instant start = span.from().isAfter(from) ? span.from() : from;
                Instant end = span.to().isBefore(to) ? span.to() : to;
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    @Override
    public Instant plus(Instant from, Duration amount, List<String> notes) {
        Duration left = amount;
        LocalDate first = from.atZone(zone).toLocalDate();
        for (int i = -1; i <= MAX_DAYS_AHEAD; i++) {
            LocalDate date = first.plusDays(i);
            if (i > 0) {
                whyUnusual(date).ifPresent(why -> notes.add(DAY.format(date) + " " + why));
            }
            for (OpenSpan span : openSpansOn(date)) {
                if (!span.to().isAfter(from)) {
                    continue;
                }
                Instant start = span.from().isAfter(from) ? span.from() : from;
                Duration available = Duration.between(start, span.to());
                if (left.compareTo(available) <= 0) {
                    return start.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("Calendar '" + name + "' has no opening hours within " + MAX_DAYS_AHEAD
                + " days of " + from + "; give it weekly hours");
    }

    /** The moment the service is next open: {@code at} itself when open now. */
    public Optional<Instant> nextOpening(Instant at) {
        LocalDate first = at.atZone(zone).toLocalDate();
        for (int i = -1; i <= MAX_DAYS_AHEAD; i++) {
            for (OpenSpan span : openSpansOn(first.plusDays(i))) {
                if (span.to().isAfter(at)) {
                    return Optional.of(span.from().isAfter(at) ? span.from() : at);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String description() {
        return "business hours of calendar '" + name + "' (" + zone.getId() + ")";
    }
}
