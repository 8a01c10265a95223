package io.tiski.infrastructure;

import io.tiski.events.v1.Topics;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), started inside this JVM from the
 * Kafka jars, with Tiski's topics created.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Properties config;
    private KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;
    private final boolean deleteOnClose;

    private KafkaBroker(Properties config, KafkaRaftServer server, String bootstrapServers, Path logDir,
            boolean deleteOnClose) {
        this.config = config;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** A throwaway broker on free ports, its data deleted on close. */
    public static KafkaBroker startEphemeral() {
        try {
            return start(0, Files.createTempDirectory("tiski-kafka"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param port the client port, 0 for any free one
     * @param logDir where the broker keeps its data; formatted when empty
     */
    public static KafkaBroker start(int port, Path logDir, boolean deleteOnClose) {
        int clientPort = FreePorts.orPick(port);
        // a fixed port keeps a persistent broker's controller where its metadata says it is
        int controllerPort = port > 0 ? port + 1 : FreePorts.pick();
        try {
            Files.createDirectories(logDir);
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", logDir.toString());
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "5");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("num.partitions", "3");
            p.put("auto.create.topics.enable", "false");
            p.put("log.flush.interval.messages", "1");
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                Path config = Files.createTempFile("tiski-kafka", ".properties");
                try (FileOutputStream out = new FileOutputStream(config.toFile())) {
                    p.store(out, "Tiski local broker");
                }
                int exit = kafka.tools.StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                        "-c", config.toString(), "--ignore-formatted"}, new java.io.PrintStream(
                                java.io.OutputStream.nullOutputStream()));
                if (exit != 0) {
                    throw new IllegalStateException("formatting the Kafka log directory " + logDir + " failed");
                }
                Files.deleteIfExists(config);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
            server.startup();
            KafkaBroker broker = new KafkaBroker(p, server, "127.0.0.1:" + clientPort, logDir, deleteOnClose);
            broker.createTopics(Topics.all());
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the topics that do not exist yet, waiting until the broker accepts them. */
    public void createTopics(List<Topics.TopicSpec> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker at " + bootstrapServers + " did not create topics: " + e, e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Stops the broker (a controlled shutdown: clients see their connections close and cannot reach it), keeps it
     * down for {@code downtime}, and starts it again on the same ports and data: a broker restart, as in a rolling
     * upgrade of a single-broker cluster.
     */
    public synchronized void restart(java.time.Duration downtime) throws InterruptedException {
        server.shutdown();
        server.awaitShutdown();
        Thread.sleep(downtime.toMillis());
        KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        started.startup();
        server = started;
    }

    @Override
    public synchronized void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(logDir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind is harmless
        }
    }
}
