package io.tiski.social.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The durable hand-off of a verified webhook request: stored in one insert before the platform gets its 200, taken
 * in afterwards by {@link DeliveryProcessor}. The same signed body presented again on the same connection is a
 * replay and is refused; a platform only retries a request whose first attempt it did not see answered with 200,
 * and such a request was not stored.
 */
@ApplicationScoped
public class WebhookInbox {
    /** What became of a request. */
    public enum Outcome { ACCEPTED, REPLAYED }

    private final EntityManager entities;
    private final DeliveryProcessor processor;

    WebhookInbox(EntityManager entities, DeliveryProcessor processor) {
        this.entities = entities;
        this.processor = processor;
    }

    public Outcome take(String platform, String connection, byte[] body) {
        Outcome outcome = store(platform, connection, body);
        if (outcome == Outcome.ACCEPTED) {
            processor.wake();
        }
        return outcome;
    }

    @Transactional
    Outcome store(String platform, String connection, byte[] body) {
        Instant now = Instant.now();
        int inserted = entities.createNativeQuery("INSERT INTO webhook_delivery (platform, connection, body_sha256, "
                + "payload, received_at, status, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, 'WAITING', ?5) "
                + "ON CONFLICT (connection, body_sha256) DO NOTHING")
                .setParameter(1, platform).setParameter(2, connection).setParameter(3, sha256(body))
                .setParameter(4, body).setParameter(5, now).executeUpdate();
        return inserted == 1 ? Outcome.ACCEPTED : Outcome.REPLAYED;
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
