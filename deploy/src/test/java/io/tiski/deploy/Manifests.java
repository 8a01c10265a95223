package io.tiski.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Renders overlays with kubectl's built-in Kustomize and checks the result without a cluster. */
final class Manifests {
    static final Path DEPLOY = Path.of("").toAbsolutePath();
    static final Path ROOT = DEPLOY.getParent();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private static final Map<String, Class<?>> STRIMZI = Map.of(
            "Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class,
            "KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class,
            "KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class,
            "KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class);

    private Manifests() {
    }

    /** What a command printed and how it ended. */
    record Run(int exitCode, String output) {
    }

    static Run run(Path directory, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes");
            }
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (" + e.getMessage() + "): the deployment "
                    + "checks need kubectl (1.27 or newer, Kustomize built in) and Node.js 18+ with npm on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code kubectl kustomize <dir>}: the documented equivalent of {@code kustomize build}. */
    static String render(String kustomization) {
        Run run = run(DEPLOY, List.of("kubectl", "kustomize", kustomization));
        if (run.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + kustomization + " failed:\n" + run.output());
        }
        return run.output();
    }

    static List<JsonNode> documents(String yaml) {
        try (var parser = YAML.getFactory().createParser(yaml)) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema check (deploy/validate/validate.mjs), its npm packages installed once from the lock file. */
    static Run validateWithSchemas(String rendered, String name) throws IOException {
        Path validator = DEPLOY.resolve("validate");
        if (!Files.isDirectory(validator.resolve("node_modules"))) {
            Run install = run(validator, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
            if (install.exitCode() != 0) {
                throw new AssertionError("npm ci in deploy/validate failed:\n" + install.output());
            }
        }
        Path file = Files.createDirectories(DEPLOY.resolve("target")).resolve(name + ".yaml");
        Files.writeString(file, rendered);
        return run(validator, List.of("node", "validate.mjs", file.toString()));
    }

    /**
     * The strict check: every built-in object read into the fabric8 Kubernetes model and every Strimzi resource into
     * Strimzi's API model; a field either model does not know (a typo the API server would drop silently) or a
     * value of the wrong type is a problem. Custom resources of other operators are left to the schema check.
     */
    static List<String> strictProblems(List<JsonNode> documents) {
        var serialization = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
        List<String> problems = new ArrayList<>();
        for (JsonNode document : documents) {
            String kind = document.path("kind").asText();
            String where = document.path("apiVersion").asText() + "/" + kind + " "
                    + document.path("metadata").path("name").asText();
            Object typed;
            try {
                if (document.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                    Class<?> model = STRIMZI.get(kind);
                    if (model == null) {
                        problems.add(where + ": not a Strimzi kind this check knows");
                        continue;
                    }
                    typed = YAML.treeToValue(document, model);
                } else {
                    typed = serialization.unmarshal(YAML.writeValueAsString(document));
                    if (typed instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource) {
                        continue; // another operator's resource: the schema check covers it
                    }
                }
            } catch (Exception e) {
                problems.add(where + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
                continue;
            }
            unknownFields(typed, "", where, problems, java.util.Collections.newSetFromMap(
                    new java.util.IdentityHashMap<>()));
        }
        return problems.stream().distinct().toList();
    }

    private static void unknownFields(Object value, String path, String where, List<String> problems,
            java.util.Set<Object> visited) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value.getClass().getName().startsWith("java.")
                        && !(value instanceof Collection<?>) && !(value instanceof Map<?, ?>)) {
            return;
        }
        if (!visited.add(value)) {
            return; // the same object under another getter
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "/" + i++, where, problems, visited);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "/" + key, where, problems, visited));
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> problems.add(where + ": " + path + "/" + key
                            + " is not a field of " + value.getClass().getSimpleName()));
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            unknownFields(property, path + "/" + field, where, problems, visited);
        }
    }
}
