package io.tiski.notification.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tiski.outbox.DatabaseFailures;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Commits the ledger's records of the sends going on at once together (group commit). Every send writes two records
 * (begun, then sent or refused) in transactions of its own, and with sixteen sends at a time the transactions'
 * overhead was a quarter of this service's CPU. A send's record is queued; whichever send finds no commit running
 * writes every record queued by then in one transaction, while the sends behind it queue theirs for the next.
 * Alone, a record commits as soon as it is written, as before.
 *
 * <p>A record's own failure (a constraint, a lock it waited for too long) must not fail the others': the record whose
 * statements failed reports it to its own send, which retries or dead-letters as any failed send does, and the
 * others are written again without it. An unreachable database fails them all at once; each send retries.
 */
@ApplicationScoped
public class LedgerCommits {
    /** Records in one transaction at most: its row locks are held, and its sends wait, until it commits. */
    static final int MOST_PER_TRANSACTION = 64;

    private final ConcurrentLinkedQueue<Record<?>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();
    private final Counter transactions;
    private final Counter records;

    LedgerCommits(MeterRegistry metrics) {
        this.transactions = Counter.builder("tiski.notifications.ledger.transactions")
                .description("Transactions that wrote delivery records").register(metrics);
        this.records = Counter.builder("tiski.notifications.ledger.records")
                .description("Delivery records written (begun, sent, refused, skipped)").register(metrics);
    }

    /**
     * Runs {@code work} (statements on the ledger's tables and the outbox) in a transaction, possibly shared with
     * other sends' records, and returns its result once that transaction committed.
     *
     * @throws RuntimeException what {@code work}'s own statements threw in the shared transaction; or, with every
     *         record of the batch, why the database was unavailable or the commit failed
     */
    public <T> T write(Supplier<T> work) {
        Record<T> record = new Record<>(work);
        queued.add(record);
        committing.lock();
        try {
            while (!record.finished) {
                List<Record<?>> batch = new ArrayList<>();
                for (Record<?> next; batch.size() < MOST_PER_TRANSACTION && (next = queued.poll()) != null; ) {
                    batch.add(next);
                }
                try {
                    commit(batch);
                } finally {
                    // whatever escaped (an Error), no send may wait for a record no one will write any more
                    batch.stream().filter(r -> !r.finished).forEach(r -> r.failed(new IllegalStateException(
                            "the delivery record was not written; retrying")));
                }
            }
        } finally {
            committing.unlock();
        }
        return record.outcome();
    }

    /** Records waiting for a commit (for tests). */
    int waiting() {
        return queued.size();
    }

    /**
     * Writes the batch in one transaction. When a record's statements fail, that record fails (its send retries)
     * and the rest are written again without it; when the database is away, or the commit itself fails, every
     * record of the batch fails at once, without trying each alone against a database that is not there.
     */
    private void commit(List<Record<?>> batch) {
        List<Record<?>> left = new ArrayList<>(batch);
        while (!left.isEmpty()) {
            Record<?>[] writing = new Record<?>[1];
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    for (Record<?> record : left) {
                        writing[0] = record;
                        record.run();
                    }
                    writing[0] = null;
                });
                transactions.increment();
                records.increment(left.size());
                left.forEach(Record::committed);
                return;
            } catch (RuntimeException e) {
                if (writing[0] == null || DatabaseFailures.isUnavailable(e)) {
                    left.forEach(record -> record.failed(e));
                    return;
                }
                writing[0].failed(e);
                left.remove(writing[0]);
            }
        }
    }

    /** One send's record: its work, and what came of it once its transaction ended. */
    private static final class Record<T> {
        private final Supplier<T> work;
        private T result;
        private RuntimeException failure;
        /** Written by the committing thread, read by the record's own after it took the lock. */
        private volatile boolean finished;

        Record(Supplier<T> work) {
            this.work = work;
        }

        void run() {
            result = work.get();
        }

        void committed() {
            finished = true;
        }

        void failed(RuntimeException e) {
            result = null;
            failure = e;
            finished = true;
        }

        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
