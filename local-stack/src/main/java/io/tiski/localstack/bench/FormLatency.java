package io.tiski.localstack.bench;

import io.tiski.infrastructure.PostgresServer;
import io.tiski.localstack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop's contact form under load: customers submit it over HTTP to email-ingest-service at a steady rate or in
 * bursts ({@link Pace}), open loop (each submission leaves at its scheduled time whether or not earlier ones were
 * answered, and its latencies count from that time). Each customer has an address of their own and comes from an
 * address of their own, which the shop's reverse proxy forwards (X-Forwarded-For, trusted as with
 * {@code TISKI_TRUST_PROXY=true}), so the per-address rate limits apply as in production and refuse nobody.
 *
 * <p>Measured: the form's answer (what the customer's browser waits for), the time until the submission is a
 * ticket message the API shows (its commit), and until the mail server accepted its acknowledgement; CPU and peak
 * RSS of each service. The run checks that every accepted submission is exactly one ticket message in a ticket of
 * its own, with exactly one acknowledgement sent.
 *
 * <pre>./tiski bench forms [submissions] [per-second] [steady|burst:5x10s/60s]</pre>
 */
public final class FormLatency {
    private static final Pattern SUBMISSION_ID = Pattern.compile("\"submissionId\"\\s*:\\s*\"([^\"]+)\"");

    private FormLatency() {
    }

