package io.tiski.notification.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.tiski.notification.config.NotificationConfig;
import io.tiski.notification.domain.RetrySchedule;
import io.tiski.notification.repository.DeliveryRecords;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Sends again the mail the server put off. A deferred request waits in the ledger, not in a sender: sixteen
 * greylisted recipients (or one provider's rate limit) would otherwise hold every sender for minutes while the
 * rest of the mail waited behind them. Every {@code tiski.notifications.deferred.poll-interval} the requests that are
 * due are taken from the ledger (several instances take different ones) and tried on a pool of {@code concurrency}
 * senders of their own, as many at a time as senders are free: whenever an attempt ends, the next due request is
 * taken, so one attempt that hangs until the SMTP timeout holds one sender, not the others.
 *
 * <p>A request taken is due again after twice the SMTP timeout and ten seconds (its lease): if this process dies in
 * the attempt, another instance (or this one, restarted) takes it then, and sends it with the same Message-ID
 * (ADR 0003).
 */
@ApplicationScoped
public class DeferredSends {
    private static final Logger LOG = Logger.getLogger(DeferredSends.class);
    /**
     * Times one timer run takes requests from the ledger at most, so that a long backlog cannot keep the run (and
     * the counts after it) going forever; the next run goes on with the rest.
     */
    static final int MOST_CLAIMS = 1_000;
    /** How long a run waits at a time for a sender to be free, checking in between whether the service stops. */
    private static final long FREE_SENDER_WAIT_MS = 1_000;

    private final DeliveryLedger ledger;
    private final EmailSender sender;
    private final Duration abandonedAfter;
    private final Duration pollInterval;
    private final ExecutorService senders;
    /** Senders free for another attempt; an attempt holds one from its claim until it ends. */
    private final Semaphore free;
    private final AtomicLong waiting = new AtomicLong();
    /** Whether the last run could not read the ledger: a database outage is logged once, not every poll. */
    private volatile boolean ledgerAway;

    DeferredSends(DeliveryLedger ledger, EmailSender sender, NotificationConfig config, MeterRegistry metrics) {
        this.ledger = ledger;
        this.sender = sender;
        int concurrency = config.deferred().concurrency();
        this.free = new Semaphore(concurrency);
        this.abandonedAfter = config.smtpTimeout().multipliedBy(2).plusSeconds(10);
        this.pollInterval = config.deferred().pollInterval();
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "deferred-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("tiski.notifications.deferred.waiting", waiting, AtomicLong::get)
                .description("Mails put off by a mail server, waiting for their next attempt or in it (as of the "
                        + "last look at the ledger)").register(metrics);
    }

    @Scheduled(every = "${tiski.notifications.deferred.poll-interval}", delayed = "${tiski.notifications.deferred."
            + "poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendDue() {
        try {
            for (int claims = 0; claims < MOST_CLAIMS; claims++) {
                // every attempt ends within the SMTP timeout and two ledger writes, and frees its sender
                while (!free.tryAcquire(FREE_SENDER_WAIT_MS, TimeUnit.MILLISECONDS)) {
                    if (senders.isShutdown()) {
                        return;
                    }
                }
                int taking = 1 + free.drainPermits();
                List<DeliveryRecords.Due> due;
                try {
                    due = ledger.takeDue(Instant.now().plus(abandonedAfter), taking);
                } catch (RuntimeException e) {
                    free.release(taking);
                    throw e;
                }
                free.release(taking - due.size());
                due.forEach(this::start);
                if (due.size() < taking) {
                    break; // none other is due now
                }
            }
            waiting.set(ledger.scheduled());
            sender.waitingFor(ledger.unreachableServers());
            if (ledgerAway) {
                ledgerAway = false;
                LOG.info("Deferred mail is taken from the ledger again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!ledgerAway) {
                ledgerAway = true;
                LOG.warnf("Deferred mail could not be taken from the ledger (%s); looking again every %s, and "
                        + "saying so once it works again", e.toString(), pollInterval);
            } else {
                LOG.debugf("The ledger is still not answering (%s)", e.toString());
            }
        }
    }

    /** Tries the request on a sender of its own, which is free again when the attempt ends. */
    private void start(DeliveryRecords.Due request) {
        try {
            senders.execute(() -> {
                try {
                    attempt(request);
                } finally {
                    free.release();
                }
            });
        } catch (RejectedExecutionException e) {
            // the service is stopping: the request is taken again when its lease ends
            free.release();
        }
    }

    private void attempt(DeliveryRecords.Due request) {
        try {
            sender.retry(request);
        } catch (RuntimeException e) {
            LOG.warnf("Another attempt at request %s failed (%s); it is taken again after %s", request.requestId(),
                    e.getMessage(), abandonedAfter);
        }
    }

    @PreDestroy
    void stop() {
        senders.shutdown();
        try {
            // an attempt cut short is taken again later; a short wait lets most finish and be recorded
            if (!senders.awaitTermination(10, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The retry schedule from {@code tiski.notifications.deferred.*}, made at start so a bad one stops the start. */
    public static class Schedule {
        @Produces
        @Singleton
        @Startup
        RetrySchedule retrySchedule(NotificationConfig config) {
            NotificationConfig.Deferred deferred = config.deferred();
            try {
                return new RetrySchedule(deferred.firstRetryAfter(), deferred.longestRetryInterval(),
                        deferred.giveUpAfter());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tiski.notifications.deferred.*: " + e.getMessage(), e);
            }
        }
    }
}
