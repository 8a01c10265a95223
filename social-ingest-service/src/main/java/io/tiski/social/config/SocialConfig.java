package io.tiski.social.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "tiski.social")
public interface SocialConfig {
    /** Telegram bots, by connection name: the webhook is /api/v1/webhooks/telegram/{name}. */
    Map<String, TelegramBot> telegram();

    /** Largest webhook body accepted, in bytes; larger requests get 413 before parsing. */
    @WithDefault("262144")
    int maxWebhookBytes();

    interface TelegramBot {
        /** The secret_token given to setWebhook; Telegram sends it in X-Telegram-Bot-Api-Secret-Token. */
        String secretToken();

        /** The bot's API token, for sending replies (from a Kubernetes secret or the environment). */
        Optional<String> botToken();

        /** The support account this bot belongs to, shown as the inbox. */
        @WithDefault("telegram")
        String inboxName();
    }
}
