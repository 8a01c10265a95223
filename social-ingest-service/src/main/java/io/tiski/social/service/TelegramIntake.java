package io.tiski.social.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.outbox.Outbox;
import io.tiski.social.config.SocialConfig;
import io.tiski.social.domain.TelegramUpdate;
import io.tiski.social.repository.QuarantinedUpdate;
import io.tiski.social.repository.ReceivedUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A verified Telegram update becomes an inbound message in the outbox, once per update, in the same transaction
 * that records it; a payload that cannot be understood is quarantined with the reason.
 */
@ApplicationScoped
public class TelegramIntake {
    static final String SOURCE = "/tiski/social-ingest-service";
    private static final Logger LOG = Logger.getLogger(TelegramIntake.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What became of one update. */
    public enum Result { PUBLISHED, DUPLICATE, IGNORED, QUARANTINED }

    private final Outbox outbox;
    private final MeterRegistry metrics;

    TelegramIntake(Outbox outbox, MeterRegistry metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    @Transactional
    public Result accept(String connection, SocialConfig.TelegramBot bot, byte[] body) {
        TelegramUpdate update;
        try {
            update = JSON.readValue(body, TelegramUpdate.class);
        } catch (IOException e) {
            return quarantine(connection, body, "not a Telegram update: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (update.updateId() == null) {
            return quarantine(connection, body, "not a Telegram update: no update_id");
        }
        TelegramUpdate.Message message = update.message() != null ? update.message() : update.editedMessage();
        if (message == null) {
            metrics.counter("tiski.social.updates", "platform", "telegram", "result", "ignored").increment();
            return Result.IGNORED; // channel posts, polls, member changes: nothing a customer wrote to the shop
        }
        if (message.chat() == null || message.chat().id() == null || message.from() == null
                || message.from().id() == null || message.messageId() == null) {
            return quarantine(connection, body, "a Telegram message without chat, sender or message_id");
        }
        String dedupeKey = "telegram:" + connection + ":" + update.updateId();
        if (ReceivedUpdate.findById(dedupeKey) != null) {
            metrics.counter("tiski.social.updates", "platform", "telegram", "result", "duplicate").increment();
            return Result.DUPLICATE;
        }
        String text = message.text() != null ? message.text() : message.caption();
        if (text == null) {
            text = describeMedia(message);
        }
        String conversationKey = "telegram:" + connection + ":" + message.chat().id();
        String sourceMessageId = conversationKey + ":" + message.messageId()
                + (update.message() == null ? ":edited:" + update.updateId() : "");
        Instant sentAt = message.date() == null ? Instant.now() : Instant.ofEpochSecond(message.date());
        InboundMessageReceived event = new InboundMessageReceived(UUID.randomUUID().toString(), sentAt,
                Channel.TELEGRAM, sourceMessageId, conversationKey, bot.inboxName(),
                new Participant("telegram:" + message.from().id(), message.from().displayName()), List.of(),
                List.of(), null, text, text, null, language(message.from().languageCode()),
                message.from().bot() ? SenderClassification.AUTO_REPLY : SenderClassification.PERSON, null,
                List.of(), null, Map.of("telegramChatId", String.valueOf(message.chat().id())));
        outbox.append(EventEnvelope.of(event, SOURCE));
        ReceivedUpdate received = new ReceivedUpdate();
        received.dedupeKey = dedupeKey;
        received.connection = connection;
        received.eventId = event.eventId();
        received.receivedAt = Instant.now();
        received.persist();
        metrics.counter("tiski.social.updates", "platform", "telegram", "result", "published").increment();
        return Result.PUBLISHED;
    }

    private static String describeMedia(TelegramUpdate.Message message) {
        if (message.photo() != null) {
            return "[photo]";
        }
        if (message.voice() != null) {
            return "[voice message]";
        }
        if (message.sticker() != null) {
            return "[sticker]";
        }
        if (message.document() != null) {
            return "[file]";
        }
        return "[message without text]";
    }

    static String language(String code) {
        if (code == null) {
            return null;
        }
        String lang = code.length() >= 2 ? code.substring(0, 2).toLowerCase(java.util.Locale.ROOT) : code;
        return List.of("fi", "sv", "en").contains(lang) ? lang : null;
    }

    private Result quarantine(String connection, byte[] body, String reason) {
        QuarantinedUpdate q = new QuarantinedUpdate();
        q.id = UUID.randomUUID();
        q.platform = "telegram";
        q.connection = connection;
        q.reason = reason;
        q.payload = body;
        q.status = "WAITING";
        q.receivedAt = Instant.now();
        q.persist();
        metrics.counter("tiski.social.updates", "platform", "telegram", "result", "quarantined").increment();
        LOG.warnf("Telegram update for %s quarantined as %s: %s", connection, q.id, reason);
        return Result.QUARANTINED;
    }
}
