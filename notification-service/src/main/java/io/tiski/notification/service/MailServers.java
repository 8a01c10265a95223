package io.tiski.notification.service;

import io.tiski.notification.config.NotificationConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.CanonicalizationAlgorithm;
import io.vertx.ext.mail.DKIMSignOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The mail servers Tiski sends through: the default one ({@code quarkus.mailer.*}, the mailer extension's client)
 * and, for each brand that has its own ({@code tiski.notifications.brands.<brand>.smtp.*}), a client of its own
 * with the brand's login and DKIM key. Brands' clients are made at start, so a bad key stops the start with the
 * property to fix instead of failing mails later.
 */
@ApplicationScoped
public class MailServers {
    /**
     * One server a mail can leave through.
     *
     * @param context the event loop every conversation with the server starts on (see {@link #send})
     */
    public record Server(String name, String host, int port, MailClient client, Context context) {
        /**
         * Sends the mail; the result completes when the server accepted it, or with why not. The mail client is
         * called on the server's own event loop, never from the caller's thread: called from a thread of no event
         * loop (a sender), vertx-mail 4.5 now and then installed its reply handler on a new connection after the
         * server's greeting had already arrived, lost the greeting and waited for it until the SMTP timeout (a few
         * new connections in a hundred with sixteen senders, in a reproduction against a server that greets at once;
         * none in 40 000 sends when called on one event loop). One event loop per server is plenty: a conversation
         * mostly waits for the server.
         */
        public CompletableFuture<MailResult> send(MailMessage mail) {
            CompletableFuture<MailResult> accepted = new CompletableFuture<>();
            context.runOnContext(start -> {
                try {
                    client.sendMail(mail).onComplete(result -> {
                        if (result.succeeded()) {
                            accepted.complete(result.result());
                        } else {
                            accepted.completeExceptionally(result.cause());
                        }
                    });
                } catch (RuntimeException e) {
                    accepted.completeExceptionally(e);
                }
            });
            return accepted;
        }
    }

    private final Server defaultServer;
    private final Map<String, Server> byBrand = new LinkedHashMap<>();

    MailServers(Vertx vertx, MailClient defaultClient, NotificationConfig config,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.mailer.host") String defaultHost,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.mailer.port",
                    defaultValue = "25") int defaultPort,
            @org.eclipse.microprofile.config.inject.ConfigProperty(
                    name = "smallrye.messaging.worker.outbound-senders.max-concurrency", defaultValue = "16")
            int senders) {
        this.defaultServer = new Server("default", defaultHost, defaultPort, defaultClient, eventLoop(vertx));
        config.brands().forEach((brand, settings) -> settings.smtp().ifPresent(smtp -> byBrand.put(
                brand.toLowerCase(Locale.ROOT), new Server(brand, smtp.host(), smtp.port(),
                        MailClient.create(vertx, mailConfig(brand, smtp, senders)), eventLoop(vertx)))));
    }

    /** An event loop of its own for a server's conversations (not the context of whoever made this bean). */
    static Context eventLoop(Vertx vertx) {
        return ((io.vertx.core.impl.VertxInternal) vertx).createEventLoopContext();
    }

    /** The server a brand's mail leaves through: its own, or the default one. */
    public Server forBrand(String brand) {
        return brand == null ? defaultServer : byBrand.getOrDefault(brand.toLowerCase(Locale.ROOT), defaultServer);
    }

    /** The server of brands without one of their own ({@code quarkus.mailer.*}). */
    public Server defaultServer() {
        return defaultServer;
    }

    /** Every configured server, the default first. */
    public java.util.List<Server> all() {
        java.util.List<Server> servers = new java.util.ArrayList<>();
        servers.add(defaultServer);
        servers.addAll(byBrand.values());
        return servers;
    }

    /** @param senders the sends at once: each holds one connection, so the pool is as large */
    static MailConfig mailConfig(String brand, NotificationConfig.SmtpServer smtp, int senders) {
        MailConfig mail = new MailConfig().setHostname(smtp.host()).setPort(smtp.port()).setSsl(smtp.tls())
                .setStarttls(smtp.startTls()).setKeepAlive(true).setMaxPoolSize(Math.max(1, senders));
        if (smtp.username().isPresent()) {
            mail.setUsername(smtp.username().get()).setPassword(smtp.password().orElse(""))
                    .setLogin(LoginOption.REQUIRED);
        } else {
            mail.setLogin(LoginOption.DISABLED);
        }
        smtp.dkim().ifPresent(dkim -> mail.setEnableDKIM(true).setDKIMSignOption(new DKIMSignOptions()
                .setSdid(dkim.domain()).setSelector(dkim.selector()).setSignedHeaders(dkim.signedHeaders())
                .setHeaderCanonAlgo(CanonicalizationAlgorithm.RELAXED)
                .setBodyCanonAlgo(CanonicalizationAlgorithm.RELAXED)
                .setPrivateKey(privateKey(brand, dkim))));
        return mail;
    }

    /** The PKCS#8 key as the mail client wants it: bare base64, checked to be a readable RSA key. */
    static String privateKey(String brand, NotificationConfig.Dkim dkim) {
        String property = "tiski.notifications.brands." + brand + ".smtp.dkim.";
        String text;
        if (dkim.privateKey().filter(k -> !k.isBlank()).isPresent()) {
            text = dkim.privateKey().get();
        } else if (dkim.privateKeyFile().isPresent()) {
            try {
                text = Files.readString(Path.of(dkim.privateKeyFile().get()));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the DKIM key of brand " + brand + " from "
                        + dkim.privateKeyFile().get() + " (" + property + "private-key-file): " + e.getMessage(), e);
            }
        } else {
            throw new IllegalStateException("Brand " + brand + " signs with DKIM but has no key: set "
                    + property + "private-key (PKCS#8, PEM or base64) or " + property + "private-key-file");
        }
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException("The DKIM key of brand " + brand + " is PKCS#1; convert it with "
                    + "`openssl pkcs8 -topk8 -nocrypt -in key.pem` and set " + property + "private-key again");
        }
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            java.security.KeyFactory.getInstance("RSA").generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("The DKIM key of brand " + brand + " is not an RSA key in PKCS#8 ("
                    + property + "private-key): " + e.getMessage(), e);
        }
        return base64;
    }

    @PreDestroy
    void close() {
        byBrand.values().forEach(server -> server.client().close());
    }
}
