package io.tiski.localstack.bench;

import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EmailHeaders;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.infrastructure.PostgresServer;
import io.tiski.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sustained ingest through Kafka into threaded, persisted tickets, with the machine's raw ceilings measured in the
 * same run. An open-loop generator publishes {@code InboundMessageReceived} events onto the inbound topic at a
 * steady rate (each leaves at its scheduled time whatever happened to the ones before; its latency counts from that
 * time): new email conversations and, for {@code replies}% of the messages, replies to an earlier one of the run
 * (same sender, In-Reply-To its Message-ID), which the threading engine must put into that ticket. Measured from the
 * database of ticket-service (what the API reads): messages persisted per second, the time from an event's
 * scheduled send to the commit of its message row (when the API can show it), and from a new ticket's first message
 * to the mail server accepting its acknowledgement (the SMTP 250 as notification-service recorded it); CPU and peak
 * RSS of each service.
 *
 * <p>With the scope {@code ingest}, the services that send (notification-service and social-ingest-service) are
 * stopped after the warm-up and started again once every message is persisted: the run then measures the ingest
 * path alone (the broker, ticket-service and PostgreSQL), and afterwards that every new ticket's acknowledgement
 * still goes out, exactly once. Its acknowledgement latencies would measure the stop, so none are reported.
 *
 * <p>With a pace {@code burst:<factor>x<seconds>s/<seconds>s} the rate rises to {@code factor} times for the burst's
 * length at the end of every period ({@link Pace}); the warm-up stays steady.
 *
 * <pre>./tiski bench ingest 12000 200 0 30 36000 [all|ingest] [steady|burst:5x10s/60s]  # messages, per second,
 * tickets before, reply %, warm-up (default three minutes at the rate, at most 120 000), scope, pace</pre>
 */
