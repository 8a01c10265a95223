package io.tiski.social.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A platform message already taken in, known by the SHA-256 of its source message id (see {@link #keyOf}). */
@Entity
@Table(name = "received_update")
public class ReceivedUpdate extends PanacheEntityBase {
    @Id
    public String dedupeKey;

    /** The dedupe key of a source message id: its SHA-256, hex (the id itself names the customer's chat). */
    public static String keyOf(String sourceMessageId) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sourceMessageId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ReceivedUpdate ofSourceMessage(String sourceMessageId) {
        return findById(keyOf(sourceMessageId));
    }
    public String connection;
    public String eventId;
    public Instant receivedAt;
}
