package io.tiski.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tiski.events.v1.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka and marks them published only after the broker acknowledged them
 * (acks=all, idempotent producer). A crash between the two publishes a row again; consumers drop the repeat by its
 * event id, so every event takes effect exactly once. One relay publishes at a time (a PostgreSQL advisory lock),
 * which keeps the order of events for one key across replicas.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x7715_0b0c_0001L;

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter failed;
    private volatile boolean running;
    private volatile Instant lastPublishedAt;
    private Instant nextPendingCount = Instant.EPOCH;
    private volatile String lastError;
    private Thread worker;
    private KafkaProducer<String, byte[]> producer;
    /** {@code tiski.outbox.send-timeout}, at least the one second the Kafka client accepts. */
    private Duration sendTimeout;

    OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.published = Counter.builder("tiski.outbox.published").description("Events the broker acknowledged")
                .register(registry);
        this.failed = Counter.builder("tiski.outbox.failed")
                .description("Events the broker refused for good (kept in the outbox with the reason)")
                .register(registry);
        Gauge.builder("tiski.outbox.pending", pending, AtomicLong::get)
                .description("Committed events not yet published").register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("Outbox relay disabled on this instance (tiski.outbox.relay-enabled=false)");
            return;
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        sendTimeout = config.sendTimeout().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : config.sendTimeout();
        int sendTimeoutMs = (int) sendTimeout.toMillis();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, sendTimeoutMs);
        // the client insists on a delivery timeout at least its linger plus one request's timeout
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(10_000, sendTimeoutMs - 2));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeoutMs);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "tiski-outbox-relay");
        props.putAll(clientSecurity(org.eclipse.microprofile.config.ConfigProvider.getConfig()));
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        running = true;
        worker = new Thread(this::run, "tiski-outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * The Kafka client's security settings, the same ones the messaging connector takes: {@code kafka.security.*},
     * {@code kafka.sasl.*} and {@code kafka.ssl.*} properties, or their environment form ({@code
     * KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}), so one set of variables secures every client.
     */
    static Map<String, String> clientSecurity(org.eclipse.microprofile.config.Config source) {
        Map<String, String> settings = new java.util.TreeMap<>();
        for (String name : source.getPropertyNames()) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!lower.startsWith("kafka.") && !lower.startsWith("kafka_")) {
                continue;
            }
            String key = lower.substring("kafka.".length()).replace('_', '.');
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                source.getOptionalValue(name, String.class).filter(v -> !v.isBlank())
                        .ifPresent(value -> settings.put(key, value));
            }
        }
        return settings;
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a commit that wrote outbox rows, so they leave within milliseconds rather than a poll tick. */
    public void wakeUp() {
        wakeUps.release();
    }

    public Instant lastPublishedAt() {
        return lastPublishedAt;
    }

    public String lastError() {
        return lastError;
    }

    public long pending() {
        return pending.get();
    }

    private void run() {
        long backoffMillis = 100;
        Instant nextCleanup = Instant.now();
        while (running) {
            try {
                int count = publishBatch();
                lastError = null;
                backoffMillis = 100;
                if (Instant.now().isAfter(nextCleanup)) {
                    deletePublishedBefore(Instant.now().minus(config.retention()));
                    nextCleanup = Instant.now().plus(Duration.ofMinutes(5));
                }
                if (count < config.batchSize()
                        && wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)
                        && !config.gatherFor().isZero()) {
                    // woken by a commit: the commits right behind it go in the same round
                    Thread.sleep(config.gatherFor().toMillis());
                }
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                lastError = e.getMessage();
                LOG.warnf("Outbox relay could not publish, retrying in %d ms: %s", backoffMillis, e.getMessage());
                if (!DatabaseFailures.isUnavailable(e)) {
                    countPendingWhileFailing();
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, config.maxBackoff().toMillis());
            }
        }
    }

    private record Row(long id, String topic, String key, Map<String, String> headers, byte[] payload) {
    }

    int publishBatch() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!holdsRelayLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<Row> rows = unpublished(connection);
                List<Long> publishedIds = new ArrayList<>();
                List<Long> publishedErasures = new ArrayList<>();
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (Row row : rows) {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
                    row.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                    sends.add(producer.send(record));
                }
                producer.flush();
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    try {
                        sends.get(i).get(sendTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                        publishedIds.add(row.id());
                        if (io.tiski.events.v1.Topics.PRIVACY_EVENTS.equals(row.topic())) {
                            publishedErasures.add(row.id());
                        }
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RecordTooLargeException
                                || e.getCause() instanceof SerializationException) {
                            markFailed(connection, row.id(), e.getCause().toString());
                            failed.increment();
                            LOG.errorf("Outbox event %d refused by the broker for good: %s", row.id(), e.getCause());
                        } else {
                            throw new IllegalStateException("broker did not acknowledge: " + e.getCause(), e);
                        }
                    } catch (TimeoutException e) {
                        throw new IllegalStateException("broker did not acknowledge within " + sendTimeout, e);
                    }
                }
                markPublished(connection, publishedIds, publishedErasures);
                connection.commit();
                published.increment(publishedIds.size());
                if (!publishedIds.isEmpty()) {
                    lastPublishedAt = Instant.now();
                }
                if (rows.size() < config.batchSize()) {
                    // everything committed before this round's read is out: what waits came after it
                    pending.set(0);
                } else if (Instant.now().isAfter(nextPendingCount)) {
                    // a backlog: counted at most once a second (at a hundred thousand waiting, a count takes
                    // tens of milliseconds of the database's CPU)
                    pending.set(countPending(connection));
                    nextPendingCount = Instant.now().plusSeconds(1);
                }
                return rows.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private boolean holdsRelayLock(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private List<Row> unpublished(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT id, topic, record_key, headers::text, payload FROM outbox_event "
                        + "WHERE published_at IS NULL AND failed_reason IS NULL ORDER BY id LIMIT ?")) {
            st.setInt(1, config.batchSize());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> headers = EventJson.mapper().readValue(rs.getString(4),
                            new TypeReference<Map<String, String>>() {
                            });
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), headers, rs.getBytes(5)));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("outbox headers unreadable", e);
            }
        }
        return rows;
    }

    /** @param erasures those of {@code ids} that are privacy events */
    private void markPublished(Connection connection, List<Long> ids, List<Long> erasures) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement st = connection.prepareStatement(
                "UPDATE outbox_event SET published_at = now() WHERE id = ANY(?)")) {
            st.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            st.executeUpdate();
        }
        if (erasures.isEmpty()) {
            return;
        }
        // an erasure's event names what to forget: once on the broker, no copy stays in this database
        try (PreparedStatement st = connection.prepareStatement("DELETE FROM outbox_event WHERE id = ANY(?)")) {
            st.setArray(1, connection.createArrayOf("bigint", erasures.toArray()));
            st.executeUpdate();
        }
    }

    private void markFailed(Connection connection, long id, String reason) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "UPDATE outbox_event SET failed_reason = ? WHERE id = ?")) {
            st.setString(1, reason);
            st.setLong(2, id);
            st.executeUpdate();
        }
    }

    /** While the broker is away the events pile up: the gauge shows them, if the database answers. */
    private void countPendingWhileFailing() {
        try (Connection connection = dataSource.getConnection()) {
            pending.set(countPending(connection));
        } catch (SQLException e) {
            LOG.debugf("Could not count the outbox's pending events either: %s", e.getMessage());
        }
    }

    private long countPending(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND failed_reason IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void deletePublishedBefore(Instant cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement(
                        "DELETE FROM outbox_event WHERE published_at < ?")) {
            st.setObject(1, java.sql.Timestamp.from(cutoff));
            st.executeUpdate();
        }
    }
}