public final class IngestThroughput {
    private IngestThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int existing = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int replyShare = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        // on two cores under load the C2 compiler takes a third of a service's CPU for its first three to four minutes
        // (docs/benchmarks.md): measured after three minutes at the rate, as a service that has been running; above
        // what the stack takes in, 120 000 messages are about three minutes of ingest on this machine
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : Math.min(perSecond * 180, 120_000);
        boolean ingestOnly = args.length > 5 && switch (args[5]) {
            case "ingest" -> true;
            case "all" -> false;
            default -> throw new IllegalArgumentException("scope is all (the whole stack, acknowledgements sent as "
                    + "messages arrive) or ingest (the senders stopped while messages are ingested), not " + args[5]);
        };
        // steady, or with bursts (burst:5x10s/60s): the warm-up is always steady
        Pace pace = Pace.of(perSecond, args.length > 6 ? args[6] : "steady");
        List<String> senders = List.of(LocalStack.NOTIFICATION, LocalStack.SOCIAL_INGEST);
        String run = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
        io.tiski.localstack.ServiceProcess.runAtFullSpeed();
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.throwaway("bench", "bench-token-"
                + UUID.randomUUID()), System.out::println);
                Counts counts = new Counts(stack.database("tiski_ticket"))) {
            PostgresServer.Database tickets = stack.database("tiski_ticket");
            // the customers' mail systems take the acknowledgements and count them; storing them for IMAP would
            // take the CPU of the machine the run measures, and nothing reads them back
            java.util.function.LongSupplier mailsToCustomers = stack.mail().discardMailExceptTo(
                    List.of(stack.settings().supportAddress()));
            if (existing > 0) {
                InboxLatency.load(tickets, existing, 3);
            }
            System.out.println("Raw ceilings on this machine, in the same run:");
            PostgresServer.Database ceiling = stack.database("tiski_ceiling");
            RawCeilings.applyTicketSchema(ceiling, stack.settings().root()
                    .resolve("ticket-service/src/main/resources/db/migration"));
            RawCeilings.Rate postgres = RawCeilings.postgresInserts(ceiling, 20_000, 2, replyShare);
            System.out.println("  " + postgres);
            for (RawCeilings.Rate rate : RawCeilings.kafka(stack.kafka().bootstrapServers(), 100_000)) {
                System.out.println("  " + rate);
            }

            if (warmUp > 0) {
                String warm = "warm-" + run;
                System.out.printf("Warming up: %,d messages at %,d/s, not measured…%n", warmUp, perSecond);
                Instant warmStart = Instant.now();
                long warmBaseline = persistedSince(counts, warmStart);
                long warmInserted = insertedMessages(counts);
                int warmTickets = publish(stack.kafka().bootstrapServers(), warm, warmUp, perSecond, replyShare,
                        warmStart.plusSeconds(1), new ConcurrentHashMap<>());
                Instant until = Instant.now().plus(Duration.ofMinutes(10));
                while ((insertedMessages(counts) - warmInserted < nearly(warmUp)
                        || persistedSince(counts, warmStart) - warmBaseline < warmUp
                        || acknowledgedSince(counts, warmStart) < warmTickets) && Instant.now().isBefore(until)) {
                    Thread.sleep(500);
                }
            }
            if (ingestOnly) {
                System.out.printf("Ingest only: stopping %s until every message is persisted%n",
                        String.join(" and ", senders));
                senders.forEach(stack::stop);
            }
            Map<String, Instant> scheduled = new ConcurrentHashMap<>(messages * 2);
            Map<String, Long> peakRss = new ConcurrentHashMap<>();
            List<long[]> timeline = Collections.synchronizedList(new ArrayList<>());
            Readings before = Readings.take(stack, tickets, false);
            long mailsBefore = mailsToCustomers.getAsLong();
            Instant start = Instant.now().plusSeconds(1);
            // a generated data set's newest messages may be dated after now: counted before anything is sent
            long baseline = persistedSince(counts, start);
            long inserted = insertedMessages(counts);
            Thread sampler = new Thread(() -> sample(stack, counts, start, inserted, peakRss, timeline));
            sampler.setDaemon(true);
            sampler.start();
            if (!pace.steady()) {
                System.out.printf("Publishing at %s…%n", pace.describe());
            }
            int newTickets = publish(stack.kafka().bootstrapServers(), run, messages, pace, replyShare, start,
                    scheduled);
            System.out.printf("Published %,d messages (%,d new conversations) in %d s%n", messages, newTickets,
                    Duration.between(start, Instant.now()).toSeconds());
            Instant waitUntil = Instant.now().plus(Duration.ofMinutes(10));
            while ((insertedMessages(counts) - inserted < nearly(messages)
                    || persistedSince(counts, start) - baseline < messages) && Instant.now().isBefore(waitUntil)) {
                Thread.sleep(500);
            }
            Instant drained = Instant.now();
            Readings after = null;
            if (ingestOnly) {
                // the ingest path's work ends here; the acknowledgements' is not part of it
                sampler.interrupt();
                after = Readings.take(stack, tickets, true);
                System.out.printf("Persisted; starting %s again to send the acknowledgements…%n",
                        String.join(" and ", senders));
                senders.forEach(stack::restart);
                waitUntil = Instant.now().plus(Duration.ofMinutes(10));
            }
            while (acknowledgedSince(counts, start) < newTickets && Instant.now().isBefore(waitUntil)) {
                Thread.sleep(500);
            }
            if (!ingestOnly) {
                sampler.interrupt();
                after = Readings.take(stack, tickets, true);
            }
            long mailsAccepted = mailsToCustomers.getAsLong() - mailsBefore;
            report(stack.kafka().bootstrapServers(), tickets, counts, stack.database("tiski_notification"),
                    new Run(run, scheduled, messages, newTickets, pace, existing, start, ingestOnly),
                    new Observed(drained, mailsAccepted, postgres, timeline, peakRss, before, after));
            after.work().printSince(before.work(), messages);
        }
    }

    /**
     * What the run's work cost, read where it starts and where it ends (for the scope {@code ingest}, before the
     * senders start again): CPU per service, PostgreSQL's and the machine's ticks, and the ticket database's work
     * counters.
     */
    private record Readings(Map<String, Long> cpu, long postgresTicks, long[] machineTicks, WorkCounters work,
            Map<String, Long> kernel, long postgresKernelTicks, long machineKernelTicks) {
        /** @param atTheEnd wait for PostgreSQL's statistics, which arrive up to a second late, before counting */
        static Readings take(LocalStack stack, PostgresServer.Database tickets, boolean atTheEnd)
                throws Exception {
            Map<String, Long> cpu = ProcessReadings.cpu(stack);
            Map<String, Long> kernel = ProcessReadings.kernel(stack);
            long postgres = ProcessReadings.postgresTicks();
            long postgresKernel = ProcessReadings.postgresKernelTicks();
            long[] machine = ProcessReadings.machineTicks();
            long machineKernel = ProcessReadings.machineKernelTicks();
            if (atTheEnd) {
                Thread.sleep(1500);
            }
            return new Readings(cpu, postgres, machine, WorkCounters.read(tickets), kernel, postgresKernel,
                    machineKernel);
        }
    }

    /**
     * The open-loop generator; returns how many of the messages open a new conversation. Message {@code i} has the
     * Message-ID {@code <run>-<i>@customer.example}; a new conversation's customer is
     * {@code customer-<run>-<i>@example.fi}, its conversation key {@code email:<its Message-ID>}.
     */
    public static int publish(String bootstrap, String run, int messages, int perSecond, int replyShare, Instant start,
            Map<String, Instant> scheduled) throws Exception {
        return publish(bootstrap, run, messages, Pace.steady(perSecond), replyShare, start, scheduled);
    }

    /** The generator at a {@link Pace}: steady, or with bursts. */
    public static int publish(String bootstrap, String run, int messages, Pace pace, int replyShare, Instant start,
            Map<String, Instant> scheduled) throws Exception {
        Random random = new Random(42);
        List<String[]> conversations = new ArrayList<>(); // sender, Message-ID of the first message
        int newTickets = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < messages; i++) {
                Instant at = start.plusNanos(pace.offsetNanos(i));
                long wait = Duration.between(Instant.now(), at).toNanos();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String messageId = run + "-" + i + "@customer.example";
                boolean reply = !conversations.isEmpty() && random.nextInt(100) < replyShare;
                String sender;
                String subject;
                List<String> inReplyTo;
                if (reply) {
                    String[] conversation = conversations.get(random.nextInt(conversations.size()));
                    sender = conversation[0];
                    subject = "Re: Tilaus " + conversation[2];
                    inReplyTo = List.of(conversation[1]);
                } else {
                    sender = "customer-" + run + "-" + i + "@example.fi";
                    subject = "Tilaus " + i;
                    inReplyTo = List.of();
                    conversations.add(new String[] {sender, messageId, String.valueOf(i)});
                    newTickets++;
                }
                String text = "Hei, tilaukseni " + i
                        + " ei ole vielä saapunut. Voitteko tarkistaa, missä paketti on?";
                InboundMessageReceived event = new InboundMessageReceived(UUID.randomUUID().toString(), at,
                        Channel.EMAIL, messageId, "email:" + (reply ? inReplyTo.get(0) : messageId),
                        "support@localhost", new Participant(sender, "Asiakas " + i),
                        List.of(new Participant("support@localhost", null)), List.of(), subject, text, text, null,
                        "fi", SenderClassification.PERSON, new EmailHeaders(messageId, inReplyTo, inReplyTo, null,
                                null, subject.replace("Re: ", ""), null), List.of(), null, Map.of(), null, null);
                EventEnvelope envelope = EventEnvelope.of(event, "/bench");
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(envelope.topic(), envelope.key(),
                        envelope.value());
                envelope.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                scheduled.put(messageId, at);
                producer.send(record);
            }
            producer.flush();
        }
        return newTickets;
    }

    /**
     * Customer messages stored since {@code since}: while a run (or its warm-up) goes on, nothing else writes any.
     * An index range, where a match on the run's Message-IDs would read every stored message each time (seconds of
     * PostgreSQL's CPU per sample at 1 000 000 tickets, taken from the stack it measures).
     */
    private static long persistedSince(Counts counts, Instant since) throws Exception {
        return counts.count("SELECT count(*) FROM ticket_message WHERE direction = 'INBOUND' AND created_at >= '"
                + since + "'");
    }

    /**
     * Messages inserted into ticket-service's database so far, as PostgreSQL's statistics count them: a catalog read
     * where {@link #persistedSince} counts rows (at 20 000 messages 75 ms of the server's CPU each time, a fifth of
     * what it spent on the stack in a run that sampled every second). Late, and rows of a transaction that rolled
     * back count too: it says when to count exactly ({@link #nearly}), and draws the timeline.
     */
    private static long insertedMessages(Counts counts) throws Exception {
        return counts.count("SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables WHERE relname = "
                + "'ticket_message'");
    }

    /**
     * When to start counting exactly: PostgreSQL 14 reports a connection's inserts at most every half second, and
     * not at all while it stays idle, so the counter can stay a few polls of the consumers short until they write
     * again (after the last message, they may not).
     */
    private static long nearly(long messages) {
        return messages - Math.max(1_000, messages / 20);
    }

    /** Acknowledgements of tickets opened since {@code since} that notification-service reported sent. */
    private static long acknowledgedSince(Counts counts, Instant since) throws Exception {
        return counts.count("SELECT count(*) FROM outbound_request WHERE kind = 'ACKNOWLEDGEMENT' AND status = 'SENT' "
                + "AND requested_at >= '" + since + "'");
    }

    private static String text(Statement st, String sql) throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Every second: messages inserted so far, and each service's resident memory. */
    private static void sample(LocalStack stack, Counts counts, Instant start, long insertedBefore,
            Map<String, Long> peakRss, List<long[]> timeline) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long persisted = insertedMessages(counts) - insertedBefore;
                timeline.add(new long[] {Duration.between(start, Instant.now()).toMillis(), persisted});
                ProcessReadings.rss(stack).forEach((service, kb) -> peakRss.merge(service, kb, Math::max));
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the next sample will do
            }
        }
    }

    /**
     * What was sent: the run's id (its Message-IDs start with it), each message's scheduled time by Message-ID, and
     * the parameters.
     *
     * @param ingestOnly the senders were stopped while the messages were ingested: no acknowledgement latency
     */
    private record Run(String id, Map<String, Instant> scheduled, int messages, int newTickets, Pace pace,
            int existing, Instant start, boolean ingestOnly) {
    }

    /**
     * What was seen while it ran: when the last message was persisted, the acknowledgements the customers' mail
     * server accepted, the ceiling beside it, the messages persisted each second, the services' peak RSS, and the
     * readings at its start and end.
     */
    private record Observed(Instant drained, long mailsAccepted, RawCeilings.Rate postgres, List<long[]> timeline,
            Map<String, Long> peakRss, Readings before, Readings after) {
    }

    private static void report(String bootstrap, PostgresServer.Database db, Counts counts,
            PostgresServer.Database notifications, Run r, Observed seen) throws Exception {
        String run = r.id();
        Map<String, Instant> scheduled = r.scheduled();
        int messages = r.messages();
        int newTickets = r.newTickets();
        Pace pace = r.pace();
        int perSecond = pace.perSecond();
        int existing = r.existing();
        Instant start = r.start();
        boolean ingestOnly = r.ingestOnly();
        Instant drained = seen.drained();
        long mailsAccepted = seen.mailsAccepted();
        RawCeilings.Rate postgres = seen.postgres();
        List<long[]> timeline = seen.timeline();
        Map<String, Long> peakRss = seen.peakRss();
        Map<String, Long> cpuBefore = seen.before().cpu();
        Map<String, Long> cpuAfter = seen.after().cpu();
        long postgresTicks = seen.after().postgresTicks() - seen.before().postgresTicks();
        long[] machine = {seen.after().machineTicks()[0] - seen.before().machineTicks()[0],
                seen.after().machineTicks()[1] - seen.before().machineTicks()[1]};
        List<Long> latency = new ArrayList<>();
        List<Long> ackLatency = new ArrayList<>();
        List<long[]> latencyBySend = new ArrayList<>(); // (ms after start it was sent, latency ms)
        List<long[]> ackLatencyBySend = new ArrayList<>();
        List<Long> commitToBroker = new ArrayList<>(); // the ticket's commit → the request's record on the broker
        List<Long> brokerToSent = new ArrayList<>(); // the request's record → the mail server's 250
        Map<String, Instant> committedAt = new java.util.HashMap<>(); // each message's commit, by its Message-ID
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement st = c.createStatement()) {
            // visible in the API once its transaction committed: the commit's time, which PostgreSQL keeps when
            // track_commit_timestamp is on (the embedded server's setting); else the row's own time, a little earlier
            boolean committed = "on".equals(text(st, "SHOW track_commit_timestamp"));
            // the figures depend on it: a commit that waits for its flush costs more
            String fsync = text(st, "SHOW fsync");
            String synchronousCommit = text(st, "SHOW synchronous_commit");
            System.out.printf("PostgreSQL: fsync %s, synchronous_commit %s%s%n", fsync, synchronousCommit,
                    "off".equals(fsync) && "off".equals(synchronousCommit) ? " (set "
                            + io.tiski.infrastructure.PostgresServer.DURABLE_VARIABLE + "=true for a durable embedded"
                            + " server)" : "");
            if (!committed) {
                System.out.println("track_commit_timestamp is off on this server: → API is measured to the row's "
                        + "created_at, which precedes its commit by up to a batch");
            }
            try (ResultSet rs = st.executeQuery("SELECT source_message_id, " + (committed
                    ? "coalesce(pg_xact_commit_timestamp(xmin), created_at)" : "created_at")
                    + " FROM ticket_message WHERE source_message_id LIKE '" + run + "-%'")) {
                while (rs.next()) {
                    Instant at = scheduled.get(rs.getString(1));
                    committedAt.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                    latency.add(Duration.between(at, rs.getTimestamp(2).toInstant()).toMillis());
                    latencyBySend.add(new long[] {Duration.between(start, at).toMillis(), latency.get(latency.size()
                            - 1)});
                }
            }
            // acknowledgement: from the new conversation's first message to the mail server's 250 to it, as
            // notification-service recorded it
            Map<String, String> conversationOfRequest = new java.util.HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT r.id::text, t.conversation_key FROM outbound_request r "
                    + "JOIN ticket t ON t.id = r.ticket_id WHERE r.kind = 'ACKNOWLEDGEMENT' "
                    + "AND t.conversation_key LIKE 'email:" + run + "-%'")) {
                while (rs.next()) {
                    conversationOfRequest.put(rs.getString(1), rs.getString(2).substring("email:".length()));
                }
            }
            Map<String, Instant> requestPublished = recordTimes(bootstrap,
                    io.tiski.events.v1.Topics.OUTBOUND_MESSAGES, conversationOfRequest.keySet());
            try (Connection n = DriverManager.getConnection(notifications.jdbcUrl(), notifications.user(),
                    notifications.password()); Statement ns = n.createStatement();
                    ResultSet rs = ns.executeQuery("SELECT request_id, sent_at FROM outbound_delivery WHERE kind = "
                            + "'ACKNOWLEDGEMENT' AND status = 'SENT'")) {
                while (rs.next()) {
                    String conversation = conversationOfRequest.get(rs.getString(1));
                    if (conversation == null) {
                        continue; // the warm-up's
                    }
                    Instant at = scheduled.get(conversation);
                    Instant sent = rs.getTimestamp(2).toInstant();
                    ackLatency.add(Duration.between(at, sent).toMillis());
                    Instant published = requestPublished.get(rs.getString(1));
                    if (published != null) {
                        // the request commits with the conversation's first message (its row is never updated)
                        commitToBroker.add(Duration.between(committedAt.get(conversation), published).toMillis());
                        brokerToSent.add(Duration.between(published, sent).toMillis());
                    }
                    ackLatencyBySend.add(new long[] {Duration.between(start, at).toMillis(), ackLatency.get(
                            ackLatency.size() - 1)});
                }
            }
        }
        long tickets = counts.count("SELECT count(*) FROM ticket WHERE conversation_key LIKE 'email:" + run + "-%'");
        long duplicates = counts.count("SELECT count(*) - count(DISTINCT source_message_id) FROM ticket_message WHERE "
                + "source_message_id LIKE '" + run + "-%'");
        Collections.sort(latency);
        Collections.sort(ackLatency);
        // to the last message's commit (the wait for it polls, and its counter may be a second late)
        Instant last = committedAt.values().stream().max(Instant::compareTo).filter(at -> at.isBefore(drained))
                .orElse(drained);
        double seconds = Duration.between(start, last).toMillis() / 1000.0;
        double throughput = latency.size() / seconds;
        // the steadiest 10 s of the run: the best rate the stack held
        double peak = 0;
        for (int i = 0; i + 10 < timeline.size(); i++) {
            long[] a = timeline.get(i);
            long[] b = timeline.get(i + 10);
            peak = Math.max(peak, (b[1] - a[1]) * 1000.0 / Math.max(1, b[0] - a[0]));
        }
        System.out.printf("%n| offered | messages | new tickets | tickets before | persisted | tickets | duplicates | "
                + "throughput (all) | best 10 s | share of PostgreSQL ceiling: all / best 10 s | → API p50 | p95 | "
                + "p99 | max | acknowledgement p50 | p99 |%n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- "
                + "| --- | --- | --- | --- | --- |%n");
        System.out.printf("| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,.0f/s | %,.0f/s | %.0f %% / %.0f %% | %s "
                + "| %s | %s | %s | %s | %s |%n", pace.describe(), messages, newTickets, existing, latency.size(),
                tickets, duplicates, throughput, peak, 100 * throughput / postgres.perSecond(),
                100 * peak / postgres.perSecond(), Latencies.millis(latency, 50),
                Latencies.millis(latency, 95), Latencies.millis(latency, 99), Latencies.millis(latency, 100),
                ingestOnly ? "—" : Latencies.millis(ackLatency, 50),
                ingestOnly ? "—" : Latencies.millis(ackLatency, 99));
        Collections.sort(commitToBroker);
        Collections.sort(brokerToSent);
        if (ingestOnly) {
            System.out.printf("%nIngest only: the senders were stopped until every message was persisted, then "
                    + "sent %,d acknowledgements for %,d new tickets%n", ackLatency.size(), newTickets);
        } else {
            System.out.printf("%nAcknowledgement, in two stages (%,d of them): the ticket's commit → its request on "
                    + "the broker (the outbox relay) p50 %s, p99 %s; → the mail server's 250 (the topic and "
                    + "notification-service) p50 %s, p99 %s%n", commitToBroker.size(),
                    Latencies.millis(commitToBroker, 50), Latencies.millis(commitToBroker, 99),
                    Latencies.millis(brokerToSent, 50), Latencies.millis(brokerToSent, 99));
        }
        System.out.printf("%n%s: %,.0f/s (the ceiling)%n", postgres.what(), postgres.perSecond());
        // CPU time per message (ticks are 1/100 s): what a message costs each part, whatever the rate was
        // the kernel's part: system calls, the loopback network, scheduling (JFR samples none of it)
        Map<String, Long> kernelBefore = seen.before().kernel();
        Map<String, Long> kernelAfter = seen.after().kernel();
        System.out.printf("%n| service | CPU over the run | CPU per message | of it in the kernel | peak RSS |%n"
                + "| --- | --- | --- | --- | --- |%n");
        double wall = Duration.between(start, ingestOnly ? drained : Instant.now()).toMillis() / 1000.0;
        for (Map.Entry<String, Long> entry : new LinkedHashMap<>(cpuAfter).entrySet()) {
            long ticks = entry.getValue() - cpuBefore.getOrDefault(entry.getKey(), 0L);
            Long rss = peakRss.get(entry.getKey());
            long kernel = kernelAfter.getOrDefault(entry.getKey(), 0L) - kernelBefore.getOrDefault(entry.getKey(), 0L);
            System.out.printf("| %s | %.0f %% of a core | %.2f ms | %.0f %% | %s |%n", entry.getKey(), ticks / wall,
                    ticks * 10.0 / messages, 100.0 * kernel / Math.max(1, ticks), rss == null ? ""
                            : String.format("%,d MB", rss / 1024));
        }
        long postgresKernel = seen.after().postgresKernelTicks() - seen.before().postgresKernelTicks();
        System.out.printf("| PostgreSQL (all processes) | %.0f %% of a core | %.2f ms | %.0f %% | |%n",
                postgresTicks / wall, postgresTicks * 10.0 / messages, 100.0 * postgresKernel / Math.max(1,
                        postgresTicks));
        long machineKernel = seen.after().machineKernelTicks() - seen.before().machineKernelTicks();
        System.out.printf("| machine | %.0f %% busy | | %.0f %% | |%n", 100.0 * machine[0] / Math.max(1, machine[1]),
                100.0 * machineKernel / Math.max(1, machine[0]));
        System.out.printf("The customers' mail server accepted %,d acknowledgements for %,d new tickets%n",
                mailsAccepted, newTickets);
        if (latency.size() != messages || tickets != newTickets || duplicates != 0
                || ackLatency.size() != newTickets || mailsAccepted != newTickets) {
            System.out.printf("%nNOT EXACT: %,d of %,d messages persisted, %,d tickets for %,d conversations, %,d "
                    + "duplicates, %,d acknowledgements sent, %,d accepted by the mail server%n", latency.size(),
                    messages, tickets, newTickets, duplicates, ackLatency.size(), mailsAccepted);
        }
        plot((ingestOnly ? "ingest-only" : "ingest") + (pace.steady() ? "" : "-bursts"), pace, existing, latencyBySend,
                ingestOnly ? List.of() : ackLatencyBySend, timeline, throughput, peak, Latencies.millis(latency, 99));
        System.out.printf("%nMessages persisted over time (s, total):%n");
        for (int i = 0; i < timeline.size(); i += Math.max(1, timeline.size() / 20)) {
            System.out.printf("  %5.0f %,9d%n", timeline.get(i)[0] / 1000.0, timeline.get(i)[1]);
        }
    }

    /**
     * The time each of the given events was handed to the broker (the record's create time, which the outbox
     * relay's producer sets when it sends), by event id (the {@code ce_id} header), read from the whole topic.
     */
    private static Map<String, Instant> recordTimes(String bootstrap, String topic, java.util.Set<String> eventIds) {
        Map<String, Instant> times = new java.util.HashMap<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.of(
                        org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var id = record.headers().lastHeader(io.tiski.events.v1.CloudEventHeaders.ID);
                    String eventId = id == null ? null : new String(id.value(), StandardCharsets.UTF_8);
                    if (eventId != null && eventIds.contains(eventId)) {
                        times.putIfAbsent(eventId, Instant.ofEpochMilli(record.timestamp()));
                    }
                }
            }
        }
        return times;
    }

    /** The offered rate over the run, second by second: what the generator's pace sent in each. */
    static List<double[]> offered(Pace pace, int messages) {
        java.util.TreeMap<Long, Integer> sent = new java.util.TreeMap<>();
        for (int i = 0; i < messages; i++) {
            sent.merge(pace.offsetNanos(i) / 1_000_000_000L, 1, Integer::sum);
        }
        List<double[]> rate = new ArrayList<>();
        sent.forEach((second, count) -> {
            rate.add(new double[] {second, count});
            rate.add(new double[] {second + 1, count});
        });
        return rate;
    }

    /**
     * Writes the run's plots (latency over the run, throughput over the run) and appends its row to
     * {@code <scope>-runs.tsv}, from whose rows the plot of throughput against the database's size is drawn again.
     */
    private static void plot(String scope, Pace pace, int existing, List<long[]> latencyBySend,
            List<long[]> ackBySend, List<long[]> timeline, double throughput, double peak, String p99)
            throws java.io.IOException {
        int perSecond = pace.perSecond();
        java.nio.file.Path out = Plots.outputDirectory();
        String name = scope + "-" + perSecond + "-per-s-" + existing + "-before";
        java.nio.file.Path latencyPlot = Plots.write(out.resolve(name + "-latency.png"), String.format(
                "Latency over the run: %s offered, %,d tickets before", pace.describe(), existing),
                "sent at (s into the run)", "latency (s)", List.of(
                        new Plots.Line("→ API p50", Latencies.perSecond(latencyBySend, 50)),
                        new Plots.Line("→ API p99", Latencies.perSecond(latencyBySend, 99)),
                        new Plots.Line("acknowledgement sent p99", Latencies.perSecond(ackBySend, 99))), false);
        List<double[]> rate = new ArrayList<>();
        for (int i = 2; i < timeline.size(); i += 2) {
            long[] a = timeline.get(i - 2);
            long[] b = timeline.get(i);
            rate.add(new double[] {b[0] / 1000.0, (b[1] - a[1]) * 1000.0 / Math.max(1, b[0] - a[0])});
        }
        List<double[]> offered = offered(pace, latencyBySend.size());
        java.nio.file.Path throughputPlot = Plots.write(out.resolve(name + "-throughput.png"), String.format(
                "Messages persisted per second: %s offered, %,d tickets before", pace.describe(), existing),
                "s into the run", "messages/s", List.of(new Plots.Line("persisted", rate),
                        new Plots.Line("offered", offered)), false);
        java.nio.file.Path runs = out.resolve(scope + "-runs.tsv");
        if (!java.nio.file.Files.exists(runs)) {
            java.nio.file.Files.writeString(runs, "tickets_before\toffered_per_s\tthroughput_per_s\tbest_10s_per_s"
                    + "\tp99\n");
        }
        java.nio.file.Files.writeString(runs, String.format(java.util.Locale.ROOT, "%d\t%d\t%.1f\t%.1f\t%s%n",
                existing, perSecond, throughput, peak, p99), java.nio.file.StandardOpenOption.APPEND);
        List<double[]> all = new ArrayList<>();
        List<double[]> best = new ArrayList<>();
        for (String row : java.nio.file.Files.readAllLines(runs).subList(1, java.nio.file.Files.readAllLines(runs)
                .size())) {
            String[] f = row.split("\t");
            if (Integer.parseInt(f[1]) == perSecond) {
                all.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[2])});
                best.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[3])});
            }
        }
        all.sort(java.util.Comparator.comparingDouble(p -> p[0]));
        best.sort(java.util.Comparator.comparingDouble(p -> p[0]));
        java.nio.file.Path sizePlot = Plots.write(out.resolve(scope + "-" + perSecond + "-per-s-by-database-size.png"),
                String.format("Throughput against tickets already stored (%,d/s offered)", perSecond),
                "tickets before the run", "messages/s", List.of(new Plots.Line("whole run", all),
                        new Plots.Line("best 10 s", best)), true);
        System.out.printf("%nPlots: %s, %s, %s (runs in %s)%n", latencyPlot, throughputPlot, sizePlot, runs);
    }

}
