package io.tiski.emailingest.service;

import io.tiski.events.v1.CustomerErased;
import io.tiski.objectstore.ObjectStore;
import io.tiski.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Forgets a customer ticket-service erased: their raw mails leave the object store, quarantined mails that name
 * them are deleted, and so are outbox events that name them. The dedupe records hold only digests and stay, so a
 * mail still on the mail server is not taken in again. Repeating it changes nothing.
 */
@ApplicationScoped
public class CustomerErasures {
    private static final Logger LOG = Logger.getLogger(CustomerErasures.class);
    private final ObjectStore objects;
    private final Outbox outbox;
    private final EntityManager entityManager;

    CustomerErasures(ObjectStore objects, Outbox outbox, EntityManager entityManager) {
        this.objects = objects;
        this.outbox = outbox;
        this.entityManager = entityManager;
    }

    @Transactional
    public void forget(CustomerErased erased) {
        int files = 0;
        for (String key : erased.rawMessageReferences()) {
            files += objects.delete(key) ? 1 : 0;
        }
        for (String key : erased.attachmentSha256s()) {
            files += objects.delete(key) ? 1 : 0;
        }
        int quarantined = 0;
        for (String needle : erased.needles()) {
            quarantined += entityManager.createNativeQuery("DELETE FROM quarantined_mail WHERE position(convert_to("
                    + "?1, 'UTF8') IN raw) > 0 OR strpos(lower(reason), lower(?1)) > 0").setParameter(1, needle)
                    .executeUpdate();
        }
        int events = outbox.forget(erased.needles());
        LOG.infof("Forgot customer %s: %d stored files, %d quarantined mails, %d outbox events",
                erased.customerId(), files, quarantined, events);
    }
}
