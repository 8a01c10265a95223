package io.tiski.social.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Takes in stored webhook deliveries oldest first, in batches, on a thread of its own: woken by each new
 * delivery, and by a timer for deliveries waiting to be retried or left by another instance. A batch that fails
 * is taken in again one delivery at a time, so one bad delivery is set aside without holding back the rest.
 */
@ApplicationScoped
public class DeliveryProcessor {
    private static final Logger LOG = Logger.getLogger(DeliveryProcessor.class);
    private final SocialIntake intake;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "social-deliveries");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Deliveries taken in per transaction. */
    static final int BATCH = 100;

    DeliveryProcessor(SocialIntake intake) {
        this.intake = intake;
    }

    /** Makes sure a drain runs soon; many wake-ups while one is pending are one drain. */
    public void wake() {
        if (!thread.isShutdown() && scheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false); // shutting down: the next start takes the rest in
            }
        }
    }

    @Scheduled(every = "${tiski.social.processing-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onTimer() {
        wake();
    }

    private void drain() {
        scheduled.set(false);
        try {
            int handled = 0;
            while (handled < 20_000) { // the limit lets the timer's next wake-up continue a long backlog
                int batch;
                try {
                    batch = intake.processBatch(BATCH);
                } catch (RuntimeException e) {
                    LOG.warnf("A batch of webhook deliveries failed (%s); taking them in one by one", e.toString());
                    batch = oneByOne();
                }
                if (batch == 0) {
                    return;
                }
                handled += batch;
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Taking in webhook deliveries failed; retrying shortly");
        }
    }

    private int oneByOne() {
        List<Long> ids = intake.dueIds(BATCH);
        for (long id : ids) {
            try {
                intake.processOne(id);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Webhook delivery %d could not be taken in; it is tried again later", id);
                intake.recordFailure(id, e);
            }
        }
        return ids.size();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
