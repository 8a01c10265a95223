package io.tiski.ticket.service.sla;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Raises SLA warnings and breaches at their moment: every clock row carries the instant its next alert is due
 * (indexed), and this timer looks for rows that have reached it several times a second, so an alert leaves within
 * the resolution of its due time rather than on a cron tick. Several instances may run it; the ticket lock and the
 * alert's primary key keep every alert single.
 * Also recomputes every open ticket after SLA policies or calendars change.
 */
@ApplicationScoped
public class SlaTimer {
    private static final Logger LOG = Logger.getLogger(SlaTimer.class);
    private static final int BATCH = 200;

    private final SlaClockService clocks;
    private final Duration resolution;
    private final boolean enabled;
    private final AtomicBoolean recomputeRequested = new AtomicBoolean();
    private ScheduledExecutorService executor;
    /** Recomputing every open ticket takes seconds on a large helpdesk: it must not hold up the alerts. */
    private ScheduledExecutorService recomputer;

    SlaTimer(SlaClockService clocks,
            @ConfigProperty(name = "tiski.sla.timer-resolution", defaultValue = "PT0.2S") Duration resolution,
            @ConfigProperty(name = "tiski.sla.timer-enabled", defaultValue = "true") boolean enabled) {
        this.clocks = clocks;
        this.resolution = resolution;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("SLA timer disabled (tiski.sla.timer-enabled=false)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tiski-sla-timer");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, resolution.toMillis(), resolution.toMillis(),
                TimeUnit.MILLISECONDS);
        recomputer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tiski-sla-recompute");
            t.setDaemon(true);
            return t;
        });
        recomputer.scheduleWithFixedDelay(this::recomputeIfRequested, 500, 500, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
            recomputer.shutdownNow();
        }
    }

    /** Asks for every open ticket's clocks to be computed again (after a policy or calendar change). */
    public void recomputeOpenTickets() {
        recomputeRequested.set(true);
    }

    void recomputeIfRequested() {
        try {
            if (recomputeRequested.getAndSet(false)) {
                recomputeAllOpen();
            }
        } catch (RuntimeException e) {
            recomputeRequested.set(true);
            LOG.warnf(e, "Measuring open tickets again after an SLA change failed: %s; trying again", e.getMessage());
        }
    }

    void tick() {
        try {
            List<UUID> due;
            int batches = 0;
            do {
                Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                due = clocks.ticketsWithAlertsDue(now, BATCH);
                for (UUID ticketId : due) {
                    try {
                        clocks.recompute(ticketId, now);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "SLA timer: ticket %s: %s", ticketId, e.getMessage());
                    }
                }
            } while (due.size() == BATCH && ++batches < 50);
        } catch (RuntimeException e) {
            LOG.warnf(e, "SLA timer: %s; trying again in %d ms", e.getMessage(), resolution.toMillis());
        }
    }

    private void recomputeAllOpen() {
        long started = System.nanoTime();
        long done = 0;
        UUID after = new UUID(0, 0);
        List<UUID> page;
        do {
            page = clocks.openTicketsAfter(after, 500);
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            for (UUID id : page) {
                clocks.recompute(id, now);
                after = id;
            }
            done += page.size();
            if (done > 0 && done % 10_000 < page.size()) {
                LOG.infof("SLA policies changed: %d open tickets measured again so far", done);
            }
        } while (page.size() == 500);
        LOG.infof("SLA policies changed: %d open tickets measured again in %d ms", done,
                (System.nanoTime() - started) / 1_000_000);
    }
}
