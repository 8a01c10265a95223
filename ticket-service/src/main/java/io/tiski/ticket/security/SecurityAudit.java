package io.tiski.ticket.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tiski.ticket.repository.SecurityAuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Writes the security audit log. Each entry commits on its own, so a refused sign-in or a failed request is
 * recorded even though the request's own work is rolled back.
 */
@ApplicationScoped
public class SecurityAudit {
    private static final Logger LOG = Logger.getLogger(SecurityAudit.class);

    /** What happened. */
    public enum Action {
        SIGN_IN, SIGN_OUT, ACCOUNT_LOCKED, ACCOUNT_UNLOCKED, ACCOUNT_CREATED, ACCOUNT_CHANGED, ROLE_CHANGED,
        ACCOUNT_DISABLED, ACCOUNT_ENABLED, PASSWORD_CHANGED, PASSWORD_RESET, TOKEN_CREATED, TOKEN_REVOKED,
        TEAMS_CHANGED, CUSTOMER_EXPORTED, CUSTOMER_ERASED, RETENTION_APPLIED
    }

    /** How it ended. */
    public enum Outcome {
        SUCCESS, FAILURE, REFUSED
    }

    public void record(Action action, Outcome outcome, String actor, String subject, String clientAddress,
            String detail) {
        SecurityAuditEntry entry = new SecurityAuditEntry();
        entry.occurredAt = Instant.now();
        entry.action = action.name();
        entry.outcome = outcome.name();
        entry.actor = clip(actor, 200);
        entry.subject = clip(subject, 200);
        entry.clientAddress = clip(clientAddress, 64);
        entry.detail = clip(detail, 500);
        QuarkusTransaction.requiringNew().run(entry::persist);
        LOG.infof("security audit: %s %s actor=%s subject=%s", action, outcome, entry.actor, entry.subject);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
