package io.tiski.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiski.deploy.images.ServiceImages;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.OutboundEmail;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.FreePorts;
import io.tiski.infrastructure.KafkaBroker;
import io.tiski.infrastructure.MailServer;
import io.tiski.infrastructure.PostgresServer;
import io.tiski.infrastructure.testing.TopicProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images the build made (target/images/*.tar, OCI layout): their configuration, and one of them run for real
 * from its own file system, as a container runtime runs it, against a real database, broker and mail server.
 */
class ServiceImagesIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path IMAGES = Manifests.DEPLOY.resolve("target/images");

    /** The image's OCI config and its layer digests, read from the tar without a container tool. */
    record Image(Path directory, String reference, JsonNode config, List<String> layers) {
    }

    static Image open(String service) throws IOException {
        Path tar = IMAGES.resolve(service + ".tar");
        assertThat(tar).as("the build makes " + tar).isRegularFile();
        Path directory = Manifests.DEPLOY.resolve("target/image-contents/" + service);
        if (!Files.isRegularFile(directory.resolve("index.json"))) {
            Files.createDirectories(directory);
            assertThat(Manifests.run(directory, List.of("tar", "-xf", tar.toString())).exitCode()).isZero();
        }
        JsonNode index = JSON.readTree(directory.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(directory, index.path("manifests").get(0).path("digest").asText()));
        JsonNode config = JSON.readTree(blob(directory, manifest.path("config").path("digest").asText()));
        List<String> layers = new ArrayList<>();
        manifest.path("layers").forEach(layer -> layers.add(layer.path("digest").asText()));
        return new Image(directory, index.path("manifests").get(0).path("annotations")
                .path("org.opencontainers.image.ref.name").asText(), config, layers);
    }

    static String executable(String name) {
        return List.of("/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/").stream().map(d -> d + name)
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " (util-linux/coreutils) is needed to run an image"));
    }

    static java.io.File blob(Path directory, String digest) {
        return directory.resolve("blobs/sha256/" + digest.substring("sha256:".length())).toFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "email-ingest-service", "social-ingest-service",
            "notification-service"})
    void theImageRunsTheServiceAsANonRootUserOnItsPort(String service) throws IOException {
        Image image = open(service);
        JsonNode config = image.config().path("config");
        String version = image.config().path("config").path("Labels").path("org.opencontainers.image.version")
                .asText();
        assertThat(image.reference()).isEqualTo("tiski/" + service + ":" + version);
        assertThat(config.path("User").asText()).isEqualTo(ServiceImages.USER);
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(JSON.convertValue(config.path("Entrypoint"), List.class)).startsWith("/opt/java/bin/java")
                .endsWith("-jar", "/deployments/quarkus-run.jar");
        int port = ServiceImages.httpPort(Manifests.ROOT.resolve(service)
                .resolve("src/main/resources/application.properties"));
        assertThat(JSON.convertValue(config.path("ExposedPorts"), Map.class)).containsOnlyKeys(port + "/tcp");
        assertThat(image.config().path("os").asText()).isEqualTo("linux");
        assertThat(image.config().path("architecture").asText()).isEqualTo("amd64");
        assertThat(config.path("Labels").path("io.tiski.runtime").asText()).startsWith("OpenJDK 17");
        // runtime, dependencies, code: the runtime layers are shared by all four images
        assertThat(image.layers()).hasSize(4);
        assertThat(image.layers().subList(0, 2)).isEqualTo(open("ticket-service").layers().subList(0, 2));
    }

    @Test
    void theOperatorToolsImageRunsTheDeadLetterReplayOverEveryDeadLetterTopic() throws IOException {
        Image image = open(ServiceImages.OPERATOR_TOOLS);
        JsonNode config = image.config().path("config");
        assertThat(config.path("User").asText()).isEqualTo(ServiceImages.USER);
        assertThat(JSON.convertValue(config.path("Entrypoint"), List.class)).startsWith("/opt/java/bin/java")
                .endsWith(ServiceImages.REPLAY_MAIN);
        assertThat(JSON.convertValue(config.path("Cmd"), List.class)).containsExactly("all");
        Manifests.Run listing = Manifests.run(image.directory(), List.of("tar", "--warning=no-unknown-keyword",
                "-tzf", blob(image.directory(), image.layers().get(3)).toString()));
        assertThat(listing.output()).contains("deployments/classes/io/tiski/localstack/DeadLetterReplay.class");
        Manifests.Run libraries = Manifests.run(image.directory(), List.of("tar", "--warning=no-unknown-keyword",
                "-tzf", blob(image.directory(), image.layers().get(2)).toString()));
        assertThat(libraries.output()).contains("deployments/lib/kafka-clients-");
    }

    @Test
    void theNotificationImageStartsFromItsOwnFilesAndSendsAnAcknowledgement() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "running an image's file system needs chroot, which needs root (as on the CI machines)");
        Image image = open("notification-service");
        Path root = Manifests.DEPLOY.resolve("target/image-root/notification-service");
        if (!Files.isDirectory(root.resolve("opt/java"))) {
            Files.createDirectories(root);
            for (String layer : image.layers()) {
                Manifests.Run unpack = Manifests.run(root, List.of("tar", "--warning=no-unknown-keyword", "-xzf",
                        blob(image.directory(), layer).toString()));
                assertThat(unpack.exitCode()).as(unpack.output()).isZero();
            }
        }
        Files.createDirectories(root.resolve("proc")); // where a container runtime mounts /proc

        try (PostgresServer postgres = PostgresServer.startOrConnect(0, null);
                KafkaBroker kafka = KafkaBroker.startEphemeral();
                MailServer mail = MailServer.start(0, 0)) {
            kafka.createTopics(Topics.all());
            PostgresServer.Database database = postgres.database("tiski_notification_image");
            int port = FreePorts.orPick(0);
            // the image's environment only: nothing of this machine's PATH or JAVA_HOME leaks in
            List<String> command = new ArrayList<>(List.of(executable("unshare"), "--fork", "--kill-child", "--pid", "--mount",
                    "--mount-proc=" + root.resolve("proc"), executable("chroot"), "--userspec=" + ServiceImages.USER,
                    root.toString()));
            command.addAll(JSON.convertValue(image.config().path("config").path("Entrypoint"), List.class));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Files.createDirectories(Manifests.DEPLOY.resolve("target")).resolve(
                            "notification-image.log").toFile());
            builder.environment().clear();
            image.config().path("config").path("Env").forEach(e -> {
                String[] pair = e.asText().split("=", 2);
                builder.environment().put(pair[0], pair[1]);
            });
            builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                    "TISKI_NOTIFICATION_DB_URL", database.jdbcUrl(), "TISKI_NOTIFICATION_DB_USER", database.user(),
                    "TISKI_NOTIFICATION_DB_PASSWORD", database.password(),
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "TISKI_SMTP_HOST", "127.0.0.1",
                    "TISKI_SMTP_PORT", String.valueOf(mail.smtpPort()), "TISKI_SMTP_STARTTLS", "DISABLED",
                    "TISKI_OBJECT_STORE_DIR", "/tmp/objects", "TISKI_JSON_LOGS", "false"));
            Process service = builder.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    assertThat(service.isAlive()).as("the service exited; see target/notification-image.log")
                            .isTrue();
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString())
                                .statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });

                String requestId = UUID.randomUUID().toString();
                String to = "image-" + requestId + "@example.fi";
                new TopicProbe(kafka.bootstrapServers()).publish(EventEnvelope.of(new OutboundMessageRequested(
                        requestId, Instant.now(), UUID.randomUUID().toString(), 9090, Channel.EMAIL,
                        "email:orig-" + requestId + "@example.fi", OutboundKind.ACKNOWLEDGEMENT,
                        new Participant(to, "Aino"), "fi", "Palautus", null, null, null,
                        new OutboundEmail("ack." + requestId + "@tiski.localhost", "orig-" + requestId
                                + "@example.fi", List.of("orig-" + requestId + "@example.fi"), "support@localhost",
                                "support@localhost"), List.of()), "/test"));
                await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(mail.greenMail()
                        .getReceivedMessages()).anyMatch(m -> {
                            try {
                                return m.getAllRecipients()[0].toString().equals(to)
                                        && m.getSubject().startsWith("[#9090] ");
                            } catch (Exception e) {
                                return false;
                            }
                        }));
            } finally {
                // the service itself first (chroot's change of user drops unshare's kill-on-exit), then unshare
                List<ProcessHandle> inside = service.toHandle().descendants().toList();
                inside.forEach(ProcessHandle::destroy);
                for (ProcessHandle process : inside) {
                    try {
                        process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        process.destroyForcibly();
                    }
                }
                service.destroy();
                if (!service.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        }
    }
}
