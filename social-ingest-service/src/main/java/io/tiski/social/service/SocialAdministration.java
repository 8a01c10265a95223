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

    SocialAdministration(Connections connections, SocialConfig config, PlatformHttp http,
            DeliveryProcessor processor) {
        this.connections = connections;
        this.config = config;
        this.http = http;
        this.processor = processor;
    }

    /** A connection and its health. */
    public record ConnectionView(String name, String platform, String inbox, String webhookPath, boolean canReply,
            Instant lastEventAt, Instant lastSentAt, Instant lastErrorAt, String lastError, long waiting,
            long quarantined) {
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
            return new ConnectionView(c.name(), c.platform(), c.inbox(), c.webhookPath(), c.canReply(),
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
    @Scheduled(every = "1h", delayed = "1m")
    @Transactional
    void prune() {
        WebhookDelivery.delete("status = 'DONE' and receivedAt < ?1", Instant.now().minus(config.replayWindow()));
    }
}
