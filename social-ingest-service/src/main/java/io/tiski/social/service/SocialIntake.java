package io.tiski.social.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.tiski.events.v1.AttachmentReference;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Participant;
import io.tiski.objectstore.ObjectStore;
import io.tiski.outbox.Outbox;
import io.tiski.social.config.SocialConfig;
import io.tiski.objectstore.ContentTypes;
import io.tiski.social.domain.MetaEvents;
import io.tiski.social.domain.ParsedDelivery;
import io.tiski.social.domain.SocialMessage;
import io.tiski.social.domain.TelegramUpdates;
import io.tiski.social.domain.UnreadablePayloadException;
import io.tiski.social.domain.XEvents;
import io.tiski.social.platform.MetaApi;
import io.tiski.social.platform.PlatformHttp;
import io.tiski.social.platform.PlatformRefusedException;
import io.tiski.social.platform.PlatformUnavailableException;
import io.tiski.social.platform.TelegramApi;
import io.tiski.social.platform.XApi;
import io.tiski.social.repository.ReceivedUpdate;
import io.tiski.social.repository.SocialConversation;
import io.tiski.social.repository.WebhookDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Takes in one stored webhook delivery: parses it, fetches its media from the platform into the object store,
 * and publishes each new customer message through the outbox, all in the transaction that marks the delivery done.
 * A platform that cannot hand out a file right now is asked again with backoff; after the last attempt the
 * message is published with the file listed and the reason, so a message is never held back for ever.
 * A body that is not what the platform documents is quarantined with the reason.
 */
@ApplicationScoped
public class SocialIntake {
    static final String SOURCE = "/tiski/social-ingest-service";
    /** The advisory lock key of the intake ("tiski" in ASCII). */
    static final long INTAKE_LOCK = 0x7469736b69L;
    private static final Logger LOG = Logger.getLogger(SocialIntake.class);

