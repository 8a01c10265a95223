package io.tiski.social.service;

import io.quarkus.scheduler.Scheduled;
import io.tiski.social.config.SocialConfig;
import io.tiski.social.platform.PlatformHttp;
import io.tiski.social.platform.PlatformRefusedException;
import io.tiski.social.repository.ConnectionHealth;
import io.tiski.social.repository.WebhookDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What operators do with connections and quarantined requests, and the pruning of remembered requests. */
@ApplicationScoped
public class SocialAdministration {
    private final Connections connections;
    private final SocialConfig config;
    private final PlatformHttp http;
    private final DeliveryProcessor processor;
    private final StoredConnections stored;

    SocialAdministration(Connections connections, SocialConfig config, PlatformHttp http,
            DeliveryProcessor processor, StoredConnections stored) {
        this.stored = stored;
        this.connections = connections;
        this.config = config;
        this.http = http;
        this.processor = processor;
    }

    /** A connection and its health. */
    public record ConnectionView(String name, String platform, String inbox, String webhookPath, boolean canReply,
            String source, Instant lastEventAt, Instant lastSentAt, Instant lastErrorAt, String lastError,
            long waiting, long quarantined) {
    }

    /** A connection that cannot be added or removed as asked, with the reason and the HTTP status to answer. */
    public static class ConnectionRefusedException extends RuntimeException {
        private final int status;

        ConnectionRefusedException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The secrets each platform needs, and those it may have. */
    private static final java.util.Map<String, List<String>> REQUIRED_SECRETS = java.util.Map.of(
            "telegram", List.of("secretToken"), "messenger", List.of("appSecret", "verifyToken"),
            "instagram", List.of("appSecret", "verifyToken"), "whatsapp", List.of("appSecret", "verifyToken"),
            "x", List.of("consumerSecret"));
    private static final java.util.Map<String, List<String>> ALLOWED_SECRETS = java.util.Map.of(
            "telegram", List.of("secretToken", "botToken"),
            "messenger", List.of("appSecret", "verifyToken", "accessToken"),
            "instagram", List.of("appSecret", "verifyToken", "accessToken"),
            "whatsapp", List.of("appSecret", "verifyToken", "accessToken"),
            "x", List.of("consumerSecret", "accessToken"));

    /** Connects a page, account, number or bot at run time; its secrets are stored encrypted. */
    public ConnectionView connect(String name, StoredConnections.Connect connect) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new ConnectionRefusedException(400, "A connection name is 1 to 64 lower-case letters, digits or "
                    + "dashes (it becomes part of the webhook's address)");
        }
        if (connections.configured(name)) {
            throw new ConnectionRefusedException(409, "The connection " + name + " is in the configuration; change "
                    + "it there");
        }
        String platform = connect.platform() == null ? "" : connect.platform();
        if (!StoredConnections.PLATFORMS.contains(platform)) {
            throw new ConnectionRefusedException(400, "platform must be one of telegram, messenger, instagram, "
                    + "whatsapp, x");
        }
        java.util.Map<String, String> secrets = connect.secrets() == null ? java.util.Map.of() : connect.secrets();
        for (String required : REQUIRED_SECRETS.get(platform)) {
            if (secrets.get(required) == null || secrets.get(required).isBlank()) {
                throw new ConnectionRefusedException(400, "A " + platform + " connection needs secrets." + required);
            }
        }
        for (String given : secrets.keySet()) {
            if (!ALLOWED_SECRETS.get(platform).contains(given)) {
                throw new ConnectionRefusedException(400, "secrets." + given + " is not a secret of " + platform
                        + " (known: " + ALLOWED_SECRETS.get(platform) + ")");
            }
        }
        if (!platform.equals("telegram") && (connect.accountId() == null || connect.accountId().isBlank())) {
            throw new ConnectionRefusedException(400, "A " + platform + " connection needs accountId");
        }
        if (connect.apiUrl() != null && !connect.apiUrl().isBlank() && !connect.apiUrl().matches("https?://.+")) {
            throw new ConnectionRefusedException(400, "apiUrl must be an http(s) address");
        }
        io.tiski.social.domain.SecretBox box = stored.box().orElseThrow(() -> new ConnectionRefusedException(409,
                "Connections can be added at run time only when tiski.social.secrets-key (TISKI_SOCIAL_SECRETS_KEY) "
                        + "is set: the key their secrets are encrypted with"));
        stored.store(name, connect, box);
        stored.reload();
        return connections().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    public boolean disconnect(String name) {
        if (connections.configured(name)) {
            throw new ConnectionRefusedException(409, "The connection " + name + " is in the configuration; remove "
                    + "it there");
        }
        boolean removed = stored.disconnect(name);
        stored.reload();
        return removed;
    }

