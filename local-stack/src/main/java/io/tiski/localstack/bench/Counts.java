package io.tiski.localstack.bench;

import io.tiski.infrastructure.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counting queries against one database on one connection, kept open for the run and shared by the threads that
 * count (the sampler and the waits). A connection per count made PostgreSQL start a backend process for each, several
 * times a second, on the machine the run measures. A broken connection is opened again once.
 */
final class Counts implements AutoCloseable {
    private final PostgresServer.Database database;
    private Connection connection;

    Counts(PostgresServer.Database database) {
        this.database = database;
    }

    /** The first column of the first row of {@code sql}, a count. */
    synchronized long count(String sql) throws SQLException {
        try {
            return query(sql);
        } catch (SQLException e) {
            close();
            return query(sql);
        }
    }

    private long query(String sql) throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a broken connection: nothing left to release
            }
            connection = null;
        }
    }
}
