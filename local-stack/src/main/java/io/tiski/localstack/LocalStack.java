package io.tiski.localstack;

import io.tiski.infrastructure.FreePorts;
import io.tiski.infrastructure.KafkaBroker;
import io.tiski.infrastructure.MailServer;
import io.tiski.infrastructure.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The whole of Tiski on one machine: a Kafka broker, PostgreSQL and a mail server inside this JVM, and the four
 * services as their own JVMs, configured to find each other.
 */
public final class LocalStack implements AutoCloseable {
    public static final String TICKET = "ticket-service";
    public static final String EMAIL_INGEST = "email-ingest-service";
    public static final String SOCIAL_INGEST = "social-ingest-service";
    public static final String NOTIFICATION = "notification-service";

    /** Where things run and are kept. Port 0 means any free port. */
    /** The password of the local account {@code admin} in a throwaway stack. */
    public static final String EPHEMERAL_ADMIN_PASSWORD = "kolme kenkää ja sateenvarjo";

    public record Settings(Path root, Path dataDir, boolean persistent, int ticketPort, int emailIngestPort,
            int socialIngestPort, int notificationPort, int kafkaPort, int smtpPort, int imapPort,
            String supportAddress, String adminToken, String adminPassword, String telegramSecret,
            Duration readyTimeout, Map<String, String> socialConnections, Map<String, String> everyService) {

        public Settings {
            socialConnections = socialConnections == null ? Map.of() : Map.copyOf(socialConnections);
            everyService = everyService == null ? Map.of() : Map.copyOf(everyService);
        }

        /** The same settings with properties given to all four services (e.g. where to send traces). */
        public Settings withEveryService(Map<String, String> properties) {
            return new Settings(root, dataDir, persistent, ticketPort, emailIngestPort, socialIngestPort,
                    notificationPort, kafkaPort, smtpPort, imapPort, supportAddress, adminToken, adminPassword,
                    telegramSecret, readyTimeout, socialConnections, properties);
        }

        /** The same settings with social connections ({@code tiski.social.*} properties) for social-ingest-service. */
        public Settings withSocialConnections(Map<String, String> connections) {
            return new Settings(root, dataDir, persistent, ticketPort, emailIngestPort, socialIngestPort,
                    notificationPort, kafkaPort, smtpPort, imapPort, supportAddress, adminToken, adminPassword,
                    telegramSecret, readyTimeout, connections, everyService);
        }

        /** The second inbox: sales@ beside support@ on the same domain. */
        public String salesAddress() {
            return "sales@" + supportAddress.substring(supportAddress.indexOf('@') + 1);
        }

        /**
         * Free ports and a new temporary data directory named for {@code purpose}, with the services' logs in it:
         * for a test or a benchmark. The repository is {@code tiski.root} (the working directory by default).
         */
        public static Settings throwaway(String purpose, String adminToken) throws java.io.IOException {
            Path root = Path.of(System.getProperty("tiski.root", ".")).toAbsolutePath().normalize();
            Path data = java.nio.file.Files.createTempDirectory("tiski-" + purpose);
            System.setProperty("tiski.logs", data.resolve("logs").toString());
            return ephemeral(root, data, adminToken);
        }

        /** Free ports and throwaway data: for tests. */
        public static Settings ephemeral(Path root, Path dataDir, String adminToken) {
            return new Settings(root, dataDir, false, 0, 0, 0, 0, 0, 0, 0, "support@localhost", adminToken,
                    EPHEMERAL_ADMIN_PASSWORD, null, Duration.ofSeconds(120), Map.of(), Map.of());
        }
    }

    private final Settings settings;
    private final List<AutoCloseable> running = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> serviceConfigs = new LinkedHashMap<>();
    private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
    private KafkaBroker kafka;
    private MailServer mail;
    private PostgresServer postgres;

    private LocalStack(Settings settings) {
        this.settings = settings;
    }

