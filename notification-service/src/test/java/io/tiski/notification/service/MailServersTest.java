package io.tiski.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiski.notification.config.NotificationConfig;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailServersTest {
    record Key(Optional<String> privateKey, Optional<String> privateKeyFile) implements NotificationConfig.Dkim {
        public String domain() {
            return "shop.example";
        }

        public String selector() {
            return "tiski";
        }

        public List<String> signedHeaders() {
            return List.of("From");
        }
    }

    @Test
    void aPemKeyIsHandedOnAsBareBase64() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String base64 = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + base64.replaceAll("(.{64})", "$1\n")
                + "\n-----END PRIVATE KEY-----\n";
        assertThat(MailServers.privateKey("outlet", new Key(Optional.of(pem), Optional.empty()))).isEqualTo(base64);
    }

    @Test
    void keysThatCannotSignSayWhichPropertyToFixAndHow() {
        assertThatThrownBy(() -> MailServers.privateKey("outlet", new Key(Optional.empty(), Optional.empty())))
                .hasMessageContaining("tiski.notifications.brands.outlet.smtp.dkim.private-key");
        assertThatThrownBy(() -> MailServers.privateKey("outlet", new Key(Optional.of(
                "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"), Optional.empty())))
                .hasMessageContaining("PKCS#1").hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> MailServers.privateKey("outlet", new Key(Optional.of("bm90IGEga2V5"),
                Optional.empty()))).hasMessageContaining("not an RSA key in PKCS#8");
        assertThatThrownBy(() -> MailServers.privateKey("outlet", new Key(Optional.empty(),
                Optional.of("/nonexistent/dkim.pem")))).hasMessageContaining("/nonexistent/dkim.pem");
    }
}
