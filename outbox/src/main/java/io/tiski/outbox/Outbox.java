package io.tiski.outbox;

import io.agroal.api.AgroalDataSource;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes events into the service's {@code outbox_event} table inside the caller's transaction, so an event exists
 * exactly when the state change that caused it was committed. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    Outbox(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
    }

    /**
     * The event's headers and, when the change happens inside a trace (an HTTP request, a consumed record, a
     * fetched mail), that trace's W3C {@code traceparent}: the consumer's work joins the same trace.
     */
    static java.util.Map<String, String> withTraceContext(java.util.Map<String, String> headers) {
        io.opentelemetry.context.Context context = io.opentelemetry.context.Context.current();
        if (!io.opentelemetry.api.trace.Span.fromContext(context).getSpanContext().isValid()) {
            return headers;
        }
        java.util.Map<String, String> traced = new java.util.LinkedHashMap<>(headers);
        io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance().inject(context, traced,
                (carrier, key, value) -> carrier.put(key, value));
        return traced;
    }

    /** Must be called inside the transaction that makes the change the event reports. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(EventEnvelope event) {
        append(event, event.header(io.tiski.events.v1.CloudEventHeaders.ID));
    }

    /**
     * A record exactly as given (a dead letter keeps the headers it came with), under {@code outboxId}: the id the
     * relay's log and an operator see for it. The transaction's events are written together just before it commits
     * (one batch, one round trip), in the order they were appended; a transaction that rolls back writes none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(EventEnvelope event, String outboxId) {
        pendingOfThisTransaction().add(new PendingEvent(outboxId, event.topic(), event.key(),
                new String(EventJson.write(withTraceContext(event.headers())), java.nio.charset.StandardCharsets.UTF_8),
                event.value()));
    }

    private record PendingEvent(String outboxId, String topic, String key, String headers, byte[] payload) {
    }

    /** This transaction's events not yet written; the first append registers their writing before the commit. */
    private java.util.List<PendingEvent> pendingOfThisTransaction() {
        @SuppressWarnings("unchecked")
        java.util.List<PendingEvent> pending = (java.util.List<PendingEvent>) transactions.getResource(PENDING);
        if (pending != null) {
            return pending;
        }
        java.util.List<PendingEvent> created = new java.util.ArrayList<>();
        transactions.putResource(PENDING, created);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // a transaction already marked for rollback writes nothing (it could not keep it anyway)
                if (transactions.getTransactionStatus() != Status.STATUS_MARKED_ROLLBACK) {
                    write(created);
                }
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
        return created;
    }

    private static final Object PENDING = new Object() {
        @Override
        public String toString() {
            return "tiski outbox events of this transaction";
        }
    };

    /** Writes the events appended so far (in the caller's transaction) and forgets them. */
    private void write(java.util.List<PendingEvent> pending) {
        if (pending.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO outbox_event (event_id, topic, record_key, headers, payload) "
                                + "VALUES (?, ?, ?, ?::jsonb, ?)")) {
            for (PendingEvent event : pending) {
                insert.setString(1, event.outboxId());
                insert.setString(2, event.topic());
                insert.setString(3, event.key());
                insert.setString(4, event.headers());
                insert.setBytes(5, event.payload());
                insert.addBatch();
            }
            insert.executeBatch();
            pending.clear();
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new IllegalStateException("could not write " + pending.size() + " events to the outbox: "
                    + cause.getMessage(), cause);
        }
    }

    /**
     * Deletes the events (published or not) whose payload names any of {@code needles}: for an erased customer,
     * whose words must not stay in this database, nor leave it later. Returns how many went.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forget(java.util.Collection<String> needles) {
        // events of this same transaction are forgotten too: written first, so the deletion finds them
        write(pendingOfThisTransaction());
        int deleted = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM outbox_event WHERE position(convert_to(?, 'UTF8') IN payload) > 0")) {
            for (String needle : needles) {
                if (needle != null && needle.length() >= 3) {
                    delete.setString(1, needle);
                    deleted += delete.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not forget outbox events: " + e.getMessage(), e);
        }
        return deleted;
    }
}
