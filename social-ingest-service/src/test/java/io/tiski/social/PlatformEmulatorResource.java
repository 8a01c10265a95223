package io.tiski.social;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tiski.infrastructure.SocialPlatforms;
import java.util.HashMap;
import java.util.Map;

/** Starts the platform emulator and configures one connection of each platform against it. */
public class PlatformEmulatorResource implements QuarkusTestResourceLifecycleManager {
    public static final String META_APP_SECRET = "test-meta-app-secret-0123456789";
    public static final String META_VERIFY_TOKEN = "test-meta-verify-token";
    public static final String X_CONSUMER_SECRET = "test-x-consumer-secret-0123456789";
    public static final String PAGE_ID = "1100000001";
    public static final String INSTAGRAM_ID = "17840000000000001";
    public static final String WHATSAPP_NUMBER_ID = "106540352242922";
    public static final String X_ACCOUNT_ID = "3805104374";
    static SocialPlatforms platforms;

    public static SocialPlatforms platforms() {
        return platforms;
    }

    @Override
    public Map<String, String> start() {
        platforms = SocialPlatforms.start();
        Map<String, String> config = new HashMap<>();
        config.put("tiski.social.telegram.shopbot.bot-token", SocialPlatforms.TELEGRAM_TOKEN);
        config.put("tiski.social.telegram.shopbot.api-url", platforms.url());
        meta(config, "shoppage", "messenger", PAGE_ID);
        config.put("tiski.social.meta.shoppage.human-agent-tag", "true");
        meta(config, "shopinsta", "instagram", INSTAGRAM_ID);
        meta(config, "shopwhatsapp", "whatsapp", WHATSAPP_NUMBER_ID);
        config.put("tiski.social.meta.shopwhatsapp.reopen-template", "jatketaan_keskustelua");
        config.put("tiski.social.x.shopx.consumer-secret", X_CONSUMER_SECRET);
        config.put("tiski.social.x.shopx.access-token", SocialPlatforms.X_TOKEN);
        config.put("tiski.social.x.shopx.account-id", X_ACCOUNT_ID);
        config.put("tiski.social.x.shopx.inbox-name", "@verkkokauppa");
        config.put("tiski.social.x.shopx.api-url", platforms.url());
        return config;
    }

    private void meta(Map<String, String> config, String name, String platform, String accountId) {
        String prefix = "tiski.social.meta." + name + ".";
        config.put(prefix + "platform", platform);
        config.put(prefix + "app-secret", META_APP_SECRET);
        config.put(prefix + "verify-token", META_VERIFY_TOKEN);
        config.put(prefix + "access-token", SocialPlatforms.META_TOKEN);
        config.put(prefix + "account-id", accountId);
        config.put(prefix + "inbox-name", "Verkkokauppa " + platform);
        config.put(prefix + "graph-url", platforms.graphUrl());
    }

    @Override
    public void stop() {
        if (platforms != null) {
            platforms.close();
        }
    }
}
