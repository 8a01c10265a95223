package io.tiski.notification;

import io.tiski.infrastructure.testing.LogSecretScan;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After every test of this service has run (this runs in the integration-test phase), the log they produced —
 * DEBUG for Tiski's own classes — holds none of the service's secrets.
 */
class LogsHoldNoSecretsIT {
    @Test
    void theTestRunsLogHoldsNoSecret() {
        LogSecretScan.verifyTestLog("notification-service", Map.of(
                "the brand mail server's password (BrandMailServersResource)", BrandMailServersResource.PASSWORD));
    }
}
