package io.tiski.infrastructure.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tiski.infrastructure.MailServer;
import java.util.HashMap;
import java.util.Map;

/** A real SMTP and IMAP server for a service's tests, shared by the test classes of one JVM. */
public class MailTestResource implements QuarkusTestResourceLifecycleManager {
    private static MailServer server;

    public static synchronized MailServer server() {
        if (server == null) {
            server = MailServer.start(0, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mail-test-server-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        MailServer mail = server();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(mail.smtpPort()));
        config.put("quarkus.mailer.start-tls", "DISABLED");
        config.put("quarkus.mailer.tls", "false");
        config.put("tiski.test.smtp-port", String.valueOf(mail.smtpPort()));
        config.put("tiski.test.imap-port", String.valueOf(mail.imapPort()));
        return config;
    }

    @Override
    public void stop() {
        // kept for the next test class of this JVM
    }
}
