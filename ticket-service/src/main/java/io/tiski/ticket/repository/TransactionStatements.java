package io.tiski.ticket.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Plain SQL on the current transaction's connection (the data source hands out the connection the transaction
 * already holds, so these statements see Hibernate's flushed writes and commit or roll back with them). For the
 * statements every inbound message runs: through Hibernate each costs several times its work in the database
 * (query translation, parameter binding, entity mapping and the flush before every query), which a profile under
 * load put at more than half of this service's CPU.
 */
@ApplicationScoped
public class TransactionStatements {
    private final AgroalDataSource dataSource;

    TransactionStatements(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** @param what what the work is, for the error ("looking up customer") */
    public <T> T run(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new StatementFailedException(what, e);
        }
    }

    /** Binds one row's values to a prepared statement's parameters. */
    @FunctionalInterface
    public interface RowBinder<R> {
        void bind(PreparedStatement statement, R row) throws SQLException;
    }

    /**
     * Runs {@code sql} once per row as one JDBC batch (nothing when there are no rows): a single round trip to the
     * database for as many rows as a poll brings.
     */
    public static <R> void batch(Connection connection, String sql, java.util.Collection<R> rows, RowBinder<R> binder)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (R row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** A timestamp parameter: PostgreSQL's timestamptz. */
    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A timestamptz column's value. */
    public static Instant instant(java.sql.ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** A statement the database refused; the SQLException (with its SQLSTATE) is the cause. */
    public static class StatementFailedException extends RuntimeException {
        StatementFailedException(String what, SQLException cause) {
            super(what + ": " + cause.getMessage(), cause);
        }
    }
}
