package io.tiski.ticket.service;

import io.tiski.ticket.repository.ContactReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The managed list of contact reasons: admins keep it, agents pick one per ticket. */
@ApplicationScoped
public class ContactReasons {

    /** A reason as the API shows and takes it. */
    public record Reason(String code, String labelFi, String labelSv, String labelEn, boolean active, int position) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Reason> all() {
        return ContactReason.<ContactReason>find("order by position, code").list().stream()
                .map(ContactReasons::view).toList();
    }

    @Transactional
    public Reason save(String code, String labelFi, String labelSv, String labelEn, boolean active, int position) {
        String normal = normalise(code);
        ContactReason reason = ContactReason.findById(normal);
        Instant now = Instant.now();
        boolean created = reason == null;
        if (created) {
            reason = new ContactReason();
            reason.code = normal;
            reason.createdAt = now;
        }
        reason.labelFi = labelFi.strip();
        reason.labelSv = labelSv.strip();
        reason.labelEn = labelEn.strip();
        reason.active = active;
        reason.position = position;
        reason.updatedAt = now;
        if (created) {
            reason.persist();
        }
        return view(reason);
    }

    /** Retires a reason: tickets keep it, agents can no longer pick it. */
    @Transactional
    public Reason retire(String code) {
        ContactReason reason = ContactReason.findById(normalise(code));
        if (reason == null) {
            throw new NotFoundException("No contact reason " + code);
        }
        reason.active = false;
        reason.updatedAt = Instant.now();
        return view(reason);
    }

    /** Whether any reason is in use: only then is one required to solve a ticket. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean anyActive() {
        return ContactReason.count("active", true) > 0;
    }

    /** The active reason with this code, or a 400 naming the ones there are. */
    @Transactional(Transactional.TxType.MANDATORY)
    String activeCode(String code) {
        ContactReason reason = ContactReason.findById(normalise(code));
        if (reason == null || !reason.active) {
            throw new IllegalArgumentException("contactReason must be one of " + activeCodes() + ", not '" + code
                    + "'");
        }
        return reason.code;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    List<String> activeCodes() {
        return ContactReason.<ContactReason>find("active = true order by position, code").list().stream()
                .map(r -> r.code).toList();
    }

    static String normalise(String code) {
        String normal = code == null ? "" : code.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (!normal.matches("[A-Z0-9_]{1,60}")) {
            throw new IllegalArgumentException("a contact reason code is letters, digits and _ (e.g. DELIVERY_LATE), "
                    + "not '" + code + "'");
        }
        return normal;
    }

    private static Reason view(ContactReason r) {
        return new Reason(r.code, r.labelFi, r.labelSv, r.labelEn, r.active, r.position);
    }
}
