package io.tiski.notification;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tiski.infrastructure.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Brands with mail servers of their own: "relayed" sends through a second real SMTP server that wants a login
 * and signs with a DKIM key made for the test; "refusing" sends through a server that refuses every recipient
 * with 550, as a receiving domain does for an address that does not exist; "greylisting" through one that puts
 * every recipient off with 451, as a greylisting or rate-limiting server does; "returning" through a real SMTP
 * server that is down until a test starts it ({@link #returning}); "silent" through one that takes the connection
 * and never greets, so that every attempt lasts until the SMTP timeout.
 */
public class BrandMailServersResource implements QuarkusTestResourceLifecycleManager {
    static final String LOGIN = "relay-login";
    static final String PASSWORD = "relay-secret";
    static final String DKIM_DOMAIN = "relayed.example";
    static final String DKIM_SELECTOR = "tiski2026";

    static GreenMail relay;
    static KeyPair dkimKey;
    private static ServerSocket refusing;
    private static ServerSocket greylisting;
    private static ServerSocket silent;
    /** Not started: the brand's server is down until a test starts it. */
    static GreenMail returning;
    private static int returningPort;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (relay == null) {
                int port = FreePorts.orPick(0);
                relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                        .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@relayed.example", LOGIN,
                                PASSWORD));
                relay.start();
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                dkimKey = generator.generateKeyPair();
                refusing = answering("refusing-smtp", "550 5.1.1 No such mailbox here");
                greylisting = answering("greylisting-smtp", "451 4.7.1 Greylisted, please try again later");
                silent = silent();
                returningPort = FreePorts.orPick(0);
                returning = new GreenMail(new ServerSetup(returningPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            }
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(
                    StandardCharsets.US_ASCII)).encodeToString(dkimKey.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            String relayed = "tiski.notifications.brands.relayed.";
            String refused = "tiski.notifications.brands.refusing.";
            return Map.ofEntries(Map.entry(relayed + "name", "Relayed Shop AB"),
                    Map.entry(relayed + "smtp.host", "127.0.0.1"),
                    Map.entry(relayed + "smtp.port", String.valueOf(relay.getSmtp().getPort())),
                    Map.entry(relayed + "smtp.start-tls", "DISABLED"),
                    Map.entry(relayed + "smtp.username", LOGIN), Map.entry(relayed + "smtp.password", PASSWORD),
                    Map.entry(relayed + "smtp.dkim.domain", DKIM_DOMAIN),
                    Map.entry(relayed + "smtp.dkim.selector", DKIM_SELECTOR),
                    Map.entry(relayed + "smtp.dkim.private-key", pem),
                    Map.entry(refused + "smtp.host", "127.0.0.1"),
                    Map.entry(refused + "smtp.port", String.valueOf(refusing.getLocalPort())),
                    Map.entry(refused + "smtp.start-tls", "DISABLED"),
                    Map.entry("tiski.notifications.brands.greylisting.smtp.host", "127.0.0.1"),
                    Map.entry("tiski.notifications.brands.greylisting.smtp.port",
                            String.valueOf(greylisting.getLocalPort())),
                    Map.entry("tiski.notifications.brands.greylisting.smtp.start-tls", "DISABLED"),
                    Map.entry("tiski.notifications.brands.returning.smtp.host", "127.0.0.1"),
                    Map.entry("tiski.notifications.brands.returning.smtp.port",
                            String.valueOf(returningPort)),
                    Map.entry("tiski.notifications.brands.returning.smtp.start-tls", "DISABLED"),
                    Map.entry("tiski.notifications.brands.silent.smtp.host", "127.0.0.1"),
                    Map.entry("tiski.notifications.brands.silent.smtp.port", String.valueOf(silent.getLocalPort())),
                    Map.entry("tiski.notifications.brands.silent.smtp.start-tls", "DISABLED"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the brands' mail servers", e);
        }
    }

    /** The public key as the brand publishes it at {@code tiski2026._domainkey.relayed.example}. */
    static String dkimRecord() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(dkimKey.getPublic().getEncoded());
    }

    /** A server on a port of its own that answers every recipient with {@code recipientReply}. */
    private static ServerSocket answering(String name, String recipientReply) throws java.io.IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> answerForever(server, recipientReply), name);
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    /**
     * A server that takes every connection and says nothing (a relay that hangs): the client waits for its greeting
     * until it gives up. Each connection is held until the client closes it.
     */
    private static ServerSocket silent() throws java.io.IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread holding = new Thread(() -> {
                        try (Socket held = client) {
                            while (held.getInputStream().read() >= 0) {
                                // nothing is answered
                            }
                        } catch (Exception e) {
                            // the client went away
                        }
                    }, "silent-smtp-connection");
                    holding.setDaemon(true);
                    holding.start();
                } catch (Exception e) {
                    // closed, or one failed accept
                }
            }
        }, "silent-smtp");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    /** Takes connections, each answered on a thread of its own (the client keeps several open at once). */
    private static void answerForever(ServerSocket server, String recipientReply) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread conversation = new Thread(() -> converse(client, recipientReply), "smtp-conversation");
                conversation.setDaemon(true);
                conversation.start();
            } catch (Exception e) {
                // closed, or one failed accept: the next connection is answered the same
            }
        }
    }

    /**
     * Speaks enough SMTP to refuse: greets, accepts the sender, answers every recipient with {@code recipientReply}
     * (for good with a 5xx, for now with a 4xx).
     */
    private static void converse(Socket connection, String recipientReply) {
        try (Socket client = connection) {
            client.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            out.write("220 refusing.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                String reply = command.startsWith("EHLO") ? "250-refusing.example\r\n250 8BITMIME"
                        : command.startsWith("RCPT") ? recipientReply
                        : command.startsWith("QUIT") ? "221 Bye" : "250 OK";
                out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                if (command.startsWith("QUIT")) {
                    break;
                }
            }
        } catch (Exception e) {
            // the client went away; the next connection gets the same answer
        }
    }

    @Override
    public void stop() {
        // kept for the next test class of this JVM, like the default mail server
    }
}
