package io.tiski.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code ./tiski up}: the whole stack on embedded defaults, until Ctrl-C. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("tiski.root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(env("TISKI_HOME", root.resolve(".tiski").toString())).toAbsolutePath();
        Files.createDirectories(data.resolve("logs"));
        String token = System.getenv("TISKI_BOOTSTRAP_ADMIN_TOKEN");
        boolean generated = token == null || token.isBlank();
        if (generated) {
            token = kept(data.resolve("admin-token"), "tiski_", 24);
        }
        String password = System.getenv("TISKI_BOOTSTRAP_ADMIN_PASSWORD");
        boolean passwordGenerated = password == null || password.isBlank();
        if (passwordGenerated) {
            password = kept(data.resolve("admin-password"), "", 18);
        }
        String support = env("TISKI_SUPPORT_ADDRESS", "support@localhost");
        LocalStack.Settings settings = new LocalStack.Settings(root, data, true,
                port("TISKI_TICKET_PORT", 8080), port("TISKI_EMAIL_INGEST_PORT", 8081),
                port("TISKI_SOCIAL_INGEST_PORT", 8082), port("TISKI_NOTIFICATION_PORT", 8083),
                port("TISKI_KAFKA_PORT", 9092), port("TISKI_SMTP_PORT", 3025), port("TISKI_IMAP_PORT", 3143),
                support, token, password, System.getenv("TISKI_TELEGRAM_SECRET"), Duration.ofSeconds(120), Map.of(), Map.of());

        Instant started = Instant.now();
        LocalStack stack;
        try {
            stack = LocalStack.start(settings, System.out::println);
        } catch (RuntimeException e) {
            System.err.println("\nTiski did not start: " + e.getMessage());
            System.err.println("Logs are in " + data.resolve("logs")
                    + ". A port in use? Set TISKI_TICKET_PORT, TISKI_KAFKA_PORT, TISKI_SMTP_PORT … to others.");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Tiski…");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "tiski-stop"));

        String ticketUrl = stack.service(LocalStack.TICKET).url();
        System.out.printf("""

                Tiski is up (%d s).

                  Workspace      %s/      (the agents' web UI; sign in as admin)
                  Agent API      %s/api/v1/tickets      (OpenAPI: %s/q/openapi)
                  Contact form   %s/api/v1/contact-form
                  Social         %s/api/v1/webhooks/telegram/local
                  Notifications  %s/q/health
                  Kafka          %s
                  Mail server    SMTP 127.0.0.1:%d, IMAP 127.0.0.1:%d (any address receives; any password reads it)
                  Support        %s
                  Sign-in        admin / %s%s
                  Admin token    %s%s
                  Logs           %s

                Try it:
                  curl -s --url smtp://127.0.0.1:%d --mail-from you@example.com --mail-rcpt %s \\
                       --upload-file <(printf 'From: You <you@example.com>\\r\\nTo: %s\\r\\nSubject: Hello Tiski\\r\\n\\r\\nWhere is my order?\\r\\n')
                  curl -s -H "Authorization: Bearer %s" %s/api/v1/tickets

                Ctrl-C stops everything.
                """, Duration.between(started, Instant.now()).toSeconds(), ticketUrl, ticketUrl, ticketUrl,
                stack.service(LocalStack.EMAIL_INGEST).url(), stack.service(LocalStack.SOCIAL_INGEST).url(),
                stack.service(LocalStack.NOTIFICATION).url(), stack.kafka().bootstrapServers(),
                stack.mail().smtpPort(), stack.mail().imapPort(), support, password,
                passwordGenerated ? "  (generated, kept in " + data.resolve("admin-password") + "; on first start only)"
                        : "", token,
                generated ? "  (generated, kept in " + data.resolve("admin-token") + ")" : "",
                data.resolve("logs"), stack.mail().smtpPort(), support, support, token, ticketUrl);
        stopped.await();
    }

    /** A random secret kept in {@code file} (readable by its owner only), made on first use. */
    private static String kept(Path file, String prefix, int bytes) throws java.io.IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        String secret = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, secret + "\n");
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
        return secret;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int port(String name, int fallback) {
        String value = System.getenv(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
