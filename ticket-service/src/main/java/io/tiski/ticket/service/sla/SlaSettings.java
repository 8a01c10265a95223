package io.tiski.ticket.service.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiski.ticket.domain.sla.BusinessCalendar;
import io.tiski.ticket.domain.sla.OpeningHours;
import io.tiski.ticket.domain.sla.PublicHolidays;
import io.tiski.ticket.domain.sla.SlaPolicy;
import io.tiski.ticket.domain.sla.SlaTarget;
import io.tiski.ticket.repository.StoredCalendar;
import io.tiski.ticket.repository.StoredCalendarException;
import io.tiski.ticket.repository.StoredSlaPolicy;
import io.tiski.ticket.service.TicketConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The business calendars and SLA policies admins maintain, and the domain objects built from them. The built rules
 * are cached and rebuilt when they change here, or at the latest after a few seconds (changes made by another
 * instance).
 */
@ApplicationScoped
public class SlaSettings {
    private static final Duration CACHE_TIME = Duration.ofSeconds(5);
    static final TypeReference<Map<String, List<String>>> WEEKLY = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final jakarta.transaction.TransactionSynchronizationRegistry transactions;
    private final AtomicReference<Cached> cache = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    SlaSettings(ObjectMapper json, jakarta.transaction.TransactionSynchronizationRegistry transactions) {
        this.json = json;
        this.transactions = transactions;
    }

    /** A day with unusual hours, as the API shows and takes it; no hours means closed. */
    public record DayException(LocalDate date, String label, List<String> hours, String source) {
    }

    /** A calendar as the API shows and takes it. */
    public record Calendar(String id, String name, String timeZone, Map<String, List<String>> weeklyHours,
            List<String> publicHolidays, List<DayException> exceptions) {
    }

    /** How long a target allows (ISO-8601, e.g. PT4H) and whether only business hours count. */
    public record Target(String time, boolean businessHours) {
    }

    /** Conditions of a policy; an empty or missing list matches anything. */
    public record Conditions(List<String> priorities, List<String> channels, List<String> brands, List<String> teams,
            List<String> customerGroups, List<String> types) {
    }

    /** What happens on a breach. */
    public record Escalation(String raisePriorityTo, String reassignTo,
            @com.fasterxml.jackson.annotation.JsonProperty("notify") List<String> notifyAddresses) {
    }

    /** A policy as the API shows and takes it. */
    public record Policy(String id, String name, int position, boolean active, Conditions conditions,
            Map<String, Target> targets, String calendar, boolean pauseOnHold, String warningLead,
            Double warningShare, Escalation escalation) {
    }

    /** The part of a policy kept as JSON. */
    record Definition(Conditions conditions, Map<String, Target> targets, boolean pauseOnHold, String warningLead,
            Double warningShare, Escalation escalation) {
    }

    /** The active policies in order and the calendars by id, ready for the clocks. */
    public record Rules(List<SlaPolicy> policies, Map<String, BusinessCalendar> calendarsByPolicy) {
        public Optional<BusinessCalendar> calendarOf(SlaPolicy policy) {
            return Optional.ofNullable(calendarsByPolicy.get(policy.id()));
        }
    }

    private record Cached(Rules rules, Instant builtAt) {
    }

