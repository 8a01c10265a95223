package io.tiski.emailingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "tiski.intake")
public interface IntakeConfig {
    /** The domain of Message-IDs Tiski generates; mail carrying one is Tiski's own. */
    @WithDefault("tiski.localhost")
    String ownMessageIdDomain();

    /** Where contact-form tickets are addressed to. */
    @WithDefault("support@localhost")
    String contactFormAddress();

    /** Mail larger than this is quarantined instead of processed. */
    @WithDefault("26214400")
    long maxMessageBytes();

    /** Attachments larger than this are left out of the ticket, listed with the reason. */
    @WithDefault("15728640")
    long maxAttachmentBytes();

    /** Where the embedded object store keeps raw mail and attachments. */
    @WithDefault("${java.io.tmpdir}/tiski-objects")
    String storageDirectory();

    /** Where raw mail and attachments are kept: {@code filesystem} (the directory above) or {@code s3}. */
    io.tiski.objectstore.ObjectStoreConfig storage();

    /** The token that authorises the raw-MIME intake and the quarantine endpoints (TISKI_BOOTSTRAP_ADMIN_TOKEN). */
    Optional<String> adminToken();

    /** IMAP mailboxes to read, by name. */
    Map<String, Mailbox> mailboxes();

    interface Mailbox {
        @WithDefault("true")
        boolean enabled();

        String host();

        @WithDefault("993")
        int port();

        /** imap or imaps */
        @WithDefault("imaps")
        String protocol();

        @WithDefault("false")
        boolean startTls();

        String user();

        Optional<String> password();

        @WithDefault("INBOX")
        String folder();

        /** The support address this mailbox receives for. */
        String supportAddress();

        /** The shop brand this mailbox belongs to, carried onto its tickets. */
        Optional<String> brand();

        /** The team its tickets are routed to. */
        Optional<String> team();

        /**
         * How often the mailbox is checked when the server cannot push (no IMAP IDLE); with IDLE, how long one
         * IDLE lasts before it is renewed (servers drop idle connections after 30 minutes).
         */
        @WithDefault("5s")
        Duration pollInterval();

        /** Use IMAP IDLE when the server offers it, so new mail arrives within a second instead of a poll tick. */
        @WithDefault("true")
        boolean idle();

        @WithDefault("PT10M")
        Duration idleRenewal();

        /** XOAUTH2 to sign in with an OAuth2 access token in {@code password} (Microsoft 365, Google). */
        @WithDefault("false")
        boolean oauth2();

        /** Set \Seen on mail once it is taken in (it is tracked by UID either way). */
        @WithDefault("false")
        boolean markSeen();

        /** Move mail to this folder once it is taken in; empty to leave it where it is. */
        Optional<String> moveToFolder();
    }
}
