package io.tiski.ticket.service.report;

import io.tiski.ticket.domain.report.Distribution;
import io.tiski.ticket.domain.report.Seasonality;
import io.tiski.ticket.domain.sla.BusinessCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The service reports: volumes, when customers write, how fast they are answered, SLA attainment, backlog. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Reports {
    /** The longest range one report covers. */
    static final int MAX_DAYS = 800;

    private final EntityManager entityManager;

    Reports(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Which tickets a report covers: created on the local dates from–to (inclusive) in {@code zone}, optionally of
     * one brand and one team.
     */
    public record Scope(LocalDate from, LocalDate to, ZoneId zone, String brand, String team) {
        public Scope {
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("to must not be before from");
            }
            if (from.plusDays(MAX_DAYS).isBefore(to)) {
                throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days");
            }
        }

        Instant start() {
            return from.atStartOfDay(zone).toInstant();
        }

        Instant end() {
            return to.plusDays(1).atStartOfDay(zone).toInstant();
        }
    }

    public record VolumeRow(LocalDate date, String channel, long tickets, long customerMessages) {
    }

    public record HeatCell(String channel, int isoDayOfWeek, int hour, long messages) {
    }

    public record Times(String channel, Distribution firstResponse, Distribution firstResponseBusiness,
            Distribution resolution, Distribution resolutionBusiness, long unanswered, long unresolved) {
    }

    public record Attainment(String policy, String team, String target, long met, long breached, long running,
            Double attainment) {
    }

    public record BacklogDay(LocalDate date, long open) {
    }

    /** Tickets of one contact reason on one channel ("ALL" for every channel); reason null: none chosen yet. */
    public record ReasonCount(String channel, String reason, String label, long tickets, double share) {
    }

    public record SeasonalWeek(LocalDate weekStart, long tickets, Long orders) {
    }

    public record SeasonalView(List<SeasonalWeek> weeks, Seasonality.Result analysis) {
    }

    public List<VolumeRow> volume(Scope scope) {
        Map<String, long[]> rows = new TreeMap<>();
        for (Object[] r : rows(scope, "SELECT (t.created_at AT TIME ZONE :zone)::date AS d, t.channel, count(*) "
                + "FROM ticket t WHERE " + ticketScope() + " GROUP BY 1, 2")) {
            rows.computeIfAbsent(r[0] + "|" + r[1], k -> new long[2])[0] = ((Number) r[2]).longValue();
        }
        for (Object[] r : rows(scope, "SELECT (m.created_at AT TIME ZONE :zone)::date AS d, t.channel, count(*) "
                + "FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id WHERE m.direction = 'INBOUND' "
                + "AND m.created_at >= :start AND m.created_at < :end" + brandTeam() + " GROUP BY 1, 2")) {
            rows.computeIfAbsent(r[0] + "|" + r[1], k -> new long[2])[1] = ((Number) r[2]).longValue();
        }
        List<VolumeRow> result = new ArrayList<>();
        rows.forEach((key, counts) -> {
            String[] parts = key.split("\\|");
            result.add(new VolumeRow(LocalDate.parse(parts[0]), parts[1], counts[0], counts[1]));
        });
        return result;
    }

    /** Customer messages per channel, ISO day of week (1 = Monday) and local hour. */
    public List<HeatCell> heatMap(Scope scope) {
        List<HeatCell> cells = new ArrayList<>();
        for (Object[] r : rows(scope, "SELECT t.channel, extract(isodow FROM m.created_at AT TIME ZONE :zone)::int, "
                + "extract(hour FROM m.created_at AT TIME ZONE :zone)::int, count(*) FROM ticket_message m "
                + "JOIN ticket t ON t.id = m.ticket_id WHERE m.direction = 'INBOUND' AND m.created_at >= :start "
                + "AND m.created_at < :end" + brandTeam() + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")) {
            cells.add(new HeatCell((String) r[0], ((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                    ((Number) r[3]).longValue()));
        }
        return cells;
    }

    /**
     * First response (ticket created → first agent reply) and resolution (created → solved, for tickets solved or
     * closed now) per channel and overall ("ALL"), in calendar time and in the business hours of {@code calendar}.
     */
    public List<Times> times(Scope scope, BusinessCalendar calendar) {
        Map<String, List<Duration>[]> byChannel = new TreeMap<>();
        Map<String, long[]> missing = new HashMap<>();
        for (Object[] r : rows(scope, "SELECT t.channel, t.created_at, "
                + "(SELECT min(m.created_at) FROM ticket_message m WHERE m.ticket_id = t.id "
                + "AND m.kind = 'AGENT_REPLY'), "
                + "CASE WHEN t.status IN ('SOLVED', 'CLOSED') THEN (SELECT min(a.at) FROM ticket_audit a "
                + "WHERE a.ticket_id = t.id AND a.action = 'STATUS_CHANGED' AND a.after = 'SOLVED' AND NOT EXISTS "
                + "(SELECT 1 FROM ticket_audit b WHERE b.ticket_id = t.id AND b.action = 'STATUS_CHANGED' "
                + "AND b.at > a.at AND b.after NOT IN ('SOLVED', 'CLOSED'))) END "
                + "FROM ticket t WHERE " + ticketScope() + " AND t.channel NOT IN ('PHONE', 'IN_PERSON')")) {
            String channel = (String) r[0];
            Instant created = instant(r[1]);
            Instant replied = instant(r[2]);
            Instant solved = instant(r[3]);
            for (String key : List.of(channel, "ALL")) {
                @SuppressWarnings("unchecked")
                List<Duration>[] lists = byChannel.computeIfAbsent(key, k -> new List[] {new ArrayList<>(),
                        new ArrayList<>(), new ArrayList<>(), new ArrayList<>()});
                long[] miss = missing.computeIfAbsent(key, k -> new long[2]);
                if (replied != null) {
                    lists[0].add(Duration.between(created, replied));
                    if (calendar != null) {
                        lists[1].add(calendar.between(created, replied));
                    }
                } else {
                    miss[0]++;
                }
                if (solved != null) {
                    lists[2].add(Duration.between(created, solved));
                    if (calendar != null) {
                        lists[3].add(calendar.between(created, solved));
                    }
                } else {
                    miss[1]++;
                }
            }
        }
        List<Times> result = new ArrayList<>();
        byChannel.forEach((channel, lists) -> result.add(new Times(channel, Distribution.of(lists[0]),
                calendar == null ? null : Distribution.of(lists[1]), Distribution.of(lists[2]),
                calendar == null ? null : Distribution.of(lists[3]), missing.get(channel)[0],
                missing.get(channel)[1])));
        return result;
    }

    /** Per policy, team and target: clocks met, breached and still running, for tickets created in the scope. */
    public List<Attainment> attainment(Scope scope) {
        List<Attainment> result = new ArrayList<>();
        for (Object[] r : rows(scope, "SELECT coalesce(p.name, '(removed policy)'), coalesce(t.team, ''), c.target, "
                + "count(*) FILTER (WHERE c.state = 'MET'), count(*) FILTER (WHERE c.state = 'BREACHED'), "
                + "count(*) FILTER (WHERE c.state IN ('RUNNING', 'PAUSED')) FROM ticket_sla_clock c "
                + "JOIN ticket t ON t.id = c.ticket_id LEFT JOIN sla_policy p ON p.id = c.policy_id WHERE "
                + ticketScope() + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")) {
            long met = ((Number) r[3]).longValue();
            long breached = ((Number) r[4]).longValue();
            result.add(new Attainment((String) r[0], ((String) r[1]).isEmpty() ? null : (String) r[1],
                    (String) r[2], met, breached, ((Number) r[5]).longValue(),
                    met + breached == 0 ? null : (double) met / (met + breached)));
        }
        return result;
    }

    /** The top contact reasons overall ("ALL") and per channel, most tickets first, with their share. */
    /** Satisfaction per team: answered surveys of tickets created in the period, and the share rated good. */
    public record Satisfaction(String team, long sent, long answered, long good, long bad, Double score,
            Double responseRate) {
    }

    /** Satisfaction overall (team ALL) and per team; score is good / answered, null without answers. */
    public List<Satisfaction> satisfaction(Scope scope) {
        List<Satisfaction> result = new ArrayList<>();
        long[] all = new long[4];
        List<Object[]> rows = rows(scope, "SELECT coalesce(t.team, ''), count(s.requested_at), count(s.answered_at), "
                + "count(*) FILTER (WHERE s.rating = 'GOOD'), count(*) FILTER (WHERE s.rating = 'BAD') "
                + "FROM satisfaction_survey s JOIN ticket t ON t.id = s.ticket_id WHERE s.requested_at IS NOT NULL "
                + "AND " + ticketScope() + " GROUP BY 1 ORDER BY 1");
        for (Object[] r : rows) {
            long[] n = {((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue()};
            for (int i = 0; i < 4; i++) {
                all[i] += n[i];
            }
            result.add(satisfaction(((String) r[0]).isEmpty() ? null : (String) r[0], n));
        }
        result.add(0, satisfaction("ALL", all));
        return result;
    }

    private static Satisfaction satisfaction(String team, long[] n) {
        return new Satisfaction(team, n[0], n[1], n[2], n[3], n[1] == 0 ? null : (double) n[2] / n[1],
                n[0] == 0 ? null : (double) n[1] / n[0]);
    }

    public List<ReasonCount> contactReasons(Scope scope, String language) {
        Map<String, String> labels = new HashMap<>();
        String column = switch (language == null ? "en" : language) {
            case "fi" -> "label_fi";
            case "sv" -> "label_sv";
            default -> "label_en";
        };
        @SuppressWarnings("unchecked")
        List<Object[]> named = entityManager.createNativeQuery("SELECT code, " + column + " FROM contact_reason")
                .getResultList();
        named.forEach(r -> labels.put((String) r[0], (String) r[1]));
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (Object[] r : rows(scope, "SELECT t.channel, t.contact_reason, count(*) FROM ticket t WHERE "
                + ticketScope() + " GROUP BY 1, 2")) {
            long n = ((Number) r[2]).longValue();
            String reason = r[1] == null ? "" : (String) r[1];
            counts.computeIfAbsent("ALL", k -> new HashMap<>()).merge(reason, n, Long::sum);
            counts.computeIfAbsent((String) r[0], k -> new HashMap<>()).merge(reason, n, Long::sum);
        }
        List<ReasonCount> result = new ArrayList<>();
        List<String> channels = new ArrayList<>(counts.keySet());
        channels.remove("ALL");
        channels.add(0, "ALL");
        for (String channel : channels) {
            Map<String, Long> byReason = counts.get(channel);
            long total = byReason.values().stream().mapToLong(Long::longValue).sum();
            byReason.entrySet().stream().sorted((a, b) -> a.getValue().equals(b.getValue())
                    ? a.getKey().compareTo(b.getKey()) : Long.compare(b.getValue(), a.getValue()))
                    .forEach(e -> result.add(new ReasonCount(channel, e.getKey().isEmpty() ? null : e.getKey(),
                            e.getKey().isEmpty() ? "(no reason chosen)" : labels.getOrDefault(e.getKey(), e.getKey()),
                            e.getValue(), (double) e.getValue() / total)));
        }
        return result;
    }

    /** Tickets not solved or closed at the end of each day (in the zone), whenever they were created. */
    public List<BacklogDay> backlog(Scope scope) {
        List<BacklogDay> result = new ArrayList<>();
        for (Object[] r : rows(scope, "SELECT d::date, (SELECT count(*) FROM ticket t WHERE t.created_at < "
                + "(d + interval '1 day') AT TIME ZONE :zone" + brandTeam() + " AND coalesce((SELECT a.after "
                + "FROM ticket_audit a WHERE a.ticket_id = t.id AND a.action = 'STATUS_CHANGED' AND a.at < "
                + "(d + interval '1 day') AT TIME ZONE :zone ORDER BY a.at DESC, a.id DESC LIMIT 1), 'NEW') NOT IN "
                + "('SOLVED', 'CLOSED')) FROM generate_series(CAST(:fromDate AS timestamp), CAST(:toDate AS "
                + "timestamp), interval '1 day') AS d ORDER BY 1")) {
            result.add(new BacklogDay(date(r[0]), ((Number) r[1]).longValue()));
        }
        return result;
    }

    /** Stores orders per day for a brand (or all brands when blank), replacing the days given. */
    @Transactional
    public int importSales(String brand, Map<LocalDate, Integer> ordersByDay) {
        Instant now = Instant.now();
        for (Map.Entry<LocalDate, Integer> day : ordersByDay.entrySet()) {
            entityManager.createNativeQuery("INSERT INTO sales_day (brand, day, orders, imported_at) VALUES "
                    + "(?1, ?2, ?3, ?4) ON CONFLICT (brand, day) DO UPDATE SET orders = excluded.orders, "
                    + "imported_at = excluded.imported_at").setParameter(1, brand == null ? "" : brand)
                    .setParameter(2, day.getKey()).setParameter(3, day.getValue()).setParameter(4, now)
                    .executeUpdate();
        }
        return ordersByDay.size();
    }

    /** Weekly tickets against weekly orders, the lag between them, and next season's expected load. */
    public SeasonalView seasonal(Scope scope, int forecastWeeks) {
        Map<LocalDate, Integer> tickets = new TreeMap<>();
        for (Object[] r : rows(scope, "SELECT (t.created_at AT TIME ZONE :zone)::date, count(*) FROM ticket t "
                + "WHERE " + ticketScope() + " GROUP BY 1")) {
            tickets.put(date(r[0]), ((Number) r[1]).intValue());
        }
        Map<LocalDate, Integer> orders = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> sales = entityManager.createNativeQuery("SELECT day, orders FROM sales_day WHERE brand = ?1")
                .setParameter(1, scope.brand() == null ? "" : scope.brand()).getResultList();
        for (Object[] r : sales) {
            orders.put(date(r[0]), ((Number) r[1]).intValue());
        }
        Map<LocalDate, long[]> weeks = new LinkedHashMap<>();
        for (LocalDate d = scope.from(); !d.isAfter(scope.to()); d = d.plusDays(1)) {
            LocalDate week = d.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            long[] sums = weeks.computeIfAbsent(week, k -> new long[] {0, 0, 0});
            sums[0] += tickets.getOrDefault(d, 0);
            Integer o = orders.get(d);
            if (o != null) {
                sums[1] += o;
                sums[2]++;
            }
        }
        List<SeasonalWeek> rows = new ArrayList<>();
        weeks.forEach((week, sums) -> rows.add(new SeasonalWeek(week, sums[0], sums[2] == 0 ? null : sums[1])));
        return new SeasonalView(rows, Seasonality.analyse(scope.from(), scope.to(), tickets, orders, 21,
                forecastWeeks));
    }

    private static String ticketScope() {
        return "t.created_at >= :start AND t.created_at < :end" + brandTeam();
    }

    private static String brandTeam() {
        return " AND (CAST(:brand AS text) IS NULL OR t.brand = :brand) AND (CAST(:team AS text) IS NULL "
                + "OR t.team = :team)";
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(Scope scope, String sql) {
        Query query = entityManager.createNativeQuery(sql);
        set(query, sql, "zone", scope.zone().getId());
        set(query, sql, "start", scope.start());
        set(query, sql, "end", scope.end());
        set(query, sql, "brand", scope.brand());
        set(query, sql, "team", scope.team());
        set(query, sql, "fromDate", scope.from().atStartOfDay());
        set(query, sql, "toDate", scope.to().atStartOfDay());
        return query.getResultList();
    }

    private static void set(Query query, String sql, String name, Object value) {
        if (sql.contains(":" + name)) {
            query.setParameter(name, value);
        }
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("unexpected date type " + value.getClass());
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
