package io.tiski.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tiski.notifications")
public interface NotificationConfig {
    /** Shown as the sender's name and in acknowledgements. */
    @WithDefault("Tiski")
    String brandName();

    /** At most this many acknowledgements go to one address within {@link #acknowledgementWindow()}. */
    @WithDefault("3")
    int acknowledgementBudget();

    @WithDefault("PT24H")
    Duration acknowledgementWindow();

    /** Written into the loop header of everything Tiski sends, so its own intake recognises it. */
    @WithDefault("tiski")
    String instanceName();

    /** Language of messages when the request names none or one without templates. */
    @WithDefault("en")
    String defaultLanguage();

    /**
     * Per brand (the ticket's brand, by name): the name customers see and the signature under agents' replies;
     * a brand not listed uses {@link #brandName()} and no signature.
     */
    java.util.Map<String, Brand> brands();

    interface Brand {
        /** Shown as the sender's name and in the messages, e.g. "Outlet Oy". */
        java.util.Optional<String> name();

        /** Lines under an agent's name in replies ("\\n" between lines), e.g. opening hours and phone. */
        java.util.Optional<String> signature();

        /** The brand's own mail server; a brand without one sends through the default ({@code quarkus.mailer.*}). */
        java.util.Optional<SmtpServer> smtp();
    }

    /** One outgoing mail server: where, how encrypted, with which login, signed with which DKIM key. */
    interface SmtpServer {
        String host();

        /** 587 (submission with STARTTLS) unless said otherwise; 465 with {@link #tls()}. */
        @WithDefault("587")
        int port();

        /** TLS from the first byte (port 465). */
        @WithDefault("false")
        boolean tls();

        /** STARTTLS: DISABLED, OPTIONAL or REQUIRED (the default: credentials never travel in clear text). */
        @WithDefault("REQUIRED")
        io.vertx.ext.mail.StartTLSOptions startTls();

        java.util.Optional<String> username();

        /** From the environment or a Kubernetes secret, never from a file in the repository. */
        java.util.Optional<String> password();

        /** Signs every mail of the brand when the shop provides a key. */
        java.util.Optional<Dkim> dkim();
    }

    /** DKIM signing (RFC 6376) with the shop's key; the public half is published at selector._domainkey.domain. */
    interface Dkim {
        /** The signing domain (d=), normally the domain of the brand's support address. */
        String domain();

        /** The selector (s=) under which the public key is published in DNS. */
        String selector();

        /** The RSA private key, PKCS#8, as PEM or bare base64 (e.g. from a secret in the environment). */
        java.util.Optional<String> privateKey();

        /** Or a file holding it (a mounted Kubernetes secret). */
        java.util.Optional<String> privateKeyFile();

        /** The headers the signature covers. */
        @WithDefault("From,Reply-To,To,Subject,Date,Message-ID,In-Reply-To,References,MIME-Version,Content-Type,"
                + "Auto-Submitted")
        java.util.List<String> signedHeaders();
    }

    /** How long one SMTP conversation may take before the send is retried. */
    @WithDefault("PT1M")
    Duration smtpTimeout();

    /** Mail the server put off (a 4xx reply, no connection, a timeout, a refused login): when it is tried again. */
    Deferred deferred();

    interface Deferred {
        /** The wait before the first retry; each further wait is twice the one before. */
        @WithDefault("PT30S")
        Duration firstRetryAfter();

        /** The longest wait between two attempts. */
        @WithDefault("PT10M")
        Duration longestRetryInterval();

        /**
         * How long after the first put-off the request fails (reported on the ticket with the server's last
         * answer). Zero fails a mail at its first put-off.
         */
        @WithDefault("P1D")
        Duration giveUpAfter();

        /** How often the ledger is looked at for deferred mail that is due. */
        @WithDefault("5s")
        Duration pollInterval();

        /** Deferred mails sent at once per instance, beside the senders of new requests. */
        @WithDefault("8")
        @jakarta.validation.constraints.Min(1)
        int concurrency();
    }

    /** Where the embedded object store keeps files (the same directory as the other services'). */
    @WithDefault("${java.io.tmpdir}/tiski-objects")
    String storageDirectory();

    /** Where the files attached to replies are read from. */
    io.tiski.objectstore.ObjectStoreConfig storage();
}
