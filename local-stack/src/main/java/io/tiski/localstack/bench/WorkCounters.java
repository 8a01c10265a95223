package io.tiski.localstack.bench;

import io.tiski.infrastructure.PostgresServer;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The work a run made each part do, counted rather than timed: transactions and rows written per service database
 * (PostgreSQL's own statistics) and requests the broker served by kind (its request metrics, the broker running in
 * this JVM). Unlike CPU time these do not drift with the speed of the machine, so two versions of the code can be
 * compared by them from one run each.
 */
record WorkCounters(Map<String, long[]> databases, Map<String, long[]> ticketTables, Map<String, Long> brokerRequests) {
    /** The service databases whose counters are read. */
    static final List<String> DATABASES = List.of("tiski_ticket", "tiski_notification", "tiski_social_ingest",
            "tiski_email_ingest");
    /** The request kinds of the broker that grow with the traffic. */
    static final List<String> REQUESTS = List.of("Produce", "Fetch", "OffsetCommit", "Heartbeat");

    /**
     * Reads the counters now; a part that cannot be read is left out (and so reads as zero work).
     *
     * @param tickets ticket-service's database, whose tables are counted one by one as well
     */
    static WorkCounters read(PostgresServer.Database tickets) {
        Map<String, long[]> databases = new LinkedHashMap<>();
        Map<String, long[]> tables = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(tickets.jdbcUrl(), tickets.user(), tickets.password());
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT datname, xact_commit, xact_rollback, tup_inserted, "
                    + "tup_updated, tup_deleted, tup_returned + tup_fetched FROM pg_stat_database")) {
                while (rs.next()) {
                    if (rs.getString(1) != null && DATABASES.contains(rs.getString(1))) {
                        databases.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), rs.getLong(6), rs.getLong(7)});
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT relname, coalesce(seq_scan, 0), coalesce(seq_tup_read, 0), "
                    + "coalesce(idx_scan, 0), coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables")) {
                while (rs.next()) {
                    tables.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5)});
                }
            }
        } catch (java.sql.SQLException e) {
            System.out.println("  (PostgreSQL's statistics unreadable: " + e.getMessage() + ")");
        }
        Map<String, Long> requests = new LinkedHashMap<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (String kind : REQUESTS) {
            long count = 0;
            try {
                for (ObjectName name : server.queryNames(new ObjectName(
                        "kafka.network:type=RequestMetrics,name=RequestsPerSec,request=" + kind + ",*"), null)) {
                    count += ((Number) server.getAttribute(name, "Count")).longValue();
                }
            } catch (Exception e) {
                // a broker elsewhere: no request counts
            }
            requests.put(kind, count);
        }
        return new WorkCounters(databases, tables, requests);
    }

    /**
     * Prints what happened between {@code before} and this reading, per message. PostgreSQL's statistics reach
     * pg_stat_database up to a second late (each backend reports at most every 500 ms), so read it a little after
     * the run.
     */
    void printSince(WorkCounters before, int messages) {
        System.out.printf("%n| database | commits per message | rollbacks | rows inserted | updated | deleted | "
                + "rows read |%n| --- | --- | --- | --- | --- | --- | --- |%n");
        databases.forEach((name, after) -> {
            long[] was = before.databases.getOrDefault(name, new long[after.length]);
            System.out.printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f |%n", name,
                    per(after[0] - was[0], messages), per(after[1] - was[1], messages),
                    per(after[2] - was[2], messages), per(after[3] - was[3], messages),
                    per(after[4] - was[4], messages), per(after[5] - was[5], messages));
        });
        System.out.printf("%n| ticket-service table (most rows read) | sequential scans per message | rows read by them "
                + "| index scans | rows fetched by them |%n| --- | --- | --- | --- | --- |%n");
        ticketTables.entrySet().stream().map(e -> {
            long[] was = before.ticketTables.getOrDefault(e.getKey(), new long[e.getValue().length]);
            long[] delta = new long[e.getValue().length];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = e.getValue()[i] - was[i];
            }
            return Map.entry(e.getKey(), delta);
        }).filter(e -> e.getValue()[1] + e.getValue()[3] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[1] + b.getValue()[3], a.getValue()[1] + a.getValue()[3]))
                .limit(8).forEach(e -> System.out.printf("| %s | %.2f | %.1f | %.2f | %.1f |%n", e.getKey(),
                        per(e.getValue()[0], messages), per(e.getValue()[1], messages), per(e.getValue()[2], messages),
                        per(e.getValue()[3], messages)));
        System.out.printf("%n| broker requests per message |");
        brokerRequests.keySet().forEach(kind -> System.out.printf(" %s |", kind));
        System.out.printf("%n| --- |");
        brokerRequests.keySet().forEach(kind -> System.out.print(" --- |"));
        System.out.printf("%n| |");
        brokerRequests.forEach((kind, after) -> System.out.printf(" %.2f |",
                per(after - before.brokerRequests.getOrDefault(kind, 0L), messages)));
        System.out.println();
    }

    private static double per(long count, int messages) {
        return (double) count / Math.max(1, messages);
    }
}