    /** A quarantined request, without its body. */
    public record QuarantinedView(long id, String platform, String connection, Instant receivedAt, String reason,
            int size) {
    }

    @Transactional
    public List<ConnectionView> connections() {
        return connections.all().stream().map(c -> {
            ConnectionHealth health = ConnectionHealth.findById(c.name());
            long waiting = WebhookDelivery.count("connection = ?1 and status = 'WAITING'", c.name());
            long quarantined = WebhookDelivery.count("connection = ?1 and status = 'QUARANTINED'", c.name());
            return new ConnectionView(c.name(), c.platform(), c.inbox(), c.webhookPath(), c.canReply(), c.source(),
                    health == null ? null : health.lastEventAt, health == null ? null : health.lastSentAt,
                    health == null ? null : health.lastErrorAt, health == null ? null : health.lastError, waiting,
                    quarantined);
        }).toList();
    }

    @Transactional
    public List<QuarantinedView> quarantined() {
        return WebhookDelivery.<WebhookDelivery>find("status = 'QUARANTINED' order by id").page(0, 500).list()
                .stream().map(d -> new QuarantinedView(d.id, d.platform, d.connection, d.receivedAt, d.lastError,
                        d.payload.length)).toList();
    }

    @Transactional
    public Optional<byte[]> quarantinedBody(long id) {
        return WebhookDelivery.<WebhookDelivery>findByIdOptional(id).filter(d -> "QUARANTINED".equals(d.status))
                .map(d -> d.payload);
    }

    /** Takes a quarantined request in again (after a fix, or a connection configured again). */
    public boolean replay(long id) {
        boolean queued = requeue(id);
        if (queued) {
            processor.wake();
        }
        return queued;
    }

    @Transactional
    boolean requeue(long id) {
        WebhookDelivery delivery = WebhookDelivery.findById(id);
        if (delivery == null || !"QUARANTINED".equals(delivery.status)) {
            return false;
        }
        delivery.status = "WAITING";
        delivery.attempts = 0;
        delivery.nextAttemptAt = Instant.now();
        return true;
    }

    /**
     * Points a Telegram bot's webhook at Tiski with the connection's secret token (Telegram's setWebhook), so an
     * operator never puts the bot token in a URL by hand.
     */
    public Map<String, Object> registerTelegramWebhook(String connection, String publicBaseUrl) {
        SocialConfig.TelegramBot bot = connections.telegram(connection).orElseThrow(() ->
                new PlatformRefusedException("no Telegram connection " + connection));
        String token = bot.botToken().orElseThrow(() -> new PlatformRefusedException("the Telegram connection "
                + connection + " has no bot token"));
        String url = publicBaseUrl.replaceAll("/+$", "") + "/api/v1/webhooks/telegram/" + connection;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("secret_token", bot.secretToken());
        body.put("allowed_updates", List.of("message", "edited_message"));
        PlatformHttp.Answer answer = http.postJson("Telegram", bot.apiUrl() + "/bot" + token + "/setWebhook",
                Optional.empty(), body);
        if (!answer.body().path("ok").asBoolean(false)) {
            throw new PlatformRefusedException("Telegram refused setWebhook: "
                    + answer.body().path("description").asText("HTTP " + answer.status()));
        }
        return Map.of("connection", connection, "url", url, "result", answer.body().path("description").asText());
    }

    /** Forgets requests taken in longer ago than the replay window; quarantined ones stay until replayed. */
    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void prune() {
        WebhookDelivery.delete("status = 'DONE' and receivedAt < ?1", Instant.now().minus(config.replayWindow()));
    }
}
