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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Sends again the mail the server put off. A deferred request waits in the ledger, not in a sender: sixteen
 * greylisted recipients (or one provider's rate limit) would otherwise hold every sender for minutes while the
 * rest of the mail waited behind them. Every {@code tiski.notifications.deferred.poll-interval} the requests that are
 * due are taken from the ledger (several instances take different ones) and tried on a pool of their own, a round
 * of {@code concurrency} at a time, until none is due.
 *
 * <p>A request taken stays due again after twice the SMTP timeout: if this process dies in the attempt, another
 * instance (or this one, restarted) takes it then, and sends it with the same Message-ID (ADR 0003).
 */
@ApplicationScoped
public class DeferredSends {
    private static final Logger LOG = Logger.getLogger(DeferredSends.class);
    /** Rounds in one timer run at most, so that a long backlog cannot keep the run (and its checks) going forever. */
    static final int MOST_ROUNDS = 1_000;

    private final DeliveryLedger ledger;
    private final EmailSender sender;
    private final int concurrency;
    private final Duration abandonedAfter;
    private final ExecutorService senders;
    private final AtomicLong waiting = new AtomicLong();

    DeferredSends(DeliveryLedger ledger, EmailSender sender, NotificationConfig config, MeterRegistry metrics) {
        this.ledger = ledger;
        this.sender = sender;
        this.concurrency = config.deferred().concurrency();
        this.abandonedAfter = config.smtpTimeout().multipliedBy(2).plusSeconds(10);
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
            for (int round = 0; round < MOST_ROUNDS; round++) {
                List<DeliveryRecords.Due> due = ledger.takeDue(Instant.now().plus(abandonedAfter), concurrency);
                List<Future<?>> attempts = new ArrayList<>();
                for (DeliveryRecords.Due request : due) {
                    attempts.add(senders.submit(() -> attempt(request)));
                }
                for (Future<?> attempt : attempts) {
                    attempt.get(); // each ends within the SMTP timeout and two ledger writes
                }
                if (due.size() < concurrency) {
                    break;
                }
            }
            waiting.set(ledger.scheduled());
            sender.waitingFor(ledger.unreachableServers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            LOG.warnf("Deferred mail could not be taken from the ledger (%s); looking again shortly", e.toString());
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
