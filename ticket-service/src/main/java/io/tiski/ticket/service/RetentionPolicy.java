package io.tiski.ticket.service;

import io.quarkus.scheduler.Scheduled;
import io.tiski.ticket.config.PrivacyConfig;
import io.tiski.ticket.security.SecurityAudit;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/** Runs the retention policy for closed tickets every hour (tiski.privacy.retention.closed-ticket-months). */
@ApplicationScoped
public class RetentionPolicy {
    private static final Logger LOG = Logger.getLogger(RetentionPolicy.class);
    private final PrivacyConfig config;
    private final CustomerPrivacy privacy;
    private final SecurityAudit audit;

    RetentionPolicy(PrivacyConfig config, CustomerPrivacy privacy, SecurityAudit audit) {
        this.config = config;
        this.privacy = privacy;
        this.audit = audit;
    }

    @Scheduled(every = "${tiski.privacy.retention.interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void applyOnSchedule() {
        config.retention().closedTicketMonths().ifPresent(this::apply);
    }

    /** Erases the personal data of tickets closed more than {@code months} months ago. */
    public int[] apply(int months) {
        if (months < 1) {
            throw new IllegalArgumentException("tiski.privacy.retention.closed-ticket-months must be at least 1");
        }
        Instant cutoff = Instant.now().atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
        int[] erased = privacy.applyRetention(cutoff, config.retention().batchSize());
        if (erased[0] > 0 || erased[1] > 0) {
            LOG.infof("Retention: erased %d tickets closed before %s and %d customers", erased[0], cutoff, erased[1]);
            audit.record(SecurityAudit.Action.RETENTION_APPLIED, SecurityAudit.Outcome.SUCCESS, "retention policy",
                    null, null, erased[0] + " tickets closed before " + cutoff + ", " + erased[1] + " customers");
        }
        return erased;
    }
}