    // ---- calendars ----

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Calendar> calendars() {
        return StoredCalendar.<StoredCalendar>find("order by name").list().stream().map(this::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Calendar calendar(UUID id) {
        return view(storedCalendar(id));
    }

    @Transactional
    public Calendar saveCalendar(UUID id, String name, String timeZone, Map<String, List<String>> weeklyHours,
            List<String> publicHolidays) {
        ZoneId zone = zone(timeZone);
        Map<DayOfWeek, List<OpeningHours>> weekly = weekly(weeklyHours);
        Set<PublicHolidays> holidays = holidaySets(publicHolidays);
        StoredCalendar stored = id == null ? null : StoredCalendar.findById(id);
        if (id != null && stored == null) {
            throw new NotFoundException("No business calendar " + id);
        }
        StoredCalendar sameName = StoredCalendar.find("name", name.strip()).firstResult();
        if (sameName != null && (stored == null || !sameName.id.equals(stored.id))) {
            throw new TicketConflictException("A business calendar named '" + name.strip() + "' exists already");
        }
        Instant now = Instant.now();
        boolean created = stored == null;
        if (created) {
            stored = new StoredCalendar();
            stored.id = UUID.randomUUID();
            stored.createdAt = now;
        }
        stored.name = name.strip();
        stored.timeZone = zone.getId();
        stored.weeklyHours = write(formatWeekly(weekly));
        stored.publicHolidays = String.join(",", holidays.stream().map(Enum::name).sorted().toList());
        stored.updatedAt = now;
        if (created) {
            stored.persist();
        }
        changed();
        return view(stored);
    }

    @Transactional
    public void deleteCalendar(UUID id) {
        StoredCalendar stored = storedCalendar(id);
        long users = StoredSlaPolicy.count("calendarId", id);
        if (users > 0) {
            throw new TicketConflictException("Calendar '" + stored.name + "' is used by " + users
                    + " SLA polic" + (users == 1 ? "y" : "ies") + "; give them another calendar first");
        }
        StoredCalendarException.delete("key.calendarId", id);
        stored.delete();
        changed();
    }

    /** Sets the hours of one date (empty: closed), replacing what was there. */
    @Transactional
    public Calendar putException(UUID calendarId, LocalDate date, String label, List<String> hours, String source) {
        StoredCalendar stored = storedCalendar(calendarId);
        List<OpeningHours> parsed = OpeningHours.ordered(hours == null ? List.of()
                : hours.stream().map(OpeningHours::parse).toList());
        StoredCalendarException.Key key = new StoredCalendarException.Key(calendarId, date);
        StoredCalendarException exception = StoredCalendarException.findById(key);
        boolean created = exception == null;
        if (created) {
            exception = new StoredCalendarException();
            exception.key = key;
        }
        exception.label = label == null || label.isBlank() ? (parsed.isEmpty() ? "Closed" : "Special hours")
                : label.strip();
        exception.openingHours = OpeningHours.format(parsed);
        exception.source = source;
        if (created) {
            exception.persist();
        }
        stored.updatedAt = Instant.now();
        changed();
        return view(stored);
    }

    @Transactional
    public Calendar removeException(UUID calendarId, LocalDate date) {
        StoredCalendar stored = storedCalendar(calendarId);
        if (!StoredCalendarException.deleteById(new StoredCalendarException.Key(calendarId, date))) {
            throw new NotFoundException("Calendar '" + stored.name + "' has no exception on " + date);
        }
        stored.updatedAt = Instant.now();
        changed();
        return view(stored);
    }

    /** What an iCalendar import did. */
    public record ImportSummary(int importedDays, List<String> skipped, Calendar calendar) {
    }

    /**
     * Replaces the calendar's imported exceptions with those of an iCalendar file (from a year ago to three years
     * ahead). Exceptions entered by hand are kept and win over imported ones.
     */
    @Transactional
    public ImportSummary importICalendar(UUID calendarId, String text, LocalDate today) {
        StoredCalendar stored = storedCalendar(calendarId);
        ICalendarImport.Result result = ICalendarImport.read(text, ZoneId.of(stored.timeZone), today.minusYears(1),
                today.plusYears(3));
        StoredCalendarException.delete("key.calendarId = ?1 and source = 'ICALENDAR'", calendarId);
        List<String> skipped = new ArrayList<>(result.skipped());
        int imported = 0;
        for (ICalendarImport.ImportedDay day : result.days()) {
            StoredCalendarException.Key key = new StoredCalendarException.Key(calendarId, day.date());
            if (StoredCalendarException.findById(key) != null) {
                skipped.add(day.label() + " on " + day.date() + ": an exception entered by hand exists");
                continue;
            }
            StoredCalendarException exception = new StoredCalendarException();
            exception.key = key;
            exception.label = day.label().length() > 200 ? day.label().substring(0, 200) : day.label();
            exception.openingHours = OpeningHours.format(day.hours());
            exception.source = "ICALENDAR";
            exception.persist();
            imported++;
        }
        stored.updatedAt = Instant.now();
        changed();
        return new ImportSummary(imported, skipped, view(stored));
    }

    /** A calendar by name, or when no name is given the first by name; empty when there is none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<BusinessCalendar> businessCalendarNamed(String name) {
        if (name == null || name.isBlank()) {
            return StoredCalendar.<StoredCalendar>find("order by name").firstResultOptional().map(this::domain);
        }
        return Optional.of(StoredCalendar.<StoredCalendar>find("name", name.strip()).firstResultOptional()
                .map(this::domain).orElseThrow(() -> new IllegalArgumentException("calendar: there is no business "
                        + "calendar named '" + name + "'")));
    }

    /** The calendar as the clocks use it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public BusinessCalendar businessCalendar(UUID id) {
        return domain(storedCalendar(id));
    }

    // ---- policies ----

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Policy> policies() {
        Map<UUID, String> calendarNames = new LinkedHashMap<>();
        StoredCalendar.<StoredCalendar>listAll().forEach(c -> calendarNames.put(c.id, c.name));
        return StoredSlaPolicy.<StoredSlaPolicy>find("order by position, name").list().stream()
                .map(p -> view(p, calendarNames.get(p.calendarId))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Policy policy(UUID id) {
        StoredSlaPolicy stored = storedPolicy(id);
        return view(stored, stored.calendarId == null ? null
                : StoredCalendar.<StoredCalendar>findByIdOptional(stored.calendarId).map(c -> c.name).orElse(null));
    }

    @Transactional
    public Policy savePolicy(UUID id, Policy input) {
        Definition definition = new Definition(input.conditions() == null ? new Conditions(List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of()) : input.conditions(), input.targets(),
                input.pauseOnHold(), input.warningLead(), input.warningShare(), input.escalation());
        StoredCalendar calendar = null;
        if (input.calendar() != null && !input.calendar().isBlank()) {
            calendar = StoredCalendar.find("name", input.calendar().strip()).firstResult();
            if (calendar == null) {
                throw new IllegalArgumentException("calendar: there is no business calendar named '"
                        + input.calendar() + "'");
            }
        }
        UUID policyId = id == null ? UUID.randomUUID() : id;
        SlaPolicy checked = domain(policyId.toString(), input.name().strip(), input.position(), definition,
                calendar == null ? null : calendar.name);
        if (calendar == null && checked.targets().values().stream().anyMatch(SlaPolicy.TargetSpec::businessHours)) {
            throw new IllegalArgumentException("calendar: a target counted in business hours needs a business "
                    + "calendar");
        }
        StoredSlaPolicy stored = id == null ? null : StoredSlaPolicy.findById(id);
        if (id != null && stored == null) {
            throw new NotFoundException("No SLA policy " + id);
        }
        StoredSlaPolicy sameName = StoredSlaPolicy.find("name", input.name().strip()).firstResult();
        if (sameName != null && (stored == null || !sameName.id.equals(stored.id))) {
            throw new TicketConflictException("An SLA policy named '" + input.name().strip() + "' exists already");
        }
        Instant now = Instant.now();
        boolean created = stored == null;
        if (created) {
            stored = new StoredSlaPolicy();
            stored.id = policyId;
            stored.createdAt = now;
        }
        stored.name = input.name().strip();
        stored.position = input.position();
        stored.active = input.active();
        stored.calendarId = calendar == null ? null : calendar.id;
        stored.definition = write(definition);
        stored.updatedAt = now;
        if (created) {
            stored.persist();
        }
        changed();
        return view(stored, calendar == null ? null : calendar.name);
    }

    @Transactional
    public void deletePolicy(UUID id) {
        storedPolicy(id).delete();
        changed();
    }

    // ---- rules for the clocks ----

    /** The rules as of at most a few seconds ago. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Rules rules() {
        Cached cached = cache.get();
        if (cached != null && cached.builtAt().plus(CACHE_TIME).isAfter(Instant.now())) {
            return cached.rules();
        }
        long before = generation.get();
        Rules rules = build();
        // rules read while a change was committing are used once but not kept
        if (generation.get() == before) {
            cache.set(new Cached(rules, Instant.now()));
        }
        return rules;
    }

    /**
     * Forgets the cached rules so that the next read builds them from the database; again after the changing
     * transaction commits, so that a read in between cannot keep the old rules cached.
     */
    public void changed() {
        generation.incrementAndGet();
        cache.set(null);
        io.tiski.ticket.service.TransactionEnd.then(transactions, () -> {
            generation.incrementAndGet();
            cache.set(null);
        });
    }

    private Rules build() {
        Map<UUID, BusinessCalendar> calendars = new LinkedHashMap<>();
        StoredCalendar.<StoredCalendar>listAll().forEach(c -> calendars.put(c.id, domain(c)));
        List<SlaPolicy> policies = new ArrayList<>();
        Map<String, BusinessCalendar> byPolicy = new LinkedHashMap<>();
        for (StoredSlaPolicy p : StoredSlaPolicy.<StoredSlaPolicy>find("active = true order by position, name")
                .list()) {
            BusinessCalendar calendar = p.calendarId == null ? null : calendars.get(p.calendarId);
            policies.add(domain(p.id.toString(), p.name, p.position, read(p.definition, Definition.class),
                    calendar == null ? null : calendar.name()));
            if (calendar != null) {
                byPolicy.put(p.id.toString(), calendar);
            }
        }
        return new Rules(List.copyOf(policies), Map.copyOf(byPolicy));
    }

    // ---- mapping ----

    private SlaPolicy domain(String id, String name, int position, Definition d, String calendarName) {
        if (d.targets() == null || d.targets().isEmpty()) {
            throw new IllegalArgumentException("targets: name at least one of firstResponse, nextResponse, "
                    + "resolution");
        }
        Map<SlaTarget, SlaPolicy.TargetSpec> targets = new EnumMap<>(SlaTarget.class);
        d.targets().forEach((name2, target) -> targets.put(target(name2), new SlaPolicy.TargetSpec(
                duration("targets." + name2 + ".time", target.time()), target.businessHours())));
        Conditions c = d.conditions();
        SlaPolicy.Conditions conditions = new SlaPolicy.Conditions(set(c.priorities()), set(c.channels()),
                set(c.brands()), set(c.teams()), set(c.customerGroups()), set(c.types()));
        Duration lead = d.warningLead() == null || d.warningLead().isBlank() ? null
                : duration("warningLead", d.warningLead());
        if (d.warningShare() != null && (d.warningShare() <= 0 || d.warningShare() >= 1)) {
            throw new IllegalArgumentException("warningShare must be between 0 and 1, e.g. 0.8");
        }
        if (lead != null && d.warningShare() != null) {
            throw new IllegalArgumentException("give either warningLead or warningShare, not both");
        }
        Escalation e = d.escalation();
        if (e != null && e.notifyAddresses() != null) {
            for (String address : e.notifyAddresses()) {
                if (address == null || address.length() > 254
                        || !address.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw new IllegalArgumentException("escalation.notify: '" + address + "' is not an email address");
                }
            }
        }
        if (e != null && e.raisePriorityTo() != null && !e.raisePriorityTo().isBlank() && !List.of("LOW", "NORMAL",
                "HIGH", "URGENT").contains(e.raisePriorityTo().strip().toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("escalation.raisePriorityTo must be LOW, NORMAL, HIGH or URGENT");
        }
        SlaPolicy.Escalation escalation = e == null ? SlaPolicy.Escalation.NONE : new SlaPolicy.Escalation(
                blankToNull(e.raisePriorityTo()) == null ? null : e.raisePriorityTo().strip().toUpperCase(Locale.ROOT),
                blankToNull(e.reassignTo()), e.notifyAddresses());
        return new SlaPolicy(id, name, position, conditions, targets, calendarName, d.pauseOnHold(), lead,
                d.warningShare(), escalation);
    }

    BusinessCalendar domain(StoredCalendar c) {
        Map<LocalDate, BusinessCalendar.DayException> exceptions = new TreeMap<>();
        StoredCalendarException.<StoredCalendarException>list("key.calendarId", c.id).forEach(x -> exceptions.put(
                x.key.day(), new BusinessCalendar.DayException(x.label, OpeningHours.parseList(x.openingHours))));
        return new BusinessCalendar(c.name, ZoneId.of(c.timeZone), weekly(read(c.weeklyHours, WEEKLY)),
                holidaySets(c.publicHolidays.isBlank() ? List.of() : Arrays.asList(c.publicHolidays.split(","))),
                exceptions);
    }

    private Calendar view(StoredCalendar c) {
        List<DayException> exceptions = StoredCalendarException.<StoredCalendarException>find(
                "key.calendarId = ?1 order by key.day", c.id).list().stream().map(x -> new DayException(x.key.day(),
                        x.label, OpeningHours.parseList(x.openingHours).stream().map(OpeningHours::toString)
                                .toList(), x.source)).toList();
        return new Calendar(c.id.toString(), c.name, c.timeZone, read(c.weeklyHours, WEEKLY),
                c.publicHolidays.isBlank() ? List.of() : Arrays.asList(c.publicHolidays.split(",")), exceptions);
    }

    private Policy view(StoredSlaPolicy p, String calendarName) {
        Definition d = read(p.definition, Definition.class);
        return new Policy(p.id.toString(), p.name, p.position, p.active, d.conditions(), d.targets(), calendarName,
                d.pauseOnHold(), d.warningLead(), d.warningShare(), d.escalation());
    }

    static Map<DayOfWeek, List<OpeningHours>> weekly(Map<String, List<String>> weeklyHours) {
        Map<DayOfWeek, List<OpeningHours>> weekly = new EnumMap<>(DayOfWeek.class);
        if (weeklyHours == null) {
            return weekly;
        }
        weeklyHours.forEach((day, spans) -> {
            DayOfWeek dayOfWeek = dayOfWeek(day);
            weekly.put(dayOfWeek, OpeningHours.ordered(spans == null ? List.of()
                    : spans.stream().map(OpeningHours::parse).toList()));
        });
        return weekly;
    }

    private static Map<String, List<String>> formatWeekly(Map<DayOfWeek, List<OpeningHours>> weekly) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpeningHours> spans = weekly.getOrDefault(day, List.of());
            if (!spans.isEmpty()) {
                out.put(day.name(), spans.stream().map(OpeningHours::toString).toList());
            }
        }
        return out;
    }

    private static DayOfWeek dayOfWeek(String day) {
        String upper = day.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(upper) || d.name().startsWith(upper) && upper.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("weeklyHours: '" + day + "' is not a day of the week (MONDAY … SUNDAY)");
    }

    static Set<PublicHolidays> holidaySets(List<String> names) {
        Set<PublicHolidays> sets = EnumSet.noneOf(PublicHolidays.class);
        if (names == null) {
            return sets;
        }
        for (String name : names) {
            try {
                sets.add(PublicHolidays.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("publicHolidays: '" + name + "' is not one of "
                        + Arrays.toString(PublicHolidays.values()));
            }
        }
        return sets;
    }

    private static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone == null || timeZone.isBlank() ? "Europe/Helsinki" : timeZone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone: '" + timeZone + "' is not a time zone such as "
                    + "Europe/Helsinki");
        }
    }

    private static SlaTarget target(String name) {
        String normal = name.strip().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return SlaTarget.valueOf(normal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("targets: '" + name + "' is not firstResponse, nextResponse or "
                    + "resolution");
        }
    }

    private static Duration duration(String field, String text) {
        try {
            Duration d = Duration.parse(text.strip());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(field + " must be positive");
            }
            return d;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith(field)) {
                throw e;
            }
            throw new IllegalArgumentException(field + ": '" + text + "' is not an ISO-8601 duration such as PT4H "
                    + "or PT30M");
        }
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values.stream().filter(v -> v != null && !v.isBlank())
                .toList());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private StoredCalendar storedCalendar(UUID id) {
        StoredCalendar c = StoredCalendar.findById(id);
        if (c == null) {
            throw new NotFoundException("No business calendar " + id);
        }
        return c;
    }

    private StoredSlaPolicy storedPolicy(UUID id) {
        StoredSlaPolicy p = StoredSlaPolicy.findById(id);
        if (p == null) {
            throw new NotFoundException("No SLA policy " + id);
        }
        return p;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored SLA settings are unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored SLA settings are unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
