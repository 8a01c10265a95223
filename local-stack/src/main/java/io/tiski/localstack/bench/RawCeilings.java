package io.tiski.localstack.bench;

import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.KafkaBroker;
import io.tiski.infrastructure.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What this machine allows, without Tiski in between: the rows ticket-service inserts for a new email conversation
 * (the event id as processed, customer, identity, ticket, message with its search vector, audit entry, the
 * customer's and the acknowledgement's Message-IDs, the acknowledgement's request, three outbox events: twelve)
 * inserted with plain JDBC batches into ticket-service's own schema, and 1 KB records produced to and consumed from
 * Kafka with the settings the services use (acks=all, idempotent). Tiski's throughput is reported as a share of
 * these. Not in the ceiling: reading anything (dedupe, threading, customers), the outbox relay marking events
 * published, and updates of tickets a follow-up makes.
 * {@code ./tiski bench ceilings [messages] [records] [connections] [reply-%]}
 */
public final class RawCeilings {
    static final int BATCH = 100;
    /** The rows {@link #postgresInserts} writes for each new conversation. */
    static final int ROWS_PER_CONVERSATION = 12;
    /** The rows {@link #postgresInserts} writes for each reply. */
    static final int ROWS_PER_REPLY = 4;

    private RawCeilings() {
    }

    public record Rate(String what, long count, Duration took) {
        public double perSecond() {
            return count / Math.max(1e-9, took.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format("%-48s %,10d in %6.1f s = %,9.0f /s", what, count, took.toMillis() / 1000.0,
                    perSecond());
        }
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int replyShare = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Path root = Path.of(System.getProperty("tiski.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("tiski-ceilings");
        System.out.printf("Raw ceilings on %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        try (PostgresServer postgres = PostgresServer.startOrConnect(0, data.resolve("postgres"));
                KafkaBroker kafka = KafkaBroker.start(0, data.resolve("kafka"), true)) {
            PostgresServer.Database db = postgres.database("tiski_ceiling");
            applyTicketSchema(db, root.resolve("ticket-service/src/main/resources/db/migration"));
            System.out.println(postgresInserts(db, messages, connections, replyShare));
            for (Rate rate : kafka(kafka.bootstrapServers(), records)) {
                System.out.println(rate);
            }
        }
    }

    /** ticket-service's Flyway migrations, in version order, as plain SQL. */
    public static void applyTicketSchema(PostgresServer.Database db, Path migrations) throws Exception {
        Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
        List<Path> files;
        try (var listing = Files.list(migrations)) {
            files = listing.filter(f -> version.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(f -> {
                        Matcher m = version.matcher(f.getFileName().toString());
                        m.matches();
                        return Integer.parseInt(m.group(1));
                    })).toList();
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement st = c.createStatement()) {
            for (Path file : files) {
                st.execute(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    /** New conversations written as ticket-service writes them, in transactions of {@link #BATCH}. */
    public static Rate postgresInserts(PostgresServer.Database db, int conversations, int connections)
            throws Exception {
        return postgresInserts(db, conversations, connections, 0);
    }

    /**
     * Messages written as ticket-service inserts them, in transactions of {@link #BATCH}: {@code replyShare} percent
     * of them replies to a conversation opened before ({@value #ROWS_PER_REPLY} rows: the event id as processed, the
     * message, its Message-ID, the message-added event), the others new conversations
     * ({@value #ROWS_PER_CONVERSATION} rows). The updates a reply makes to its ticket are not in it.
     */
    public static Rate postgresInserts(PostgresServer.Database db, int messages, int connections, int replyShare)
            throws Exception {
        byte[] payload = new byte[1024];
        AtomicLong next = new AtomicLong(startNumber(db));
        long base = next.get();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        Instant started = Instant.now();
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            work.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                    c.setAutoCommit(false);
                    PreparedStatement customer = c.prepareStatement("INSERT INTO customer (id, display_name, "
                            + "language, created_at) VALUES (?, ?, 'fi', ?)");
                    PreparedStatement identity = c.prepareStatement("INSERT INTO customer_identity (id, "
                            + "customer_id, channel, address, created_at) VALUES (?, ?, 'EMAIL', ?, ?)");
                    PreparedStatement ticket = c.prepareStatement("INSERT INTO ticket (id, number, subject, "
                            + "channel, status, priority, type, customer_id, conversation_key, inbox_address, language, "
                            + "created_at, updated_at, last_message_at, status_changed_at) VALUES (?, ?, ?, 'EMAIL', "
                            + "'NEW', 'NORMAL', 'QUESTION', ?, ?, 'support@localhost', 'fi', ?, ?, ?, ?)");
                    PreparedStatement message = c.prepareStatement("INSERT INTO ticket_message (id, ticket_id, "
                            + "direction, kind, channel, source_message_id, author_address, author_name, subject, "
                            + "text_body, new_text, language, classification, threading_reason, received_at, "
                            + "created_at) VALUES (?, ?, 'INBOUND', 'CUSTOMER_MESSAGE', 'EMAIL', ?, ?, ?, ?, ?, ?, "
                            + "'fi', 'PERSON', ?, ?, ?)");
                    PreparedStatement processed = c.prepareStatement("INSERT INTO processed_event (consumer, "
                            + "event_id) SELECT 'ticket-service.inbound-messages', unnest(?) ON CONFLICT DO NOTHING");
                    PreparedStatement audit = c.prepareStatement("INSERT INTO ticket_audit (ticket_id, actor, "
                            + "action, field, before, after, at) VALUES (?, 'customer', 'CREATED', NULL, NULL, "
                            + "'new conversation', ?)");
                    PreparedStatement messageIds = c.prepareStatement("INSERT INTO email_message_id (message_id, "
                            + "ticket_id, ticket_message_id, origin, created_at) VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement request = c.prepareStatement("INSERT INTO outbound_request (id, ticket_id, "
                            + "kind, channel, recipient, provider_message_id, status, requested_at) VALUES (?, ?, "
                            + "'ACKNOWLEDGEMENT', 'EMAIL', ?, ?, 'REQUESTED', ?)");
                    PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox_event (event_id, topic, "
                            + "record_key, headers, payload) VALUES (?, ?, ?, '{}'::jsonb, ?)");
                    List<UUID> opened = new ArrayList<>();
                    java.util.Random random = new java.util.Random(42);
                    while (true) {
                        long first = next.getAndAdd(BATCH);
                        if (first - base >= messages) {
                            return null;
                        }
                        long last = Math.min(first + BATCH, base + messages);
                        Timestamp now = Timestamp.from(Instant.now());
                        String[] eventIds = new String[(int) (last - first)];
                        for (int i = 0; i < eventIds.length; i++) {
                            eventIds[i] = UUID.randomUUID().toString();
                        }
                        processed.setArray(1, c.createArrayOf("varchar", eventIds));
                        processed.execute();
                        for (long n = first; n < last; n++) {
                            String address = "asiakas" + n + "@example.fi";
                            String customerMessageId = messageId(n);
                            UUID ticketMessageId = UUID.randomUUID();
                            String body = "Hei, tilaukseni " + n + " ei ole vielä saapunut. Voitteko tarkistaa, "
                                    + "missä paketti on? Terveisin Asiakas " + n;
                            if (!opened.isEmpty() && random.nextInt(100) < replyShare) {
                                UUID ticketId = opened.get(random.nextInt(opened.size()));
                                message(message, ticketMessageId, ticketId, customerMessageId, address, n, body,
                                        "reply", now);
                                messageId(messageIds, customerMessageId, ticketId, ticketMessageId, "CUSTOMER", now);
                                outbox(outbox, Topics.TICKET_EVENTS, ticketId, payload);
                                continue;
                            }
                            UUID customerId = UUID.randomUUID();
                            UUID ticketId = UUID.randomUUID();
                            opened.add(ticketId);
                            customer.setObject(1, customerId);
                            customer.setString(2, "Asiakas " + n);
                            customer.setTimestamp(3, now);
                            customer.addBatch();
                            identity.setObject(1, UUID.randomUUID());
                            identity.setObject(2, customerId);
                            identity.setString(3, address);
                            identity.setTimestamp(4, now);
                            identity.addBatch();
                            ticket.setObject(1, ticketId);
                            ticket.setLong(2, n);
                            ticket.setString(3, "Tilaus " + n + " ei ole saapunut");
                            ticket.setObject(4, customerId);
                            ticket.setString(5, "email:" + customerMessageId);
                            for (int i = 6; i <= 9; i++) {
                                ticket.setTimestamp(i, now);
                            }
                            ticket.addBatch();
                            message(message, ticketMessageId, ticketId, customerMessageId, address, n, body,
                                    "new conversation", now);
                            audit.setObject(1, ticketId);
                            audit.setTimestamp(2, now);
                            audit.addBatch();
                            UUID requestId = UUID.randomUUID();
                            String acknowledgementId = "ack." + requestId + "@tiski.localhost";
                            messageId(messageIds, customerMessageId, ticketId, ticketMessageId, "CUSTOMER", now);
                            messageId(messageIds, acknowledgementId, ticketId, null, "ACKNOWLEDGEMENT", now);
                            request.setObject(1, requestId);
                            request.setObject(2, ticketId);
                            request.setString(3, address);
                            request.setString(4, acknowledgementId);
                            request.setTimestamp(5, now);
                            request.addBatch();
                            outbox(outbox, Topics.TICKET_EVENTS, ticketId, payload);
                            outbox(outbox, Topics.TICKET_EVENTS, ticketId, payload);
                            outbox(outbox, Topics.OUTBOUND_MESSAGES, ticketId, payload);
                        }
                        // in the order ticket-service writes them: a poll's message ids, then each conversation,
                        // then the rows nothing in the poll reads back
                        customer.executeBatch();
                        identity.executeBatch();
                        ticket.executeBatch();
                        message.executeBatch();
                        outbox.executeBatch();
                        audit.executeBatch();
                        messageIds.executeBatch();
                        request.executeBatch();
                        c.commit();
                    }
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        String what = replyShare == 0 ? "new conversations (" + ROWS_PER_CONVERSATION + " rows each)"
                : "messages, " + replyShare + " % replies (" + ROWS_PER_CONVERSATION + " rows a new conversation, "
                        + ROWS_PER_REPLY + " a reply)";
        return new Rate("PostgreSQL: " + what + ", " + connections + " connections", messages,
                Duration.between(started, Instant.now()));
    }

    private static void message(PreparedStatement message, UUID id, UUID ticketId, String sourceMessageId,
            String address, long n, String body, String threadingReason, Timestamp now) throws java.sql.SQLException {
        message.setObject(1, id);
        message.setObject(2, ticketId);
        message.setString(3, sourceMessageId);
        message.setString(4, address);
        message.setString(5, "Asiakas " + n);
        message.setString(6, "Tilaus " + n + " ei ole saapunut");
        message.setString(7, body);
        message.setString(8, body);
        message.setString(9, threadingReason);
        message.setTimestamp(10, now);
        message.setTimestamp(11, now);
        message.addBatch();
    }

    private static void messageId(PreparedStatement messageIds, String messageId, UUID ticketId,
            UUID ticketMessageId, String origin, Timestamp now) throws java.sql.SQLException {
        messageIds.setString(1, messageId);
        messageIds.setObject(2, ticketId);
        messageIds.setObject(3, ticketMessageId);
        messageIds.setString(4, origin);
        messageIds.setTimestamp(5, now);
        messageIds.addBatch();
    }

    private static void outbox(PreparedStatement outbox, String topic, UUID ticketId, byte[] payload)
            throws java.sql.SQLException {
        outbox.setString(1, UUID.randomUUID().toString());
        outbox.setString(2, topic);
        outbox.setString(3, ticketId.toString());
        outbox.setBytes(4, payload);
        outbox.addBatch();
    }

    private static String messageId(long n) {
        return "m" + n + "@mail.example.fi";
    }

    private static long startNumber(PostgresServer.Database db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement st = c.createStatement(); var rs = st.executeQuery("SELECT coalesce(max(number), 0) + 1 "
                        + "FROM ticket")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** 1 KB records produced with acks=all and idempotence, then consumed from the beginning. */
    public static List<Rate> kafka(String bootstrap, int records) {
        String topic = "tiski.ceiling." + UUID.randomUUID();
        byte[] value = new byte[1024];
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                "bootstrap.servers", bootstrap))) {
            // as many partitions as the inbound topic has
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic,
                    Topics.PARTITIONS, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + topic + ": " + e.getMessage(), e);
        }
        Properties producerProps = new Properties();
        producerProps.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG,
                "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        Instant started = Instant.now();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps)) {
            AtomicLong failed = new AtomicLong();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "conversation-" + (i % 10_000), value),
                        (metadata, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            producer.flush();
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " records were not accepted by the broker");
            }
        }
        Rate produced = new Rate("Kafka: 1 KB records produced (acks=all, idempotent)", records,
                Duration.between(started, Instant.now()));
        Properties consumerProps = new Properties();
        consumerProps.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
                "ceiling-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        started = Instant.now();
        long consumed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            while (consumed < records && Instant.now().isBefore(deadline)) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                consumed += batch.count();
            }
        }
        return List.of(produced, new Rate("Kafka: the same records consumed", consumed,
                Duration.between(started, Instant.now())));
    }
}
