package io.tiski.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiski.notification.config.NotificationConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class MailServersTest {
    /**
     * Many senders at once, each mail on a new connection to a server that greets the moment it accepts: every
     * mail goes out. Called from the senders' own threads, the mail client now and then lost such a greeting and
     * waited until the SMTP timeout (a few connections in a hundred; ADR 0003).
     */
    @Test
    void sendersOnThreadsOfTheirOwnNeverLoseTheServersGreeting() throws Exception {
        Vertx vertx = Vertx.vertx();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try (ServerSocket smtp = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            Thread accepting = new Thread(() -> {
                while (!smtp.isClosed()) {
                    try {
                        Socket connection = smtp.accept();
                        Thread conversation = new Thread(() -> converse(connection));
                        conversation.setDaemon(true);
                        conversation.start();
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            MailClient client = MailClient.create(vertx,
                    new MailConfig().setHostname("127.0.0.1").setPort(smtp.getLocalPort())
                            .setStarttls(StartTLSOptions.DISABLED)
                            .setLogin(LoginOption.DISABLED).setKeepAlive(false)
                            .setMaxPoolSize(16));
            MailServers.Server server = new MailServers.Server("test", "127.0.0.1", smtp.getLocalPort(), client,
                    MailServers.eventLoop(vertx));
            List<Future<Boolean>> sends = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                MailMessage mail = new MailMessage().setFrom("support@shop.example")
                        .setTo("asiakas-" + i + "@example.fi").setSubject("Tiketti " + i).setText("Kiitos viestistä");
                sends.add(senders.submit(() -> {
                    try {
                        server.send(mail).get(5, TimeUnit.SECONDS);
                        return true;
                    } catch (TimeoutException e) {
                        return false;
                    }
                }));
            }
            int hung = 0;
            for (Future<Boolean> send : sends) {
                hung += send.get(60, TimeUnit.SECONDS) ? 0 : 1;
            }
            assertThat(hung).as("sends that waited for a greeting already given").isZero();
        } finally {
            senders.shutdownNow();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Greets at once and takes every mail. */
    private static void converse(Socket connection) {
        try (Socket client = connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(
                    client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            out.write("220 mx.example.fi ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean data = false;
            for (String line; (line = in.readLine()) != null; ) {
                String reply;
                if (data) {
                    if (!line.equals(".")) {
                        continue;
                    }
                    data = false;
                    reply = "250 2.0.0 Ok: queued";
                } else {
                    String command = line.toUpperCase(Locale.ROOT);
                    data = command.startsWith("DATA");
                    reply = command.startsWith("EHLO") ? "250-mx.example.fi\r\n250 8BITMIME" : data ? "354 go ahead"
                            : command.startsWith("QUIT") ? "221 Bye" : "250 OK";
                }
                out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                if (reply.startsWith("221")) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

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
