package io.tiski.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiski.infrastructure.testing.LogSecretScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After every test of this service has run (this runs in the integration-test phase), the log they produced —
 * DEBUG for Tiski's own classes — holds none of the service's configured secrets.
 */
class LogsHoldNoSecretsIT {
    static final Path LOG = Path.of("target/test-logs/notification-service.log");

    @Test
    void theTestRunsLogHoldsNoSecret() throws IOException {
        assertThat(LOG).as("the tests wrote their log (quarkus.log.file in %test)").exists();
        assertThat(Files.size(LOG)).as("the log has the whole run in it").isGreaterThan(10_000);
        Map<String, String> secrets = new LinkedHashMap<>(LogSecretScan.configuredSecrets(
                Path.of("src/main/resources/application.properties")));
        secrets.put("the brand mail server's password (BrandMailServersResource)", BrandMailServersResource.PASSWORD);
        assertThat(secrets).isNotEmpty();
        assertThat(LogSecretScan.leakedInto(LOG, secrets)).as("secrets found in " + LOG).isEmpty();
    }
}
