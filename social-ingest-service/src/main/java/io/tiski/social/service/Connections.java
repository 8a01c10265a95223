package io.tiski.social.service;

import io.tiski.events.v1.Channel;
import io.tiski.social.config.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The configured connections, found by platform and name, or by the conversation key a reply names. */
@ApplicationScoped
public class Connections {
    private final SocialConfig config;
    private final StoredConnections stored;

    Connections(SocialConfig config, StoredConnections stored) {
        this.config = config;
        this.stored = stored;
        config.meta().forEach((name, account) -> {
            if (!List.of("messenger", "instagram", "whatsapp").contains(account.platform())) {
                throw new IllegalStateException("tiski.social.meta." + name + ".platform must be messenger, "
                        + "instagram or whatsapp, not '" + account.platform() + "'");
            }
        });
    }

    /**
     * A connection as an operator sees it (no secrets).
     *
     * @param source configuration (changed by redeploying) or admin-api (added at run time)
     */
    public record Connection(String name, String platform, String inbox, String webhookPath, boolean canReply,
            String source) {
    }

    public Optional<SocialConfig.TelegramBot> telegram(String name) {
        return Optional.ofNullable(config.telegram().get(name))
                .or(() -> Optional.ofNullable(stored.current().telegram().get(name)));
    }

    public Optional<SocialConfig.MetaAccount> meta(String name) {
        return Optional.ofNullable(config.meta().get(name))
                .or(() -> Optional.ofNullable(stored.current().meta().get(name)));
    }

    public Optional<SocialConfig.XAccount> x(String name) {
        return Optional.ofNullable(config.x().get(name)).or(() -> Optional.ofNullable(stored.current().x().get(name)));
    }

    /** Whether a connection of this name is in the configuration (the admin API cannot change those). */
    public boolean configured(String name) {
        return config.telegram().containsKey(name) || config.meta().containsKey(name) || config.x().containsKey(name);
    }

    public List<Connection> all() {
        List<Connection> all = new ArrayList<>();
        add(all, config.telegram(), config.meta(), config.x(), "configuration");
        StoredConnections.Snapshot runtime = stored.current();
        add(all, runtime.telegram(), runtime.meta(), runtime.x(), "admin-api");
        all.sort(java.util.Comparator.comparing(Connection::name));
        return all;
    }

    private static void add(List<Connection> all, java.util.Map<String, SocialConfig.TelegramBot> telegram,
            java.util.Map<String, SocialConfig.MetaAccount> meta, java.util.Map<String, SocialConfig.XAccount> x,
            String source) {
        telegram.forEach((name, bot) -> all.add(new Connection(name, "telegram", bot.inboxName(),
                "/api/v1/webhooks/telegram/" + name, bot.botToken().isPresent(), source)));
        meta.forEach((name, account) -> all.add(new Connection(name, account.platform(),
                account.inboxName().orElse(account.platform()), "/api/v1/webhooks/meta/" + name,
                account.accessToken().isPresent(), source)));
        x.forEach((name, account) -> all.add(new Connection(name, "x", account.inboxName(),
                "/api/v1/webhooks/x/" + name, account.accessToken().isPresent(), source)));
    }

    /** The channel a Meta connection's messages arrive on. */
    public static Channel channelOf(SocialConfig.MetaAccount account) {
        return Channel.valueOf(account.platform().toUpperCase(Locale.ROOT));
    }

    /** The connection named in a conversation key {@code <platform>:<connection>:<id>}. */
    public static String connectionOf(String conversationKey) {
        String[] parts = conversationKey == null ? new String[0] : conversationKey.split(":", 3);
        if (parts.length < 3) {
            throw new IllegalArgumentException("not a social conversation key: " + conversationKey);
        }
        return parts[1];
    }
}
