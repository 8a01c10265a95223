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
import java.util.List;

/**
 * A PostgreSQL server, the first of: an external one when {@code TISKI_DATABASE_URL} names it (a JDBC URL of any
 * database on that server, with {@code TISKI_DATABASE_USER} and {@code TISKI_DATABASE_PASSWORD}); a Testcontainers
 * one for throwaway servers when a Docker engine answers (unless {@code TISKI_TESTCONTAINERS=false}); otherwise an
 * embedded one whose binaries come from Maven Central, so a fresh machine needs nothing installed.
 *
 * <p>The embedded server flushes its data files when it keeps them (a data directory) and not for a throwaway one,
 * and confirms a commit before its WAL is written (synchronous_commit off) either way: fast, and what tests and the
 * local stack need. With {@code TISKI_POSTGRES_DURABLE=true} it does both as a production server does (fsync and
 * synchronous_commit on), for benchmarks that should pay what a durable commit costs.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String URL_VARIABLE = "TISKI_DATABASE_URL";
    public static final String DURABLE_VARIABLE = "TISKI_POSTGRES_DURABLE";

    private final EmbeddedPostgres embedded;
    private final AutoCloseable container;
    private final String adminUrl;
    private final String user;
    private final String password;

    private PostgresServer(EmbeddedPostgres embedded, AutoCloseable container, String adminUrl, String user,
            String password) {
        this.embedded = embedded;
        this.container = container;
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
            return new PostgresServer(null, null, external, envOr("TISKI_DATABASE_USER", "postgres"),
                    envOr("TISKI_DATABASE_PASSWORD", ""));
        }
        boolean durable = "true".equalsIgnoreCase(System.getenv(DURABLE_VARIABLE));
        // the throwaway container runs without fsync: a durable server is the embedded one
        if (dataDirectory == null && !durable && !"false".equalsIgnoreCase(System.getenv("TISKI_TESTCONTAINERS"))
                && DockerEngine.answers()) {
            return DockerEngine.startPostgres();
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(FreePorts.orPick(port))
                    .setServerConfig("fsync", durable || dataDirectory != null ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("max_connections", "300")
                    // when each row became visible, for the benchmarks' latency (pg_xact_commit_timestamp)
                    .setServerConfig("track_commit_timestamp", "on");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            return new PostgresServer(pg, null, pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** What kind of server this is, for people reading logs. */
    public String kind() {
        return embedded != null ? "embedded" : container != null ? "Testcontainers" : "external";
    }

    /** Testcontainers, touched only when a Docker engine may be there, so its absence costs nothing. */
    static final class DockerEngine {
        static boolean answers() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable e) {
                return false;
            }
        }

        @SuppressWarnings("resource")
        static PostgresServer startPostgres() {
            var pg = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:17-alpine")
                    .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
            pg.start();
            return new PostgresServer(null, pg::stop, pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
        }

        private DockerEngine() {
        }
    }

    /**
     * Restarts the embedded server as an operator would ({@code pg_ctl stop -m fast}: every session is ended, then
     * nothing answers on the port), keeps it down for {@code downtime}, and starts it on the same data directory,
     * port and settings.
     */
    public void restart(java.time.Duration downtime) throws IOException, InterruptedException {
        if (embedded == null) {
            throw new UnsupportedOperationException("only the embedded PostgreSQL is restarted by the tests");
        }
        String dataDirectory;
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW data_directory")) {
            rs.next();
            dataDirectory = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask PostgreSQL for its data directory: " + e.getMessage(), e);
        }
        long pid = Long.parseLong(java.nio.file.Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0)
                .trim());
        ProcessHandle.Info postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL's postmaster " + pid + " is not running")).info();
        Path binaries = Path.of(postmaster.command().orElseThrow()).getParent();
        List<String> options = new java.util.ArrayList<>(List.of(postmaster.arguments().orElseThrow()));
        int data = options.indexOf("-D");
        if (data >= 0) {
            options.subList(data, data + 2).clear();
        }
        pgCtl(binaries, "-D", dataDirectory, "-m", "fast", "-w", "stop");
        Thread.sleep(downtime.toMillis());
        pgCtl(binaries, "-D", dataDirectory, "-o", String.join(" ", options), "-l",
                Path.of(dataDirectory).resolveSibling(Path.of(dataDirectory).getFileName() + "-restart.log")
                        .toString(), "-w", "start");
    }

    private static void pgCtl(Path binaries, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; the embedded server was set up in a user namespace, so is this
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binaries.resolve("pg_ctl").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
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
        if (container != null) {
            try {
                container.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the PostgreSQL container: " + e.getMessage(), e);
            }
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
