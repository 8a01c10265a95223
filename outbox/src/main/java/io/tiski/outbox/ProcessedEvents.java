package io.tiski.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The log of events a consumer has already applied. Recording an event id in the same transaction as its effect
 * makes a redelivery (Kafka rebalance, relay retry, replay of a dead letter) a no-op.
 */
@ApplicationScoped
public class ProcessedEvents {
    private final AgroalDataSource dataSource;

    ProcessedEvents(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @return true when this is the first time {@code consumer} sees {@code eventId}; false for a repeat, whose
     *         effect must then be skipped
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        return firstDeliveries(consumer, java.util.Collections.singletonList(eventId)).contains(eventId);
    }

    /**
     * {@link #firstDelivery} for many events in one statement (a consumer's batch).
     *
     * @return those of {@code eventIds} that {@code consumer} sees for the first time, each once
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Set<String> firstDeliveries(String consumer, java.util.Collection<String> eventIds) {
        java.util.Set<String> first = new java.util.HashSet<>();
        if (eventIds.isEmpty()) {
            return first;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement("INSERT INTO processed_event (consumer, event_id) "
                        + "SELECT ?, unnest(?) ON CONFLICT DO NOTHING RETURNING event_id")) {
            st.setString(1, consumer);
            st.setArray(2, connection.createArrayOf("varchar", new java.util.LinkedHashSet<>(eventIds).toArray()));
            try (java.sql.ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    first.add(rs.getString(1));
                }
            }
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record " + eventIds.size() + " processed events: "
                    + e.getMessage(), e);
        }
    }
}