    private final EntityManager entities;
    private final Outbox outbox;
    private final Connections connections;
    private final SocialConfig config;
    private final ObjectStore objects;
    private final TelegramApi telegram;
    private final MetaApi meta;
    private final XApi x;
    private final DeliveryReceipts receipts;
    private final ConnectionHealthLog health;
    private final MeterRegistry metrics;
    /** Profile lookups run here, a few at a time, while the intake thread does the database work. */
    private final ExecutorService nameLookups = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "social-profile-lookup");
        t.setDaemon(true);
        return t;
    });

    SocialIntake(EntityManager entities, Outbox outbox, Connections connections, SocialConfig config,
            ObjectStore objects, TelegramApi telegram, MetaApi meta, XApi x, DeliveryReceipts receipts,
            ConnectionHealthLog health, MeterRegistry metrics) {
        this.entities = entities;
        this.outbox = outbox;
        this.connections = connections;
        this.config = config;
        this.objects = objects;
        this.telegram = telegram;
        this.meta = meta;
        this.x = x;
        this.receipts = receipts;
        this.health = health;
        this.metrics = metrics;
    }

    /**
     * Takes in up to {@code max} due deliveries, oldest first, in one transaction (one commit for many requests is
     * what lets one thread keep up with hundreds of requests a second); returns how many.
     */
    @Transactional
    public int processBatch(int max) {
        if (!intakeLock()) {
            return 0; // another instance is taking requests in; one at a time keeps each conversation in order
        }
        List<Taken> due = parsed(claim("status = 'WAITING' AND next_attempt_at <= now()", max));
        Instant now = Instant.now();
        Map<String, CompletableFuture<Optional<String>>> names = lookUpNames(due);
        for (Taken taken : due) {
            handle(taken, now, names);
        }
        return due.size();
    }

    /**
     * The names of the batch's new Meta customers, asked of the Graph API all at once and beside the database work
     * (one at a time, a slow profile API would set the pace of the whole intake).
     */
    private Map<String, CompletableFuture<Optional<String>>> lookUpNames(List<Taken> due) {
        Map<String, CompletableFuture<Optional<String>>> names = new HashMap<>();
        for (Taken taken : due) {
            Optional<SocialConfig.MetaAccount> account = "meta".equals(taken.delivery().platform)
                    ? connections.meta(taken.delivery().connection) : Optional.empty();
            if (account.isEmpty() || taken.parsed() == null) {
                continue; // not Meta, or unreadable: quarantined when it is taken in
            }
            for (SocialMessage message : taken.parsed().messages()) {
                if (message.from().displayName() == null && !names.containsKey(message.conversationKey())
                        && SocialConversation.findById(message.conversationKey()) == null) {
                    names.put(message.conversationKey(), CompletableFuture.supplyAsync(() ->
                            meta.profileName(account.get(), message.recipientId()), nameLookups));
                }
            }
        }
        return names;
    }

    /** A claimed delivery with its body read once: parsed, or the reason it cannot be. */
    private record Taken(WebhookDelivery delivery, ParsedDelivery parsed, String unreadable) {
    }

    private List<Taken> parsed(List<WebhookDelivery> due) {
        return due.stream().map(delivery -> {
            try {
                return new Taken(delivery, parse(delivery), null);
            } catch (UnreadablePayloadException e) {
                return new Taken(delivery, null, e.getMessage());
            }
        }).toList();
    }

    /** The ids a failed batch held, to be taken in one by one. */
    @Transactional
    public List<Long> dueIds(int max) {
        return claim("status = 'WAITING' AND next_attempt_at <= now()", max).stream().map(d -> d.id).toList();
    }

    /** Takes in one delivery on its own, so that one that fails cannot hold back the others. */
    @Transactional
    public void processOne(long id) {
        if (!intakeLock()) {
            return;
        }
        List<Taken> due = parsed(claim("id = " + id + " AND status = 'WAITING'", 1));
        Map<String, CompletableFuture<Optional<String>>> names = lookUpNames(due);
        for (Taken taken : due) {
            handle(taken, Instant.now(), names);
        }
    }

    /**
     * A delivery that failed in an unexpected way (a bug, a database constraint) is tried again later, and after
     * the last attempt quarantined with the error, so it neither blocks the stream nor disappears.
     */
    @Transactional
    public void recordFailure(long id, RuntimeException error) {
        WebhookDelivery delivery = WebhookDelivery.findById(id);
        if (delivery == null || !"WAITING".equals(delivery.status)) {
            return;
        }
        Instant now = Instant.now();
        String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
        delivery.attempts++;
        if (delivery.attempts >= config.maxAttempts()) {
            quarantine(delivery, "failed " + delivery.attempts + " times: " + reason, now);
        } else {
            delivery.nextAttemptAt = now.plus(backoff(delivery.attempts));
            delivery.lastError = reason;
        }
    }

    /**
     * One instance at a time takes stored requests in (a transaction-scoped advisory lock): the requests of one
     * conversation then become events in the order they arrived, whichever instance stored them.
     */
    private boolean intakeLock() {
        Object locked = entities.createNativeQuery("SELECT pg_try_advisory_xact_lock(" + INTAKE_LOCK + ")")
                .getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    @SuppressWarnings("unchecked")
    private List<WebhookDelivery> claim(String condition, int max) {
        return entities.createNativeQuery("SELECT * FROM webhook_delivery WHERE " + condition + " ORDER BY id LIMIT "
                + max + " FOR UPDATE SKIP LOCKED", WebhookDelivery.class).getResultList();
    }

    private void handle(Taken taken, Instant now, Map<String, CompletableFuture<Optional<String>>> names) {
        WebhookDelivery delivery = taken.delivery();
        ParsedDelivery parsed = taken.parsed();
        if (parsed == null) {
            quarantine(delivery, taken.unreadable(), now);
            return;
        }
        boolean lastAttempt = delivery.attempts + 1 >= config.maxAttempts();
        Map<String, List<AttachmentReference>> attachments = new HashMap<>();
        for (SocialMessage message : parsed.messages()) {
            if (ReceivedUpdate.ofSourceMessage(message.sourceMessageId()) != null || message.media().isEmpty()) {
                continue;
            }
            List<AttachmentReference> kept = new ArrayList<>();
            for (SocialMessage.Media media : message.media()) {
                try {
                    kept.add(fetch(delivery, media));
                } catch (PlatformUnavailableException e) {
                    if (!lastAttempt) {
                        retryLater(delivery, e, now);
                        return;
                    }
                    kept.add(omitted(media, "could not be fetched from the platform after " + delivery.attempts
                            + " attempts: " + e.getMessage()));
                } catch (PlatformRefusedException e) {
                    kept.add(omitted(media, e.getMessage()));
                }
            }
            attachments.put(message.sourceMessageId(), kept);
        }
        int published = 0;
        for (SocialMessage message : parsed.messages()) {
            if (publish(delivery, message, attachments.getOrDefault(message.sourceMessageId(), List.of()), now,
                    names)) {
                published++;
            }
        }
        receipts.apply(parsed.receipts());
        delivery.status = "DONE";
        delivery.processedAt = now;
        delivery.attempts++;
        delivery.lastError = null;
        delivery.payload = new byte[0]; // the body has been taken in; its hash stays to recognise a replay
        health.heard(delivery.connection, delivery.platform, now);
        metrics.counter("tiski.social.updates", "platform", delivery.platform, "result", "published")
                .increment(published);
        metrics.counter("tiski.social.updates", "platform", delivery.platform, "result", "duplicate")
                .increment(parsed.messages().size() - published);
        metrics.counter("tiski.social.updates", "platform", delivery.platform, "result", "ignored")
                .increment(parsed.ignored());
        return;
    }

    private ParsedDelivery parse(WebhookDelivery delivery) {
        return switch (delivery.platform) {
            case "telegram" -> {
                connections.telegram(delivery.connection).orElseThrow(() -> gone(delivery));
                yield TelegramUpdates.parse(delivery.connection, delivery.payload);
            }
            case "meta" -> {
                SocialConfig.MetaAccount account = connections.meta(delivery.connection)
                        .orElseThrow(() -> gone(delivery));
                yield MetaEvents.parse(delivery.connection, account.platform(), account.accountId(),
                        delivery.payload);
            }
            case "x" -> {
                SocialConfig.XAccount account = connections.x(delivery.connection).orElseThrow(() -> gone(delivery));
                yield XEvents.parse(delivery.connection, account.accountId(), delivery.payload);
            }
            default -> throw new UnreadablePayloadException("no platform " + delivery.platform);
        };
    }

    private static UnreadablePayloadException gone(WebhookDelivery delivery) {
        return new UnreadablePayloadException("the " + delivery.platform + " connection " + delivery.connection
                + " is no longer configured");
    }

    private AttachmentReference fetch(WebhookDelivery delivery, SocialMessage.Media media) {
        long max = config.maxMediaBytes();
        PlatformHttp.Download download = switch (delivery.platform) {
            case "telegram" -> telegram.fetch(connections.telegram(delivery.connection).orElseThrow(), media, max);
            case "meta" -> meta.fetch(connections.meta(delivery.connection).orElseThrow(), media, max);
            case "x" -> x.fetch(connections.x(delivery.connection).orElseThrow(), media, max);
            default -> throw new IllegalStateException(delivery.platform);
        };
        String mediaType = ContentTypes.choose(media.mediaType(), download.contentType(), download.bytes());
        String fileName = media.fileName() != null ? media.fileName()
                : media.kind() + ContentTypes.extension(mediaType);
        if (download.tooLarge()) {
            return new AttachmentReference(null, fileName, mediaType, 0, null, false, "larger than "
                    + (max / (1024 * 1024)) + " MB, the most Tiski keeps of one file");
        }
        String sha256 = objects.put(download.bytes());
        return new AttachmentReference(sha256, fileName, mediaType, download.bytes().length, null, false, null);
    }

    private static AttachmentReference omitted(SocialMessage.Media media, String reason) {
        String mediaType = media.mediaType() == null ? "application/octet-stream" : media.mediaType();
        return new AttachmentReference(null, media.fileName() != null ? media.fileName() : media.kind(), mediaType, 0,
                null, false, reason);
    }

    private boolean publish(WebhookDelivery delivery, SocialMessage message, List<AttachmentReference> attachments,
            Instant now, Map<String, CompletableFuture<Optional<String>>> names) {
        if (ReceivedUpdate.ofSourceMessage(message.sourceMessageId()) != null) {
            return false; // sent by the platform before, in another request
        }
        SocialConversation conversation = SocialConversation.findById(message.conversationKey());
        if (conversation == null) {
            conversation = new SocialConversation();
            conversation.conversationKey = message.conversationKey();
            conversation.platform = message.channel().name().toLowerCase(java.util.Locale.ROOT);
            conversation.connection = delivery.connection;
            conversation.recipientId = message.recipientId();
            conversation.lastCustomerMessageAt = message.sentAt();
            conversation.displayName = message.from().displayName() != null ? message.from().displayName()
                    : nameOf(names.get(message.conversationKey()));
            conversation.persist();
        } else if (message.sentAt().isAfter(conversation.lastCustomerMessageAt)) {
            conversation.lastCustomerMessageAt = message.sentAt();
        }
        if (message.from().displayName() != null) {
            conversation.displayName = message.from().displayName();
        }
        Map<String, String> fields = new LinkedHashMap<>(message.context());
        if (message.note()) {
            fields.put("note", "true");
        }
        InboundMessageReceived event = new InboundMessageReceived(UUID.randomUUID().toString(), message.sentAt(),
                message.channel(), message.sourceMessageId(), message.conversationKey(), inboxOf(delivery),
                new Participant(message.from().address(), conversation.displayName), List.of(), List.of(), null,
                message.text(), message.text(), null, message.language(), message.classification(), null,
                attachments, null, fields);
        outbox.append(EventEnvelope.of(event, SOURCE));
        ReceivedUpdate received = new ReceivedUpdate();
        received.dedupeKey = ReceivedUpdate.keyOf(message.sourceMessageId());
        received.connection = delivery.connection;
        received.eventId = event.eventId();
        received.receivedAt = now;
        received.persist();
        return true;
    }

    private String nameOf(CompletableFuture<Optional<String>> lookup) {
        if (lookup == null) {
            return null;
        }
        try {
            return lookup.get(config.platformTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null; // a name is nice to have; the message does not wait for it
        }
    }

    private String inboxOf(WebhookDelivery delivery) {
        return switch (delivery.platform) {
            case "telegram" -> connections.telegram(delivery.connection).map(SocialConfig.TelegramBot::inboxName)
                    .orElse(delivery.connection);
            case "meta" -> connections.meta(delivery.connection).flatMap(SocialConfig.MetaAccount::inboxName)
                    .orElse(delivery.connection);
            default -> connections.x(delivery.connection).map(SocialConfig.XAccount::inboxName)
                    .orElse(delivery.connection);
        };
    }

    /** 2 s, 4 s, 8 s … after each failed attempt, at most 5 minutes. */
    private static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(300, 1L << Math.min(8, attempts)));
    }

    private void retryLater(WebhookDelivery delivery, PlatformUnavailableException e, Instant now) {
        delivery.attempts++;
        Duration backoff = e.retryAfter().orElse(backoff(delivery.attempts));
        delivery.nextAttemptAt = now.plus(backoff);
        delivery.lastError = e.getMessage();
        health.failed(delivery.connection, delivery.platform, e.getMessage(), now);
        LOG.infof("Webhook delivery %d of %s waits %s for its media: %s", delivery.id, delivery.connection, backoff,
                e.getMessage());
    }

    private void quarantine(WebhookDelivery delivery, String reason, Instant now) {
        delivery.status = "QUARANTINED";
        delivery.lastError = reason;
        delivery.processedAt = now;
        health.failed(delivery.connection, delivery.platform, "quarantined a request: " + reason, now);
        metrics.counter("tiski.social.updates", "platform", delivery.platform, "result", "quarantined").increment();
        LOG.warnf("Webhook delivery %d of %s quarantined: %s", delivery.id, delivery.connection, reason);
    }
}
