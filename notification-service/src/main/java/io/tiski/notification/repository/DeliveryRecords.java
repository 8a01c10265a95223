package io.tiski.notification.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The statements every send request runs, in plain JDBC on the transaction's own connection (the data source hands
 * out the connection the transaction already holds). Through Hibernate each cost about ten times its work in the
 * database: translating and binding the query, then mapping the result (a profile under load put the three at a
 * quarter of this service's CPU).
 */
@ApplicationScoped
public class DeliveryRecords {
    private final AgroalDataSource dataSource;

    DeliveryRecords(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One statement; false when the request was recorded before (a redelivery, a retry after a crash). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insertIfNew(OutboundDelivery d) {
        return run("recording request " + d.requestId, "INSERT INTO outbound_delivery (request_id, ticket_id, kind, "
                + "channel, recipient, message_id, status, reason, attempts, requested_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING", st -> {
            bindRequest(st, d);
            st.setString(7, d.status);
            st.setString(8, d.reason);
            st.setInt(9, d.attempts);
            st.setObject(10, at(d.requestedAt), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setObject(11, at(d.updatedAt), Types.TIMESTAMP_WITH_TIMEZONE);
            return st.executeUpdate() == 1;
        });
    }

    /**
     * Records a new acknowledgement in one statement that also counts the acknowledgements its address was sent
     * since {@code since}: SENDING, or SKIPPED with the reason when there are {@code budget} or more. Every
     * acknowledgement runs it, and one statement costs this service and the database about half of a count
     * followed by an insert.
     *
     * @param window how the window reads in the reason ({@code PT24H})
     * @return the status and reason it was recorded with; empty when the request was recorded before
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Recorded> insertAcknowledgementIfNew(OutboundDelivery d, int budget, Instant since,
            String window) {
        return run("recording acknowledgement " + d.requestId, "INSERT INTO outbound_delivery (request_id, "
                + "ticket_id, kind, channel, recipient, message_id, status, reason, attempts, requested_at, "
                + "updated_at) SELECT ?, ?, ?, ?, ?, ?, CASE WHEN sent.n >= ? THEN 'SKIPPED' ELSE 'SENDING' END, "
                + "CASE WHEN sent.n >= ? THEN ? || ' already got ' || sent.n || ' acknowledgements within ' || ? "
                + "|| ' (budget ' || ? || ')' END, ?, ?, ? FROM (SELECT count(*) AS n FROM outbound_delivery "
                + "WHERE lower(recipient) = lower(?) AND kind = ? AND status = 'SENT' AND requested_at > ?) sent "
                + "ON CONFLICT (request_id) DO NOTHING RETURNING status, reason", st -> {
            bindRequest(st, d);
            st.setInt(7, budget);
            st.setInt(8, budget);
            st.setString(9, d.recipient);
            st.setString(10, window);
            st.setInt(11, budget);
            st.setInt(12, d.attempts);
            st.setObject(13, at(d.requestedAt), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setObject(14, at(d.updatedAt), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setString(15, d.recipient);
            st.setString(16, d.kind);
            st.setObject(17, at(since), Types.TIMESTAMP_WITH_TIMEZONE);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Recorded(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        });
    }

    /** How a new request was recorded. */
    public record Recorded(String status, String reason) {
    }

    /**
     * Sets the request's last state (and {@code sent_at} when it is SENT) in one statement; a request that was
     * deferred leaves the schedule and its kept copy is dropped.
     *
     * @return the request as it now is, or empty when it was never recorded
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Finished> finish(String requestId, String status, String reason, Instant now) {
        return run("finishing request " + requestId, "UPDATE outbound_delivery SET status = ?, reason = ?, "
                + "updated_at = ?, sent_at = CASE WHEN ? = 'SENT' THEN ? ELSE sent_at END, next_attempt_at = NULL, "
                + "request = NULL, unreachable_server = NULL WHERE request_id = ? RETURNING message_id", st -> {
            st.setString(1, status);
            st.setString(2, reason);
            st.setObject(3, at(now), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setString(4, status);
            st.setObject(5, at(now), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setString(6, requestId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Finished(rs.getString(1))) : Optional.empty();
            }
        });
    }

    /** A finished request: the Message-ID it was (or would have been) sent with. */
    public record Finished(String messageId) {
    }

    /**
     * Records that the mail server put the request off: DEFERRED until {@code nextAttemptAt}, with the server's
     * reason, the request as consumed (kept from the first deferral on) and when it was first put off. Only a request
     * in an attempt (SENDING) is deferred: one whose customer was erased meanwhile is not kept, and one an operator
     * or an erasure ended during the attempt stays ended.
     *
     * @param unreachableServer the server the attempt could not reach, or null when the server answered
     * @return the request as it now is, or empty when it is not recorded, no longer in an attempt, or its customer
     *         was erased
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Finished> defer(String requestId, String reason, Instant nextAttemptAt, byte[] request,
            String unreachableServer, Instant now) {
        return run("deferring request " + requestId, "UPDATE outbound_delivery SET status = 'DEFERRED', reason = ?, "
                + "next_attempt_at = ?, request = coalesce(request, ?), deferred_since = coalesce(deferred_since, ?), "
                + "updated_at = ?, unreachable_server = ? WHERE request_id = ? AND status = 'SENDING' "
                + "AND recipient <> '[erased]' "
                + "RETURNING message_id", st -> {
            st.setString(1, reason);
            st.setObject(2, at(nextAttemptAt), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setBytes(3, request);
            st.setObject(4, at(now), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setObject(5, at(now), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setString(6, unreachableServer);
            st.setString(7, requestId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Finished(rs.getString(1))) : Optional.empty();
            }
        });
    }

    /**
     * Takes up to {@code limit} requests due for another attempt, the longest due first, skipping those another
     * instance is taking: each is SENDING again, one attempt more, and due again at {@code abandonedAfter} (when
     * an attempt that did not finish by then, because its process died, is taken again).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.List<Due> claimDue(Instant now, Instant abandonedAfter, int limit) {
        return run("taking deferred requests", "UPDATE outbound_delivery SET status = 'SENDING', "
                + "attempts = attempts + 1, updated_at = ?, next_attempt_at = ? WHERE request_id IN (SELECT "
                + "request_id FROM outbound_delivery WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? "
                + "FOR UPDATE SKIP LOCKED) RETURNING request_id, request, deferred_since, reason, attempts", st -> {
            st.setObject(1, at(now), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setObject(2, at(abandonedAfter), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setObject(3, at(now), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setInt(4, limit);
            java.util.List<Due> due = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime since = rs.getObject(3, OffsetDateTime.class);
                    due.add(new Due(rs.getString(1), rs.getBytes(2), since == null ? now : since.toInstant(),
                            rs.getString(4), rs.getInt(5)));
                }
            }
            return due;
        });
    }

    /**
     * A deferred request taken for another attempt.
     *
     * @param request the request as it was consumed
     * @param lastReason why the last attempt was put off
     * @param attempts the attempts made, this one included
     */
    public record Due(String requestId, byte[] request, Instant deferredSince, String lastReason, int attempts) {
    }

    /**
     * The server is reachable again: the requests deferred because it could not be reached are due now.
     *
     * @return how many
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int dueNowFor(String server, Instant now) {
        return run("waking requests deferred for " + server, "UPDATE outbound_delivery SET next_attempt_at = ? "
                + "WHERE unreachable_server = ? AND status = 'DEFERRED' AND next_attempt_at > ?", st -> {
            st.setObject(1, at(now), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setString(2, server);
            st.setObject(3, at(now), Types.TIMESTAMP_WITH_TIMEZONE);
            return st.executeUpdate();
        });
    }

    /** The servers that deferred requests wait for because they could not be reached. */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Set<String> unreachableServers() {
        return run("listing unreachable servers", "SELECT DISTINCT unreachable_server FROM outbound_delivery "
                + "WHERE unreachable_server IS NOT NULL AND status = 'DEFERRED'", st -> {
            java.util.Set<String> servers = new java.util.HashSet<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    servers.add(rs.getString(1));
                }
            }
            return servers;
        });
    }

    /** Requests waiting for another attempt, or in one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long scheduled() {
        return run("counting deferred requests", "SELECT count(*) FROM outbound_delivery "
                + "WHERE next_attempt_at IS NOT NULL", st -> {
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Binds the columns that name a request, the first six of both inserts. */
    private static void bindRequest(PreparedStatement st, OutboundDelivery d) throws SQLException {
        st.setString(1, d.requestId);
        st.setString(2, d.ticketId);
        st.setString(3, d.kind);
        st.setString(4, d.channel);
        st.setString(5, d.recipient);
        st.setString(6, d.messageId);
    }

    /** What a statement does once prepared. */
    @FunctionalInterface
    private interface Statement<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** Prepares {@code sql} on the transaction's connection and runs it; {@code what} names it in the error. */
    private <T> T run(String what, String sql, Statement<T> work) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            return work.run(st);
        } catch (SQLException e) {
            throw new DeliveryRecordException(what, e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A statement the database refused; the transaction it ran in is rolled back. */
    public static class DeliveryRecordException extends RuntimeException {
        DeliveryRecordException(String what, SQLException cause) {
            super(what + ": " + cause.getMessage(), cause);
        }
    }
}
