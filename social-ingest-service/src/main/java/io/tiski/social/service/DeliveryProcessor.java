package io.tiski.social.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Takes in stored webhook deliveries one at a time, oldest first, on a thread of its own: woken by each new
 * delivery, and by a timer for deliveries waiting to be retried or left by another instance.
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

    DeliveryProcessor(SocialIntake intake) {
        this.intake = intake;
    }

    /** Makes sure a drain runs soon; many wake-ups while one is pending are one drain. */
    public void wake() {
        if (scheduled.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    @Scheduled(every = "${tiski.social.processing-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        wake();
    }

    private void drain() {
        scheduled.set(false);
        try {
            int handled = 0;
            while (intake.processNext() && handled++ < 10_000) {
                // one delivery per transaction; the limit lets the timer's next wake-up continue a long backlog
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Taking in webhook deliveries failed; retrying shortly");
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
