package io.tiski.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tiski.events.v1.CloudEventHeaders;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.PostgresServer;
import io.tiski.infrastructure.testing.TopicProbe;
import io.tiski.localstack.bench.IngestThroughput;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole stack under a steady stream of inbound messages (new conversations and replies that must thread) while
 * a part of it fails: ticket-service killed ten times, the Kafka broker restarted, PostgreSQL restarted, the SMTP
 * server down for a minute, notification-service killed ten times, unreadable records in the middle of the stream;
 * and email-ingest-service killed ten times while mail streams in over SMTP. Each run then checks, from ticket-service's
 * database and the mail server, that nothing was lost or doubled: every message is exactly one ticket message, every
 * conversation exactly one ticket, every new ticket exactly one acknowledgement, sent, and in the customer's inbox.
 *
 * <p>SMTP has no idempotency key: a mail the server accepted in the instant before a failure is sent again, with the
 * same Message-ID (ADR 0003). The mail check therefore counts distinct Message-IDs per customer (exactly one) and
 * bounds the repeats by what can be in flight when a failure strikes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {
    /** Mails one notification-service sends at once (TISKI_SMTP_CONCURRENCY): at most this many repeats per fault. */
    static final int IN_FLIGHT = 16;
    static LocalStack stack;
    static PostgresServer.Database tickets;
    /** Acknowledgement Message-IDs counted in earlier runs, per recipient. */
    static final Map<String, List<String>> mailSeen = new ConcurrentHashMap<>();

    @BeforeAll
    static void startStack() throws Exception {
        stack = LocalStack.start(LocalStack.Settings.throwaway("faults", "faults-token-" + UUID.randomUUID()),
                System.out::println);
        tickets = stack.database("tiski_ticket");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void ticketServiceKilledTenTimesWithUnreadableRecordsMidStream() throws Exception {
        String run = run();
        int messages = 20_000;
        Instant start = Instant.now().plusSeconds(1);
        CompletableFuture<Integer> stream = CompletableFuture.supplyAsync(() -> publish(run, messages, 200, start));
        List<String> poison = new ArrayList<>();
        TopicProbe topics = new TopicProbe(stack.kafka().bootstrapServers());
        for (int kill = 1; kill <= 10; kill++) {
            TimeUnit.SECONDS.sleep(12); // long enough after the restart for its consumers to have taken over
            if (kill % 2 == 0) {
                String key = "poison-" + run + "-" + kill;
                topics.publish(Topics.INBOUND_MESSAGES, key, Map.of(CloudEventHeaders.TYPE,
                        InboundMessageReceived.TYPE), "{not json".getBytes(StandardCharsets.UTF_8));
                poison.add(key);
            }
            stack.kill(LocalStack.TICKET);
            stack.restart(LocalStack.TICKET);
        }
        int newTickets = stream.get(10, TimeUnit.MINUTES);

        assertNothingLostOrDoubled(run, messages, newTickets, 10);
        // The outbox publishes at least once: a kill after the broker acknowledged a dead letter and before the
        // relay recorded it publishes the same dead letter again, with the same dead-letter-id. A record written as
        // a dead letter twice (read again after a kill) would have two ids.
        Map<String, Set<String>> deadLetterIds = new HashMap<>();
        topics.readAll(Topics.deadLetterTopicOf(Topics.INBOUND_MESSAGES), r -> r.key() != null && r.key()
                .contains(run) || new String(r.value(), StandardCharsets.UTF_8).contains(run), Duration.ofSeconds(5))
                .forEach(r -> deadLetterIds.computeIfAbsent(r.key(), key -> new HashSet<>())
                        .add(TopicProbe.header(r, "dead-letter-id")));
        assertThat(deadLetterIds.keySet()).as("the unreadable records, and only they, are dead letters")
                .containsExactlyInAnyOrderElementsOf(poison);
        assertThat(deadLetterIds).as("each unreadable record is one dead letter")
                .allSatisfy((key, ids) -> assertThat(ids).as(key).hasSize(1).doesNotContainNull());
    }

    @Test
    @Order(2)
    void kafkaBrokerRestartedMidStream() throws Exception {
        survives(3_000, 100, 1, () -> stack.kafka().restart(Duration.ofSeconds(15)));
    }

    @Test
    @Order(3)
    void postgresRestartedMidStream() throws Exception {
        survives(3_000, 100, 1, () -> stack.postgres().restart(Duration.ofSeconds(10)));
    }

    @Test
    @Order(4)
    void smtpServerDownForAMinuteAcknowledgementsGoOutWhenItIsBack() throws Exception {
        String run = run();
        Instant start = Instant.now().plusSeconds(1);
        CompletableFuture<Integer> stream = CompletableFuture.supplyAsync(() -> publish(run, 1_500, 50, start));
        TimeUnit.SECONDS.sleep(5);
        Instant down = Instant.now();
        stack.mail().smtpDownFor(Duration.ofSeconds(60));
        Instant back = Instant.now();
        int newTickets = stream.get(5, TimeUnit.MINUTES);
        assertThat(count("SELECT count(*) FROM outbound_request r JOIN ticket t ON t.id = r.ticket_id WHERE "
                + "r.kind = 'ACKNOWLEDGEMENT' AND t.conversation_key LIKE 'email:" + run + "-%' AND t.created_at "
                + "BETWEEN '" + down.plusSeconds(5) + "' AND '" + back.minusSeconds(5) + "'"))
                .as("tickets opened while the mail server was down").isGreaterThan(100);
        assertNothingLostOrDoubled(run, 1_500, newTickets, 1);
    }

    @Test
    @Order(5)
    void notificationServiceKilledTenTimesWhileAcknowledging() throws Exception {
        survives(5_000, 100, 10, () -> {
            for (int kill = 1; kill <= 10; kill++) {
                stack.kill(LocalStack.NOTIFICATION);
                stack.restart(LocalStack.NOTIFICATION);
                TimeUnit.SECONDS.sleep(8);
            }
        });
    }

    @Test
    @Order(6)
    void emailIngestKilledTenTimesWhileMailStreamsIn() throws Exception {
        String run = run();
        int mails = 1_500;
        Session session = stack.mail().session();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            long intervalNanos = 1_000_000_000L / 15;
            long first = System.nanoTime();
            for (int i = 0; i < mails; i++) {
                try {
                    long wait = first + i * intervalNanos - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    MimeMessage mail = new MimeMessage(session);
                    mail.setFrom(new InternetAddress("mail-" + run + "-" + i + "@example.fi"));
                    mail.setRecipients(Message.RecipientType.TO, "support@localhost");
                    mail.setSubject("Tilaus " + run + " " + i, "UTF-8");
                    mail.setText("Hei, missä tilaukseni " + i + " on?", "UTF-8");
                    Transport.send(mail);
                } catch (Exception e) {
                    throw new IllegalStateException("mail " + i + " was not accepted: " + e, e);
                }
            }
        });
        for (int kill = 1; kill <= 10; kill++) {
            TimeUnit.SECONDS.sleep(8);
            stack.kill(LocalStack.EMAIL_INGEST);
            stack.restart(LocalStack.EMAIL_INGEST);
        }
        sending.get(5, TimeUnit.MINUTES);

        String ofRun = "author_address LIKE 'mail-" + run + "-%'";
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                .until(() -> count("SELECT count(*) FROM ticket_message WHERE " + ofRun) >= mails);
        assertThat(count("SELECT count(*) FROM ticket_message WHERE " + ofRun)).as("ticket messages").isEqualTo(mails);
        assertThat(count("SELECT count(DISTINCT author_address) FROM ticket_message WHERE " + ofRun))
                .as("one message per mail").isEqualTo(mails);
        assertThat(count("SELECT count(DISTINCT ticket_id) FROM ticket_message WHERE " + ofRun))
                .as("one ticket per mail").isEqualTo(mails);
        acknowledgedOnceEach("JOIN ticket_message m ON m.ticket_id = r.ticket_id WHERE m." + ofRun, mails, run);
        Map<String, List<String>> mail = acknowledgementMail("mail-" + run + "-");
        assertThat(mail).as("senders with an acknowledgement in their mailbox").hasSize(mails);
        mail.forEach((sender, ids) -> assertThat(ids).as(sender).hasSize(1));
    }

    /**
     * Waits until {@code expected} acknowledgements of the run's tickets (the outbound requests {@code ofTickets}
     * selects as {@code r}: a join and its condition) are reported sent, and checks that exactly that many were
     * requested. When they are not, the failure says where the missing ones are (see {@link #whereAreThey}).
     */
    private static void acknowledgedOnceEach(String ofTickets, long expected, String run) throws Exception {
        String acknowledgements = "SELECT count(*) FROM outbound_request r " + ofTickets
                + " AND r.kind = 'ACKNOWLEDGEMENT'";
        try {
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> count(acknowledgements + " AND r.status = 'SENT'") >= expected);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("fewer than " + expected + " acknowledgements reported sent within 10 minutes; "
                    + whereAreThey(ofTickets, run), e);
        }
        assertThat(count(acknowledgements)).as("acknowledgements requested").isEqualTo(expected);
    }

    /**
     * The acknowledgements of a run at each step of their way: requested and reported in ticket-service, recorded
     * in notification-service's ledger, dead-lettered; and the last warnings the two services logged.
     */
    static String whereAreThey(String ofTickets, String run) {
        StringBuilder where = new StringBuilder();
        try {
            where.append("ticket-service outbound_request by status: ").append(rows(tickets,
                    "SELECT r.status || ' ' || count(*) FROM outbound_request r " + ofTickets
                            + " AND r.kind = 'ACKNOWLEDGEMENT' GROUP BY r.status"));
            where.append("; notification-service ledger by status: ").append(rows(stack.database(
                    "tiski_notification"), "SELECT status || ' ' || count(*) || ' (attempts up to ' || max(attempts) "
                            + "|| ')' FROM outbound_delivery WHERE kind = 'ACKNOWLEDGEMENT' AND recipient LIKE '%"
                            + run + "%' GROUP BY status"));
            where.append("; dead letters of the run: ").append(new TopicProbe(stack.kafka().bootstrapServers())
                    .readAll(Topics.deadLetterTopicOf(Topics.OUTBOUND_MESSAGES), r -> new String(r.value(),
                            StandardCharsets.UTF_8).contains(run), Duration.ofSeconds(3)).size());
        } catch (Exception e) {
            where.append(" (could not read further: ").append(e).append(')');
        }
        for (String service : List.of(LocalStack.NOTIFICATION, LocalStack.TICKET)) {
            java.nio.file.Path log = stack.settings().dataDir().resolve("logs").resolve(service + ".log");
            try (var lines = java.nio.file.Files.lines(log, StandardCharsets.UTF_8)) {
                List<String> warnings = lines.filter(l -> (l.contains(" WARN ") || l.contains(" ERROR "))
                        && !l.contains("[org.apache.kafka") && !l.contains("BlockedThreadChecker"))
                        .map(l -> l.length() > 400 ? l.substring(0, 400) : l).toList();
                where.append("\nlast warnings of ").append(service).append(":\n").append(String.join("\n",
                        warnings.subList(Math.max(0, warnings.size() - 25), warnings.size())));
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                where.append("\n(").append(service).append("'s log unreadable: ").append(e).append(')');
            }
        }
        return where.toString();
    }

    static List<String> rows(PostgresServer.Database database, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** Something that fails part of the stack, and lets it recover, while messages stream in. */
    interface Fault {
        void strike() throws Exception;
    }

    /** A stream of {@code messages}; 10 s in, {@code fault} strikes ({@code faults} times); nothing lost or doubled. */
    static void survives(int messages, int perSecond, int faults, Fault fault) throws Exception {
        String run = run();
        Instant start = Instant.now().plusSeconds(1);
        CompletableFuture<Integer> stream = CompletableFuture.supplyAsync(() -> publish(run, messages, perSecond,
                start));
        TimeUnit.SECONDS.sleep(10);
        fault.strike();
        assertNothingLostOrDoubled(run, messages, stream.get(5, TimeUnit.MINUTES), faults);
    }

    static String run() {
        return "fault" + UUID.randomUUID().toString().substring(0, 8);
    }

    static int publish(String run, int messages, int perSecond, Instant start) {
        try {
            return IngestThroughput.publish(stack.kafka().bootstrapServers(), run, messages, perSecond, 30, start,
                    new ConcurrentHashMap<>());
        } catch (Exception e) {
            throw new IllegalStateException("the generator failed: " + e, e);
        }
    }

    /**
     * Every message of the run is exactly one ticket message; every conversation exactly one ticket; every new
     * ticket exactly one acknowledgement, reported sent, and exactly one acknowledgement (by Message-ID) in the
     * customer's mailbox, with at most {@code faults × IN_FLIGHT} repeats of a Message-ID in all.
     */
    static void assertNothingLostOrDoubled(String run, int messages, int newTickets, int faults)
            throws Exception {
        String ofRun = "source_message_id LIKE '" + run + "-%'";
        String ticketsOfRun = "t.conversation_key LIKE 'email:" + run + "-%'";
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                .until(() -> count("SELECT count(*) FROM ticket_message WHERE " + ofRun) >= messages);
        assertThat(count("SELECT count(*) FROM ticket_message WHERE " + ofRun)).as("ticket messages")
                .isEqualTo(messages);
        assertThat(count("SELECT count(DISTINCT source_message_id) FROM ticket_message WHERE " + ofRun))
                .as("distinct messages").isEqualTo(messages);
        assertThat(count("SELECT count(*) FROM ticket t WHERE " + ticketsOfRun)).as("tickets, one per conversation")
                .isEqualTo(newTickets);
        assertThat(count("SELECT count(*) FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id WHERE "
                + "m.source_message_id <> substring(t.conversation_key FROM 7) AND m." + ofRun))
                .as("replies threaded into their conversation's ticket").isEqualTo(messages - newTickets);

        acknowledgedOnceEach("JOIN ticket t ON t.id = r.ticket_id WHERE " + ticketsOfRun, newTickets, run);

        Map<String, List<String>> mail = acknowledgementMail("customer-" + run + "-");
        assertThat(mail).as("customers with an acknowledgement in their mailbox").hasSize(newTickets);
        int repeats = 0;
        for (Map.Entry<String, List<String>> customer : mail.entrySet()) {
            assertThat(new HashSet<>(customer.getValue())).as(customer.getKey()).hasSize(1);
            repeats += customer.getValue().size() - 1;
        }
        assertThat(repeats).as("the same acknowledgement delivered again after a failure mid-send")
                .isLessThanOrEqualTo(faults * IN_FLIGHT);
    }

    /** Auto-submitted mail in the mail server per recipient with the prefix: the Message-IDs received. */
    static Map<String, List<String>> acknowledgementMail(String prefix) {
        Map<String, List<String>> byRecipient = new HashMap<>();
        for (var m : stack.mail().greenMail().getReceivedMessages()) {
            try {
                if (m.getHeader("Auto-Submitted") == null) {
                    continue;
                }
                for (var recipient : m.getRecipients(Message.RecipientType.TO)) {
                    String address = recipient.toString();
                    if (address.startsWith(prefix)) {
                        byRecipient.computeIfAbsent(address, a -> new ArrayList<>()).add(m.getMessageID());
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return byRecipient;
    }

    static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(tickets.jdbcUrl(), tickets.user(), tickets.password());
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
