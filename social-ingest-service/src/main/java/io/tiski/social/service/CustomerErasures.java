package io.tiski.social.service;

import io.tiski.events.v1.CustomerErased;
import io.tiski.objectstore.ObjectStore;
import io.tiski.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Forgets a customer ticket-service erased: their conversations (platform id, name) go, replies to them lose the
 * conversation and the platform's words, processed webhook deliveries that carry their platform id are deleted,
 * and so are outbox events naming them and their media. A delivery still waiting to be processed is left to run
 * (it is a new message). Repeating it changes nothing.
 */
@ApplicationScoped
public class CustomerErasures {
    /** Shorter platform ids could match unrelated numbers inside stored payloads. */
    static final int MIN_ID_LENGTH = 5;
    private static final Logger LOG = Logger.getLogger(CustomerErasures.class);
    private final ObjectStore objects;
    private final Outbox outbox;
    private final EntityManager entityManager;

    CustomerErasures(ObjectStore objects, Outbox outbox, EntityManager entityManager) {
        this.objects = objects;
        this.outbox = outbox;
        this.entityManager = entityManager;
    }

    /** {@code telegram:123456789} → {@code 123456789}; {@code whatsapp:+358401234567} → {@code 358401234567}. */
    static String platformId(String address) {
        int colon = address.indexOf(':');
        String id = colon < 0 ? address : address.substring(colon + 1);
        return id.startsWith("+") ? id.substring(1) : id;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public void forget(CustomerErased erased) {
        List<String> ids = erased.identities().stream().filter(i -> i.address() != null
                && i.address().contains(":")).map(i -> platformId(i.address()))
                .filter(id -> id.length() >= MIN_ID_LENGTH).distinct().toList();
        int conversations = 0;
        int deliveries = 0;
        for (String id : ids) {
            List<String> keys = entityManager.createNativeQuery("SELECT conversation_key FROM social_conversation "
                    + "WHERE recipient_id = ?1 OR recipient_id = ?2").setParameter(1, id).setParameter(2, "+" + id)
                    .getResultList();
            if (!keys.isEmpty()) {
                String[] erasedKeys = keys.toArray(String[]::new);
                entityManager.createNativeQuery("UPDATE social_reply SET conversation_key = 'erased:' || request_id, "
                        + "reason = NULL WHERE conversation_key = ANY(?1)").setParameter(1, erasedKeys)
                        .executeUpdate();
                conversations += entityManager.createNativeQuery("DELETE FROM social_conversation WHERE "
                        + "conversation_key = ANY(?1)").setParameter(1, erasedKeys).executeUpdate();
            }
            deliveries += entityManager.createNativeQuery("DELETE FROM webhook_delivery WHERE status <> 'WAITING' "
                    + "AND position(convert_to(?1, 'UTF8') IN payload) > 0").setParameter(1, id).executeUpdate();
        }
        for (String key : erased.attachmentSha256s()) {
            objects.delete(key);
        }
        List<String> needles = new ArrayList<>(erased.needles());
        needles.addAll(ids);
        int events = outbox.forget(needles);
        LOG.infof("Forgot customer %s: %d conversations, %d webhook deliveries, %d outbox events",
                erased.customerId(), conversations, deliveries, events);
    }
}
