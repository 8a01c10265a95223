package io.tiski.infrastructure.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Checks a service's log for its secrets: every literal value of a setting whose name says it is secret
 * (password, secret, token, key, jaas) in its application.properties, in any profile, plus any others given.
 */
public final class LogSecretScan {
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|api-key|private-key|jaas).*");
    static final int SHORTEST = 8;

    private LogSecretScan() {
    }

    /** Setting → literal secret value, from a properties file (references like ${X:} are not literals). */
    public static Map<String, String> configuredSecrets(Path applicationProperties) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name).strip();
            if (SECRET_NAME.matcher(name).matches() && value.length() >= SHORTEST && !value.contains("${")) {
                secrets.put(name, value);
            }
        }
        return secrets;
    }

    /** The secrets (by what they are) that occur in the log. */
    public static List<String> leakedInto(Path log, Map<String, String> secrets) {
        String text;
        try {
            text = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("no log at " + log + ": " + e.getMessage(), e);
        }
        List<String> leaked = new ArrayList<>();
        secrets.forEach((what, value) -> {
            if (text.contains(value)) {
                leaked.add(what);
            }
        });
        return leaked;
    }

    /**
     * For a service's LogsHoldNoSecretsIT: the log its test run wrote to {@code target/test-logs/<service>.log}
     * exists, holds the run, and holds none of the secrets configured in its application.properties nor any of
     * {@code more} (what → value, e.g. a password a test resource sets). Throws AssertionError naming what leaked.
     */
    public static void verifyTestLog(String service, Map<String, String> more) {
        Path log = Path.of("target/test-logs/" + service + ".log");
        try {
            if (!Files.exists(log) || Files.size(log) < 10_000) {
                throw new AssertionError(log + " is missing or nearly empty: the tests did not write their log "
                        + "(quarkus.log.file in the %test profile)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> secrets = new LinkedHashMap<>(configuredSecrets(Path.of(
                "src/main/resources/application.properties")));
        secrets.putAll(more);
        if (secrets.isEmpty()) {
            throw new AssertionError("no secrets to look for: nothing is checked");
        }
        List<String> leaked = leakedInto(log, secrets);
        if (!leaked.isEmpty()) {
            throw new AssertionError("secrets found in " + log + ": " + leaked);
        }
    }
}
