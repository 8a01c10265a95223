package io.tiski.ticket.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Tells the agents' browsers which tickets changed. Every replica reads, once a second and only while a browser
 * listens, the tickets whose {@code updated_at} moved in the last few seconds (an index scan), and passes each
 * change on once. Reading a window rather than "since the last read" catches the transaction that set its time
 * before an earlier one committed; what a browser receives is only which ticket changed, and it reads the ticket
 * through the API, under its own scope.
 */
@ApplicationScoped
public class TicketChangeFeed {
    private static final Logger LOG = Logger.getLogger(TicketChangeFeed.class);
    private static final Duration WINDOW = Duration.ofSeconds(10);

    /** One ticket changed: created (first seen with its creation) or changed. */
    public record TicketChange(String kind, String ticketId, long number, String team, String assignee,
            String status, Instant at) {
    }

    private final EntityManager entityManager;
    private final BroadcastProcessor<TicketChange> changes = BroadcastProcessor.create();
    private final AtomicInteger listeners = new AtomicInteger();
    private final Map<UUID, Instant> announced = new HashMap<>();
    private Instant lastRead = Instant.now();

    TicketChangeFeed(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The changes from now on, for as long as the subscriber stays. */
    public Multi<TicketChange> changes() {
        return changes.onSubscription().invoke(() -> listeners.incrementAndGet())
                .onTermination().invoke(() -> listeners.decrementAndGet());
    }

    public int listeners() {
        return listeners.get();
    }

    @Scheduled(every = "${tiski.live.read-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void read() {
        Instant now = Instant.now();
        if (listeners.get() == 0) {
            announced.clear();
            lastRead = now;
            return;
        }
        Instant from = lastRead.minus(WINDOW);
        List<?> rows;
        try {
            // a transaction only when a browser listens: an idle replica costs nothing each second
            rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("SELECT id, number, "
                    + "team, assignee, status, created_at, updated_at FROM ticket WHERE updated_at > ?1 ORDER BY "
                    + "updated_at").setParameter(1, Timestamp.from(from)).getResultList());
        } catch (RuntimeException e) {
            LOG.warnf("The live feed could not read changed tickets (%s); it tries again in a second", e.toString());
            return;
        }
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            UUID id = (UUID) r[0];
            Instant created = instant(r[5]);
            Instant updated = instant(r[6]);
            if (updated.equals(announced.get(id))) {
                continue;
            }
            boolean first = !announced.containsKey(id) && !created.isBefore(from)
                    && Duration.between(created, updated).compareTo(Duration.ofSeconds(2)) < 0;
            announced.put(id, updated);
            changes.onNext(new TicketChange(first ? "created" : "changed", id.toString(), ((Number) r[1]).longValue(),
                    (String) r[2], (String) r[3], (String) r[4], updated));
        }
        announced.values().removeIf(at -> at.isBefore(from));
        lastRead = now;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
