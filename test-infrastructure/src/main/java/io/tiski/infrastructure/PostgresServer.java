package io.tiski.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server: an external one when {@code TISKI_DATABASE_URL} names it (a JDBC URL of any database on
 * that server, with {@code TISKI_DATABASE_USER} and {@code TISKI_DATABASE_PASSWORD}), otherwise an embedded one
 * whose binaries come from Maven Central, so a fresh machine needs nothing installed.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String URL_VARIABLE = "TISKI_DATABASE_URL";

    private final EmbeddedPostgres embedded;
    private final String adminUrl;
    private final String user;
    private final String password;

    private PostgresServer(EmbeddedPostgres embedded, String adminUrl, String user, String password) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    /** A database the caller owns: its JDBC URL and credentials. */
    public record Database(String name, String jdbcUrl, String user, String password) {
    }

    public static PostgresServer startOrConnect(int port, Path dataDirectory) {
        String external = System.getenv(URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            return new PostgresServer(null, external, envOr("TISKI_DATABASE_USER", "postgres"),
                    envOr("TISKI_DATABASE_PASSWORD", ""));
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(FreePorts.orPick(port))
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                    .setServerConfig("max_connections", "300");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            return new PostgresServer(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Creates the database when it does not exist yet and returns how to reach it. */
    public Database database(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database names are lower-case letters, digits and _: " + name);
        }
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!rs.next()) {
                    st.executeUpdate("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + adminUrl + ": "
                    + e.getMessage() + (isEmbedded() ? "" : " (check " + URL_VARIABLE + " and its credentials)"), e);
        }
        return new Database(name, withDatabase(adminUrl, name), user, password);
    }

    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database + params;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