    public static void main(String[] args) throws Exception {
        int submissions = args.length > 0 ? Integer.parseInt(args[0]) : 6_000;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Pace pace = Pace.of(perSecond, args.length > 2 ? args[2] : "steady");
        int warmUp = Math.max(100, Math.min(3_000, submissions / 2));
        io.tiski.localstack.ServiceProcess.runAtFullSpeed();
        // the customers reach the form through the shop's reverse proxy, which forwards each one's address
        LocalStack.Settings settings = LocalStack.Settings.throwaway("bench-forms", "bench-token-"
                + UUID.randomUUID()).withEveryService(Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                        "quarkus.http.proxy.allow-x-forwarded", "true"));
        try (LocalStack stack = LocalStack.start(settings, System.out::println)) {
            LongSupplier mailsToCustomers = stack.mail().discardMailExceptTo(List.of(
                    stack.settings().supportAddress()));
            String url = stack.service(LocalStack.EMAIL_INGEST).url() + "/api/v1/contact-form";
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            PostgresServer.Database tickets = stack.database("tiski_ticket");
            PostgresServer.Database notifications = stack.database("tiski_notification");

            System.out.printf("Warming up: %,d submissions at %,d/s, not measured…%n", warmUp, perSecond);
            Submitted warm = submit(client, url, "warm", warmUp, Pace.steady(perSecond));
            awaitTickets(tickets, warm.accepted(), Duration.ofMinutes(10));
            awaitAcknowledgements(tickets, warm.accepted(), Duration.ofMinutes(10));

            Instant measuredFrom = Instant.now();
            Map<String, Long> cpuBefore = ProcessReadings.cpu(stack);
            long postgresBefore = ProcessReadings.postgresTicks();
            long[] machineBefore = ProcessReadings.machineTicks();
            long mailsBefore = mailsToCustomers.getAsLong();
            Map<String, Long> peakRss = new ConcurrentHashMap<>();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    ProcessReadings.rss(stack).forEach((service, kb) -> peakRss.merge(service, kb, Math::max));
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-rss");
            sampler.setDaemon(true);
            sampler.start();

            System.out.printf("Submitting %,d contact forms at %s…%n", submissions, pace.describe());
            Submitted run = submit(client, url, "bench", submissions, pace);
            Instant sent = Instant.now();
            awaitTickets(tickets, run.accepted(), Duration.ofMinutes(10));
            Instant persisted = Instant.now();
            awaitAcknowledgements(tickets, run.accepted(), Duration.ofMinutes(10));
            sampler.interrupt();
            Map<String, Long> cpuAfter = ProcessReadings.cpu(stack);
            long postgresTicks = ProcessReadings.postgresTicks() - postgresBefore;
            long[] machineAfter = ProcessReadings.machineTicks();
            long mailsAccepted = mailsToCustomers.getAsLong() - mailsBefore;

            report(run, submissions, pace, tickets, notifications, mailsAccepted);
            System.out.printf("%nAll %,d submissions sent %.0f s after the first; the last persisted %.0f s after "
                    + "that%n", submissions, Duration.between(run.sent().start(), sent).toMillis() / 1000.0,
                    Duration.between(sent, persisted).toMillis() / 1000.0);
            double wall = Duration.between(measuredFrom, Instant.now()).toMillis() / 10.0; // in ticks of 1/100 s
            System.out.printf("%n| service | CPU over the run | CPU per submission | peak RSS |%n| --- | --- | --- | "
                    + "--- |%n");
            for (Map.Entry<String, Long> entry : new LinkedHashMap<>(cpuAfter).entrySet()) {
                long ticks = entry.getValue() - cpuBefore.getOrDefault(entry.getKey(), 0L);
                Long rss = peakRss.get(entry.getKey());
                System.out.printf("| %s | %.0f %% of a core | %.2f ms | %s |%n", entry.getKey(), 100 * ticks / wall,
                        ticks * 10.0 / submissions, rss == null ? "" : rss / 1024 + " MB");
            }
            System.out.printf("| PostgreSQL (all processes) | %.0f %% of a core | %.2f ms | |%n",
                    100 * postgresTicks / wall, postgresTicks * 10.0 / submissions);
            System.out.printf("| machine | %.0f %% busy | | |%n", 100.0 * (machineAfter[0] - machineBefore[0])
                    / Math.max(1, machineAfter[1] - machineBefore[1]));
        }
    }

    /** What a run sent: the open loop's answers, and each accepted submission's id with its scheduled time. */
    record Submitted(OpenLoop.Result sent, Map<String, Instant> accepted) {
    }

    private static Submitted submit(HttpClient client, String url, String run, int submissions, Pace pace)
            throws Exception {
        Map<String, Instant> accepted = new ConcurrentHashMap<>();
        String[] languages = {"fi", "sv", "en"};
        OpenLoop.Result sent = OpenLoop.send(client, submissions, pace, (i, scheduled) -> {
            String customer = "form-" + run + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            String body = "{\"name\":\"Asiakas " + i + "\",\"email\":\"" + customer + "@example.fi\","
                    + "\"subject\":\"Tilaus " + (100_000 + i) + "\",\"message\":\"Hei, tilaukseni " + (100_000 + i)
                    + " ei ole vielä saapunut. Voitteko tarkistaa, missä paketti on?\",\"orderNumber\":\""
                    + (100_000 + i) + "\",\"language\":\"" + languages[i % 3] + "\"}";
            return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("X-Forwarded-For", "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }, (i, scheduled, response) -> {
            if (response != null && response.statusCode() == 202) {
                Matcher id = SUBMISSION_ID.matcher(response.body());
                if (id.find()) {
                    accepted.put(id.group(1), scheduled);
                }
            }
        });
        return new Submitted(sent, accepted);
    }

    /** Waits until every accepted submission is a ticket message, printing progress every ten seconds. */
    private static void awaitTickets(PostgresServer.Database tickets, Map<String, Instant> accepted, Duration atMost)
            throws Exception {
        awaitCount(tickets, "SELECT count(*) FROM ticket_message WHERE source_message_id = ANY (?)", accepted,
                atMost, "persisted");
    }

    /** Waits until every accepted submission's ticket reports its acknowledgement sent. */
    private static void awaitAcknowledgements(PostgresServer.Database tickets, Map<String, Instant> accepted,
            Duration atMost) throws Exception {
        awaitCount(tickets, "SELECT count(*) FROM outbound_request r JOIN ticket t ON t.id = r.ticket_id WHERE "
                + "r.kind = 'ACKNOWLEDGEMENT' AND r.status = 'SENT' AND t.conversation_key = ANY (?)",
                conversationKeys(accepted), atMost, "acknowledged");
    }

    private static Map<String, Instant> conversationKeys(Map<String, Instant> accepted) {
        Map<String, Instant> keys = new HashMap<>();
        accepted.forEach((id, at) -> keys.put("contact-form:" + id, at));
        return keys;
    }

    private static void awaitCount(PostgresServer.Database db, String sql, Map<String, Instant> ids, Duration atMost,
            String what) throws Exception {
        Instant until = Instant.now().plus(atMost);
        Instant nextProgress = Instant.now().plusSeconds(10);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement st = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("text", ids.keySet().toArray());
            st.setArray(1, array);
            while (true) {
                long count;
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                }
                if (count >= ids.size()) {
                    return;
                }
                if (Instant.now().isAfter(until)) {
                    System.out.printf("Only %,d of %,d %s after %s; reporting what there is%n", count, ids.size(),
                            what, atMost);
                    return;
                }
                if (Instant.now().isAfter(nextProgress)) {
                    System.out.printf("  %,d / %,d %s%n", count, ids.size(), what);
                    nextProgress = Instant.now().plusSeconds(10);
                }
                Thread.sleep(500);
            }
        }
    }

    private static void report(Submitted run, int submissions, Pace pace, PostgresServer.Database tickets,
            PostgresServer.Database notifications, long mailsAccepted) throws Exception {
        List<Long> answers = run.sent().sortedAnswerMillis();
        Instant start = run.sent().start();
        Map<String, Instant> accepted = run.accepted();
        List<Long> toApi = new ArrayList<>();
        List<long[]> toApiBySend = new ArrayList<>();
        List<long[]> toAcknowledgementBySend = new ArrayList<>();
        Map<String, Long> messagesPerSubmission = new HashMap<>();
        Map<String, String> requestOfConversation = new HashMap<>();
        long ticketsOpened;
        try (Connection c = DriverManager.getConnection(tickets.jdbcUrl(), tickets.user(), tickets.password())) {
            Array ids = c.createArrayOf("text", accepted.keySet().toArray());
            try (PreparedStatement st = c.prepareStatement("SELECT source_message_id, "
                    + "coalesce(pg_xact_commit_timestamp(xmin), created_at) FROM ticket_message "
                    + "WHERE source_message_id = ANY (?)")) {
                st.setArray(1, ids);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        if (messagesPerSubmission.merge(id, 1L, Long::sum) == 1) {
                            long latency = Duration.between(accepted.get(id), rs.getTimestamp(2).toInstant())
                                    .toMillis();
                            toApi.add(latency);
                            toApiBySend.add(new long[] {Duration.between(start, accepted.get(id)).toMillis(),
                                    latency});
                        }
                    }
                }
            }
            Array keys = c.createArrayOf("text", conversationKeys(accepted).keySet().toArray());
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM ticket WHERE conversation_key = "
                    + "ANY (?)")) {
                st.setArray(1, keys);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    ticketsOpened = rs.getLong(1);
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT r.id::text, t.conversation_key FROM outbound_request "
                    + "r JOIN ticket t ON t.id = r.ticket_id WHERE r.kind = 'ACKNOWLEDGEMENT' AND t.conversation_key "
                    + "= ANY (?)")) {
                st.setArray(1, keys);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        requestOfConversation.put(rs.getString(1), rs.getString(2).substring("contact-form:".length()));
                    }
                }
            }
        }
        List<Long> toAcknowledgement = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(notifications.jdbcUrl(), notifications.user(),
                notifications.password()); PreparedStatement st = c.prepareStatement("SELECT request_id, sent_at "
                        + "FROM outbound_delivery WHERE kind = 'ACKNOWLEDGEMENT' AND status = 'SENT' AND request_id = "
                        + "ANY (?)")) {
            st.setArray(1, c.createArrayOf("text", requestOfConversation.keySet().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Instant at = accepted.get(requestOfConversation.get(rs.getString(1)));
                    long latency = Duration.between(at, rs.getTimestamp(2).toInstant()).toMillis();
                    toAcknowledgement.add(latency);
                    toAcknowledgementBySend.add(new long[] {Duration.between(start, at).toMillis(), latency});
                }
            }
        }
        Collections.sort(toApi);
        Collections.sort(toAcknowledgement);
        List<double[]> offered = IngestThroughput.offered(pace, submissions);
        java.nio.file.Path plot = Plots.write(Plots.outputDirectory().resolve("forms-" + (pace.steady() ? "steady"
                : "bursts") + "-" + pace.perSecond() + "-per-s-latency.png"), String.format(
                "Contact forms: latency over the run, %s", pace.describe()), "sent at (s into the run)",
                "latency (s) / offered (hundreds a second)", List.of(
                        new Plots.Line("offered (100/s)", offered.stream().map(p -> new double[] {p[0], p[1] / 100})
                                .toList()),
                        new Plots.Line("answer p99", Latencies.perSecond(run.sent().answerBySend(), 99)),
                        new Plots.Line("→ API p99", Latencies.perSecond(toApiBySend, 99)),
                        new Plots.Line("acknowledgement sent p99", Latencies.perSecond(
                                toAcknowledgementBySend, 99))), false);
        System.out.printf("%nPlot: %s%n", plot);
        long doubled = messagesPerSubmission.values().stream().filter(n -> n > 1).count();
        System.out.printf("%n| offered | submissions | answered 202 | other answers | answer p50 | p95 | p99 | max | "
                + "→ API p50 | p95 | p99 | max | acknowledgement p50 | p95 | p99 |%n| --- | --- | --- | --- | --- | --- "
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |%n");
        Map<Integer, Integer> others = new HashMap<>(run.sent().statuses());
        int ok = others.getOrDefault(202, 0);
        others.remove(202);
        System.out.printf("| %s | %,d | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                pace.describe(), submissions, ok, others.isEmpty() ? "none" : others,
                Latencies.millis(answers, 50), Latencies.millis(answers, 95), Latencies.millis(answers, 99),
                Latencies.millis(answers, 100), Latencies.millis(toApi, 50), Latencies.millis(toApi, 95),
                Latencies.millis(toApi, 99), Latencies.millis(toApi, 100), Latencies.millis(toAcknowledgement, 50),
                Latencies.millis(toAcknowledgement, 95), Latencies.millis(toAcknowledgement, 99));
        boolean exact = ok == submissions && accepted.size() == submissions && toApi.size() == submissions
                && doubled == 0 && ticketsOpened == submissions && toAcknowledgement.size() == submissions
                && mailsAccepted == submissions;
        System.out.printf("%n%s: %,d accepted, %,d ticket messages (%,d submissions with more than one), %,d tickets, "
                + "%,d acknowledgements sent, %,d accepted by the customers' mail server%n", exact ? "Exact"
                : "NOT EXACT", accepted.size(), toApi.size(), doubled, ticketsOpened, toAcknowledgement.size(),
                mailsAccepted);
    }

}
