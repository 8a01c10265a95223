package io.tiski.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tiski.events.v1.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The rendered production overlay against the services as built: images, ports, health paths, the settings each
 * service reads, the Secrets it needs, and the Kafka topics, groups and ACLs its messaging configuration uses.
 */
class DeploymentsMatchServicesTest {
    static final List<String> SERVICES = List.of("ticket-service", "email-ingest-service", "social-ingest-service",
            "notification-service");
    static List<JsonNode> prod;
    static List<JsonNode> dev;

    @BeforeAll
    static void render() {
        prod = Manifests.documents(Manifests.render("overlays/prod"));
        dev = Manifests.documents(Manifests.render("overlays/dev"));
    }

    static JsonNode find(List<JsonNode> documents, String kind, String name) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the rendered overlay"));
    }

    static List<JsonNode> all(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** A service's application.properties, profiles stripped from the keys. */
    static Properties properties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Manifests.ROOT.resolve(service)
                .resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    static String envForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The variables a service reads: ${NAME} in its properties (and its installation's), or a property's env form. */
    static Set<String> variablesReadBy(String service) throws IOException {
        Set<String> names = new HashSet<>();
        Pattern reference = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
        Properties own = properties(service);
        String installation = find(prod, "ConfigMap", service + "-properties").path("data")
                .path("application.properties").asText();
        Properties mounted = new Properties();
        mounted.load(new java.io.StringReader(installation));
        for (Properties source : List.of(own, mounted)) {
            for (String key : source.stringPropertyNames()) {
                Matcher matcher = reference.matcher(source.getProperty(key));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
                names.add(envForm(key.replaceFirst("^%[a-z]+\\.", "")));
            }
        }
        return names;
    }

    static JsonNode container(String service) {
        JsonNode deployment = find(prod, "Deployment", service);
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.size()).as(service + " runs one container").isEqualTo(1);
        return containers.get(0);
    }

    static String projectVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>tiski-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Manifests.ROOT.resolve("pom.xml")));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "email-ingest-service", "social-ingest-service",
            "notification-service"})
    void theDeploymentRunsTheServicesImageOnItsPortWithItsHealthChecks(String service) throws IOException {
        JsonNode container = container(service);
        String version = projectVersion();
        assertThat(container.path("image").asText())
                .isEqualTo("registry.shop.example/tiski/" + service + ":" + version.replace("-SNAPSHOT", ""));
        assertThat(find(dev, "Deployment", service).path("spec").path("template").path("spec").path("containers")
                .get(0).path("image").asText()).isEqualTo("tiski/" + service + ":" + version);

        int port = Integer.parseInt(properties(service).getProperty("quarkus.http.port"));
        JsonNode http = stream(container.path("ports")).filter(p -> p.path("name").asText().equals("http"))
                .findFirst().orElseThrow();
        assertThat(http.path("containerPort").asInt()).isEqualTo(port);
        JsonNode servicePort = find(prod, "Service", service).path("spec").path("ports").get(0);
        assertThat(servicePort.path("port").asInt()).isEqualTo(port);
        assertThat(servicePort.path("targetPort").asText()).isEqualTo("http");

        assertThat(Files.readString(Manifests.ROOT.resolve(service).resolve("pom.xml")))
                .as(service + " serves /q/health").contains("<artifactId>quarkus-smallrye-health</artifactId>");
        assertThat(Map.of("startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready",
                "livenessProbe", "/q/health/live")).allSatisfy((probe, path) -> {
                    assertThat(container.path(probe).path("httpGet").path("path").asText()).as(probe).isEqualTo(path);
                    assertThat(container.path(probe).path("httpGet").path("port").asText()).as(probe)
                            .isEqualTo("http");
                });
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(find(prod, "Deployment", service).path("spec").path("template").path("spec")
                .path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(find(prod, "PodDisruptionBudget", service)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "email-ingest-service", "social-ingest-service",
            "notification-service"})
    void everyVariableTheDeploymentSetsIsOneTheServiceReads(String service) throws IOException {
        Set<String> read = variablesReadBy(service);
        List<String> set = stream(container(service).path("env")).map(e -> e.path("name").asText()).toList();
        assertThat(set).isNotEmpty().allSatisfy(name -> assertThat(name.startsWith("KAFKA_") || read.contains(name))
                .as(name + " is set for " + service + " but nothing in it reads it").isTrue());
    }

    @Test
    void everySharedSettingIsReadBySomeService() throws IOException {
        Set<String> read = new HashSet<>();
        for (String service : SERVICES) {
            read.addAll(variablesReadBy(service));
        }
        read.add("JAVA_TOOL_OPTIONS"); // read by the JVM of every service
        find(prod, "ConfigMap", "tiski-config").path("data").fieldNames().forEachRemaining(name ->
                assertThat(name.startsWith("KAFKA_") || read.contains(name))
                        .as(name + " in tiski-config is read by no service").isTrue());
    }

    @Test
    void everySecretADeploymentNeedsIsMadeByAnOperatorOrListedForTheInstaller() throws IOException {
        String deployDoc = Files.readString(Manifests.ROOT.resolve("docs/deploy.md"));
        Set<String> kafkaUsers = all(prod, "KafkaUser").stream().map(u -> u.path("metadata").path("name").asText())
                .collect(Collectors.toSet());
        for (JsonNode deployment : all(prod, "Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            List<String> secrets = new java.util.ArrayList<>();
            stream(pod.path("containers")).flatMap(c -> stream(c.path("env")))
                    .map(e -> e.path("valueFrom").path("secretKeyRef").path("name").asText()).filter(s -> !s.isEmpty())
                    .forEach(secrets::add);
            stream(pod.path("volumes")).map(v -> v.path("secret").path("secretName").asText())
                    .filter(s -> !s.isEmpty()).forEach(secrets::add);
            for (String secret : secrets) {
                boolean byOperator = kafkaUsers.contains(secret) || secret.equals("tiski-cluster-ca-cert");
                if (!byOperator) {
                    assertThat(deployDoc).as(name + " needs Secret " + secret + ": docs/deploy.md must list it")
                            .contains("`" + secret + "`");
                    assertThat(all(dev, "Secret")).as("the dev overlay generates " + secret)
                            .anyMatch(s -> s.path("metadata").path("name").asText().equals(secret));
                }
            }
        }
    }

    @Test
    void theTopicsAreTheOnesTheEventContractsName() {
        Map<String, Integer> declared = all(prod, "KafkaTopic").stream().collect(Collectors.toMap(
                t -> t.path("spec").path("topicName").asText(), t -> t.path("spec").path("partitions").asInt()));
        Map<String, Integer> contracts = Topics.all().stream().collect(Collectors.toMap(Topics.TopicSpec::name,
                Topics.TopicSpec::partitions));
        assertThat(declared).isEqualTo(contracts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-service", "email-ingest-service", "social-ingest-service",
            "notification-service"})
    void theServicesKafkaUserMayReadWhatItConsumesAndDeadLetterWhatItCannot(String service) throws IOException {
        Properties properties = properties(service);
        JsonNode acls = find(prod, "KafkaUser", service).path("spec").path("authorization").path("acls");
        assertThat(container(service).path("env").toString()).contains("\"name\":\"" + service + "\"");
        for (String key : properties.stringPropertyNames()) {
            Matcher incoming = Pattern.compile("^mp\\.messaging\\.incoming\\.([a-z-]+)\\.topic$").matcher(key);
            if (!incoming.find()) {
                continue;
            }
            String channel = "mp.messaging.incoming." + incoming.group(1) + ".";
            String topic = properties.getProperty(key);
            String group = properties.getProperty(channel + "group.id");
            String deadLetters = properties.getProperty(channel + "dead-letter-queue.topic");
            assertThat(allows(acls, "topic", topic, "Read")).as(service + " reads " + topic).isTrue();
            assertThat(allows(acls, "group", group, "Read")).as(service + " joins group " + group).isTrue();
            if (deadLetters != null) {
                assertThat(allows(acls, "topic", deadLetters, "Write")).as(service + " writes " + deadLetters)
                        .isTrue();
            }
            all(prod, "ScaledObject").stream().filter(s -> s.path("metadata").path("name").asText().equals(service))
                    .flatMap(s -> stream(s.path("spec").path("triggers")))
                    .filter(t -> t.path("type").asText().equals("kafka")).forEach(trigger -> {
                        assertThat(trigger.path("metadata").path("consumerGroup").asText()).isEqualTo(group);
                        assertThat(allows(find(prod, "KafkaUser", "tiski-keda").path("spec").path("authorization")
                                .path("acls"), "group", group, "Describe")).isTrue();
                    });
        }
    }

    @Test
    void theDeadLetterReplayRunsOnlyWhenAskedAsTheOperatorUserWhoMayReplayEveryDeadLetterTopic() throws IOException {
        JsonNode cronJob = find(prod, "CronJob", "tiski-dead-letter-replay");
        assertThat(cronJob.path("spec").path("suspend").asBoolean()).isTrue();
        JsonNode pod = cronJob.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("image").asText()).isEqualTo("registry.shop.example/tiski/operator-tools:"
                + projectVersion().replace("-SNAPSHOT", ""));
        assertThat(container.path("env").toString()).contains("\"name\":\"tiski-operator\"");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();

        Matcher group = Pattern.compile("GROUP = \"([^\"]+)\"").matcher(Files.readString(Manifests.ROOT.resolve(
                "local-stack/src/main/java/io/tiski/localstack/DeadLetterReplay.java")));
        assertThat(group.find()).isTrue();
        JsonNode acls = find(prod, "KafkaUser", "tiski-operator").path("spec").path("authorization").path("acls");
        assertThat(allows(acls, "group", group.group(1), "Read")).isTrue();
        for (Topics.TopicSpec topic : Topics.all()) {
            String operation = topic.name().endsWith(".dlt") ? "Read" : "Write";
            assertThat(allows(acls, "topic", topic.name(), operation)).as(operation + " " + topic.name()).isTrue();
        }
    }

    static boolean allows(JsonNode acls, String type, String name, String operation) {
        return stream(acls).anyMatch(acl -> {
            JsonNode resource = acl.path("resource");
            boolean matches = resource.path("type").asText().equals(type)
                    && (resource.path("patternType").asText("literal").equals("prefix")
                            ? name.startsWith(resource.path("name").asText())
                            : name.equals(resource.path("name").asText()));
            return matches && stream(acl.path("operations")).anyMatch(o -> o.asText().equals(operation));
        });
    }
}