    public static LocalStack start(Settings settings, Consumer<String> progress) {
        InfrastructureLogging.apply();
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll(progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Consumer<String> progress) {
        Path data = settings.dataDir();
        progress.accept("Starting PostgreSQL, Kafka and the mail server…");
        CompletableFuture<PostgresServer> pg = CompletableFuture.supplyAsync(() -> PostgresServer.startOrConnect(0,
                settings.persistent() ? data.resolve("postgres") : null));
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(() -> KafkaBroker.start(
                settings.kafkaPort(), data.resolve("kafka"), !settings.persistent()));
        mail = MailServer.start(settings.smtpPort(), settings.imapPort());
        running.add(mail);
        postgres = pg.join();
        running.add(postgres);
        kafka = broker.join();
        running.add(kafka);
        progress.accept("  PostgreSQL (" + postgres.kind() + ")"
                + ", Kafka " + kafka.bootstrapServers() + ", SMTP 127.0.0.1:" + mail.smtpPort() + ", IMAP 127.0.0.1:"
                + mail.imapPort());

        Path logs = data.resolve("logs");
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put(TICKET, common("tiski_ticket"));
        configs.get(TICKET).put("tiski.tickets.bootstrap-admin-token", settings.adminToken());
        if (settings.adminPassword() != null) {
            configs.get(TICKET).put("tiski.security.bootstrap-admin-password", settings.adminPassword());
        }
        configs.get(TICKET).put("tiski.tickets.default-support-address", settings.supportAddress());
        configs.get(TICKET).put("tiski.tickets.storage-directory", data.resolve("objects").toString());

        Map<String, String> intake = common("tiski_email_ingest");
        intake.put("tiski.intake.admin-token", settings.adminToken());
        intake.put("tiski.intake.contact-form-address", settings.supportAddress());
        intake.put("tiski.intake.mailboxes.support.host", "127.0.0.1");
        intake.put("tiski.intake.mailboxes.support.port", String.valueOf(mail.imapPort()));
        intake.put("tiski.intake.mailboxes.support.protocol", "imap");
        intake.put("tiski.intake.mailboxes.support.user", settings.supportAddress());
        intake.put("tiski.intake.mailboxes.support.password", "local");
        intake.put("tiski.intake.mailboxes.support.support-address", settings.supportAddress());
        intake.put("tiski.intake.mailboxes.support.poll-interval", "500ms");
        // The embedded mail server does not report mail stored in the instant its IDLE begins (it tells of it when
        // the IDLE ends), so the local stack renews its IDLEs every 30 s instead of every 10 min: such mail waits
        // half a minute at most instead of ten.
        intake.put("tiski.intake.mailboxes.support.idle-renewal", "PT30S");
        intake.put("tiski.intake.mailboxes.sales.idle-renewal", "PT30S");
        intake.put("tiski.intake.storage-directory", data.resolve("objects").toString());
        // a second inbox, as a shop with a sales address beside support has
        intake.put("tiski.intake.mailboxes.sales.host", "127.0.0.1");
        intake.put("tiski.intake.mailboxes.sales.port", String.valueOf(mail.imapPort()));
        intake.put("tiski.intake.mailboxes.sales.protocol", "imap");
        intake.put("tiski.intake.mailboxes.sales.user", settings.salesAddress());
        intake.put("tiski.intake.mailboxes.sales.password", "local");
        intake.put("tiski.intake.mailboxes.sales.support-address", settings.salesAddress());
        intake.put("tiski.intake.mailboxes.sales.team", "sales");
        configs.put(EMAIL_INGEST, intake);

        Map<String, String> social = common("tiski_social_ingest");
        social.put("tiski.social.admin-token", settings.adminToken());
        social.put("tiski.social.storage-directory", data.resolve("objects").toString());
        if (settings.telegramSecret() != null) {
            social.put("tiski.social.telegram.local.secret-token", settings.telegramSecret());
        }
        social.putAll(settings.socialConnections());
        configs.put(SOCIAL_INGEST, social);

        Map<String, String> notification = common("tiski_notification");
        notification.put("quarkus.mailer.host", "127.0.0.1");
        notification.put("quarkus.mailer.port", String.valueOf(mail.smtpPort()));
        notification.put("quarkus.mailer.start-tls", "DISABLED");
        notification.put("quarkus.mailer.tls", "false");
        notification.put("quarkus.mailer.from", settings.supportAddress());
        notification.put("tiski.notifications.storage-directory", data.resolve("objects").toString());
        configs.put(NOTIFICATION, notification);

        Map<String, Integer> ports = Map.of(TICKET, FreePorts.orPick(settings.ticketPort()),
                EMAIL_INGEST, FreePorts.orPick(settings.emailIngestPort()),
                SOCIAL_INGEST, FreePorts.orPick(settings.socialIngestPort()),
                NOTIFICATION, FreePorts.orPick(settings.notificationPort()));
        progress.accept("Starting the services…");
        serviceConfigs.putAll(configs);
        servicePorts.putAll(ports);
        configs.forEach((name, config) -> {
            ServiceProcess service = ServiceProcess.start(settings.root(), name, ports.get(name), config, logs);
            services.put(name, service);
            running.add(service);
        });
        services.values().parallelStream().forEach(service -> {
            service.awaitReady(settings.readyTimeout());
            progress.accept("  " + service.name() + " ready on " + service.url());
        });
    }

    private Map<String, String> common(String database) {
        PostgresServer.Database db = postgres.database(database);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.username", db.user());
        config.put("quarkus.datasource.password", db.password());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.log.console.json.enabled", "false");
        config.putAll(settings.everyService());
        return config;
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    /** Kills a service at once (SIGKILL), as a crash or an evicted pod would. */
    public void kill(String name) {
        ServiceProcess service = services.get(name);
        service.kill();
        running.remove(service);
    }

    /** Stops a service gracefully (it drains and closes as on a rolling update), until {@link #restart}. */
    public void stop(String name) {
        ServiceProcess service = services.get(name);
        service.close();
        running.remove(service);
    }

    /** Starts a killed or stopped service again on its port and waits until it is ready. */
    public ServiceProcess restart(String name) {
        ServiceProcess old = services.get(name);
        if (old != null && old.isAlive()) {
            old.close();
            running.remove(old);
        }
        ServiceProcess service = ServiceProcess.start(settings.root(), name, servicePorts.get(name),
                serviceConfigs.get(name), settings.dataDir().resolve("logs"));
        services.put(name, service);
        running.add(service);
        service.awaitReady(settings.readyTimeout());
        return service;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public MailServer mail() {
        return mail;
    }

    /** The PostgreSQL server every service's database is on. */
    public PostgresServer postgres() {
        return postgres;
    }

    /** How to reach one service's database directly (benchmarks load data this way). */
    public PostgresServer.Database database(String name) {
        return postgres.database(name);
    }

    public Settings settings() {
        return settings;
    }

    /** Stops the services first (they drain and close cleanly), then the infrastructure. */
    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        reversed.stream().filter(c -> c instanceof ServiceProcess).parallel().forEach(LocalStack::closeQuietly);
        reversed.stream().filter(c -> !(c instanceof ServiceProcess)).forEach(LocalStack::closeQuietly);
        running.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("while stopping: " + e);
        }
    }
}
