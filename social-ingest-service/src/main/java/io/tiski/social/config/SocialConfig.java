package io.tiski.social.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tiski.objectstore.ObjectStoreConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The social connections and how they are taken in. Secrets (app secrets, tokens) come from the environment or a
 * Kubernetes secret, never from a file in the image, and are never logged.
 */
@ConfigMapping(prefix = "tiski.social")
public interface SocialConfig {
    /** Telegram bots, by connection name: the webhook is /api/v1/webhooks/telegram/{name}. */
    Map<String, TelegramBot> telegram();

    /** Facebook pages, Instagram accounts and WhatsApp numbers, by connection name: /api/v1/webhooks/meta/{name}. */
    Map<String, MetaAccount> meta();

    /** X (Twitter) accounts with Account Activity access, by connection name: /api/v1/webhooks/x/{name}. */
    Map<String, XAccount> x();

    /** Largest webhook body accepted, in bytes; larger requests get 413 before parsing. */
    @WithDefault("262144")
    int maxWebhookBytes();

    /**
     * Refused webhook requests (no or wrong signature, replays, unknown connections) one address may make per
     * minute before every webhook answers it 429: guessing secrets or flooding costs the guesser, not the platforms,
     * whose signed requests are never counted.
     */
    @WithDefault("60")
    int refusalsPerMinute();

    /** Largest photo, file or voice message kept from a platform; larger ones are listed with the reason. */
    @WithDefault("26214400")
    long maxMediaBytes();

    /** How long a received request is remembered, so that the same signed request presented again is refused. */
    @WithDefault("P7D")
    Duration replayWindow();

    /** How often waiting webhook deliveries are looked for (new ones are also handled at once). */
    @WithDefault("1s")
    Duration processingInterval();

    /** Attempts at a delivery whose media cannot be fetched before it is published without that media. */
    @WithDefault("8")
    int maxAttempts();

    /** Time allowed to each call to a platform's API. */
    @WithDefault("PT20S")
    Duration platformTimeout();

    /** Where the embedded object store keeps media. */
    @WithDefault("${java.io.tmpdir}/tiski-objects")
    String storageDirectory();

    /** Where media is kept: the same store as email-ingest-service's, so tickets find every file by its hash. */
    ObjectStoreConfig storage();

    /**
     * The public https address of this service (the one the webhooks are registered under): platforms that take a
     * reply's media from a URL fetch it from here, through a signed link that expires.
     */
    Optional<String> publicBaseUrl();

    /** The secret media links are signed with; the same on every instance (TISKI_SOCIAL_MEDIA_LINK_SECRET). */
    Optional<String> mediaLinkSecret();

    /** How long a media link works: long enough for the platform to fetch the file, no longer. */
    @WithDefault("PT1H")
    Duration mediaLinkLifetime();

    /**
     * The key connection secrets added through the admin API are encrypted with: the base64 of 32 random bytes
     * (openssl rand -base64 32), from a Kubernetes secret; TISKI_SOCIAL_SECRETS_KEY. Without it, connections can
     * only be configured, not added at run time.
     */
    Optional<String> secretsKey();

    /** The operator token for the admin endpoints (connections, quarantine); TISKI_BOOTSTRAP_ADMIN_TOKEN. */
    Optional<String> adminToken();

    interface TelegramBot {
        /** The secret_token given to setWebhook; Telegram sends it in X-Telegram-Bot-Api-Secret-Token. */
        String secretToken();

        /** The bot's API token, for fetching media and sending replies. */
        Optional<String> botToken();

        /** The support account this bot belongs to, shown as the inbox. */
        @WithDefault("telegram")
        String inboxName();

        /** The Bot API's address (changed only for a local Bot API server or a test emulator). */
        @WithDefault("https://api.telegram.org")
        String apiUrl();
    }

    interface MetaAccount {
        /** messenger (a Facebook page), instagram (a professional account) or whatsapp (a Cloud API number). */
        String platform();

        /** The Meta app's secret: X-Hub-Signature-256 is the HMAC-SHA256 of the raw body with it. */
        String appSecret();

        /** The verify token entered in the app's webhook settings, echoed back in the subscription handshake. */
        String verifyToken();

        /** The page access token or the WhatsApp system user token, for media and replies. */
        Optional<String> accessToken();

        /** The page id, Instagram account id or WhatsApp phone number id that replies are sent from. */
        String accountId();

        /** The support account this connection belongs to, shown as the inbox. */
        Optional<String> inboxName();

        /** The Graph API's address with its version. */
        @WithDefault("https://graph.facebook.com/v21.0")
        String graphUrl();

        /**
         * Messenger and Instagram: send with the HUMAN_AGENT tag between 24 hours and 7 days after the customer's
         * last message (allowed only to apps with the Human Agent permission).
         */
        @WithDefault("false")
        boolean humanAgentTag();

        /**
         * WhatsApp: the approved template that asks the customer to continue once the 24-hour window has closed,
         * with two body parameters: the customer's first name and the ticket number ("#1042").
         */
        Optional<String> reopenTemplate();

        /** The language code the reopening template was approved in (fi, sv, en_US…). */
        @WithDefault("fi")
        String reopenTemplateLanguage();
    }

    interface XAccount {
        /** The app's consumer secret: the CRC response and x-twitter-webhooks-signature are HMAC-SHA256 with it. */
        String consumerSecret();

        /** An OAuth 2.0 user access token with dm.write, for replies. */
        Optional<String> accessToken();

        /** The numeric user id of the shop's account (its own messages arrive as events too and are ignored). */
        String accountId();

        @WithDefault("x")
        String inboxName();

        @WithDefault("https://api.x.com")
        String apiUrl();
    }
}
