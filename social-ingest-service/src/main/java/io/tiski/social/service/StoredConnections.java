package io.tiski.social.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.tiski.social.config.SocialConfig;
import io.tiski.social.domain.SecretBox;
import io.tiski.social.repository.StoredConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Connections administrators add at run time, beside those in configuration: kept in the database with their
 * secrets encrypted (AES-256-GCM, key from tiski.social.secrets-key), read into memory so that a webhook finds its
 * connection without a query, and read again after every change and every 30 seconds (for the other instances).
 */
@ApplicationScoped
public class StoredConnections {
    private static final Logger LOG = Logger.getLogger(StoredConnections.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> PLATFORMS = Set.of("telegram", "messenger", "instagram", "whatsapp", "x");
    private final SocialConfig config;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of(), false);

    StoredConnections(SocialConfig config) {
        this.config = config;
    }

    record Snapshot(Map<String, SocialConfig.TelegramBot> telegram, Map<String, SocialConfig.MetaAccount> meta,
            Map<String, SocialConfig.XAccount> x, boolean loaded) {
    }

    record Telegram(String secretToken, Optional<String> botToken, String inboxName, String apiUrl)
            implements SocialConfig.TelegramBot {
    }

    record Meta(String platform, String appSecret, String verifyToken, Optional<String> accessToken,
            String accountId, Optional<String> inboxName, String graphUrl, boolean humanAgentTag,
            Optional<String> reopenTemplate, String reopenTemplateLanguage) implements SocialConfig.MetaAccount {
    }

    record X(String consumerSecret, Optional<String> accessToken, String accountId, String inboxName,
            String apiUrl) implements SocialConfig.XAccount {
    }

    /** What an administrator sends to connect an account: settings, and secrets that are never shown again. */
    public record Connect(String platform, String accountId, String inboxName, String apiUrl, Boolean humanAgentTag,
            String reopenTemplate, String reopenTemplateLanguage, Map<String, String> secrets) {
    }

    Snapshot current() {
        Snapshot s = snapshot;
        if (!s.loaded()) {
            reload();
            s = snapshot;
        }
        return s;
    }

    public Optional<SecretBox> box() {
        return config.secretsKey().filter(k -> !k.isBlank()).map(SecretBox::fromBase64);
    }

    @Scheduled(every = "30s", delayed = "30s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void reload() {
        Map<String, SocialConfig.TelegramBot> telegram = new HashMap<>();
        Map<String, SocialConfig.MetaAccount> meta = new HashMap<>();
        Map<String, SocialConfig.XAccount> x = new HashMap<>();
        List<StoredConnection> rows = StoredConnection.list("disconnectedAt is null");
        Optional<SecretBox> box = rows.isEmpty() ? Optional.empty() : box();
        for (StoredConnection row : rows) {
            if (box.isEmpty()) {
                LOG.warnf("Connection %s is stored but tiski.social.secrets-key is not set; it is not served",
                        row.name);
                continue;
            }
            try {
                JsonNode settings = JSON.readTree(row.settings);
                JsonNode secrets = JSON.readTree(box.get().open(row.secrets, row.name));
                switch (row.platform) {
                    case "telegram" -> telegram.put(row.name, new Telegram(secrets.path("secretToken").asText(),
                            optional(secrets, "botToken"), settings.path("inboxName").asText("telegram"),
                            settings.path("apiUrl").asText("https://api.telegram.org")));
                    case "x" -> x.put(row.name, new X(secrets.path("consumerSecret").asText(),
                            optional(secrets, "accessToken"), settings.path("accountId").asText(),
                            settings.path("inboxName").asText("x"),
                            settings.path("apiUrl").asText("https://api.x.com")));
                    default -> meta.put(row.name, new Meta(row.platform, secrets.path("appSecret").asText(),
                            secrets.path("verifyToken").asText(), optional(secrets, "accessToken"),
                            settings.path("accountId").asText(), optional(settings, "inboxName"),
                            settings.path("apiUrl").asText("https://graph.facebook.com/v21.0"),
                            settings.path("humanAgentTag").asBoolean(false), optional(settings, "reopenTemplate"),
                            settings.path("reopenTemplateLanguage").asText("fi")));
                }
            } catch (IOException | IllegalStateException e) {
                LOG.warnf("Connection %s cannot be read and is not served: %s", row.name, e.getMessage());
            }
        }
        snapshot = new Snapshot(Map.copyOf(telegram), Map.copyOf(meta), Map.copyOf(x), true);
    }

    private static Optional<String> optional(JsonNode node, String field) {
        String value = node.path(field).asText(null);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** Adds or replaces a connection; the caller has checked it. */
    @Transactional
    public void store(String name, Connect connect, SecretBox box) {
        Map<String, Object> settings = new LinkedHashMap<>();
        putIfPresent(settings, "accountId", connect.accountId());
        putIfPresent(settings, "inboxName", connect.inboxName());
        putIfPresent(settings, "apiUrl", connect.apiUrl());
        putIfPresent(settings, "humanAgentTag", connect.humanAgentTag());
        putIfPresent(settings, "reopenTemplate", connect.reopenTemplate());
        putIfPresent(settings, "reopenTemplateLanguage", connect.reopenTemplateLanguage());
        Instant now = Instant.now();
        StoredConnection row = StoredConnection.findById(name);
        boolean added = row == null;
        if (added) {
            row = new StoredConnection();
            row.name = name;
            row.createdAt = now;
            row.createdBy = "operator";
        }
        row.platform = connect.platform();
        try {
            row.settings = JSON.writeValueAsString(settings);
            row.secrets = box.seal(JSON.writeValueAsString(connect.secrets()).getBytes(StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        row.updatedAt = now;
        row.disconnectedAt = null;
        if (added) {
            row.persist();
        }
    }

    @Transactional
    public boolean disconnect(String name) {
        StoredConnection row = StoredConnection.findById(name);
        if (row == null || row.disconnectedAt != null) {
            return false;
        }
        row.disconnectedAt = Instant.now();
        return true;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            map.put(key, value);
        }
    }
}
