package io.tiski.infrastructure.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tiski.infrastructure.PostgresServer;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for each test run of a service, on an embedded server (or the external server named
 * by {@code TISKI_DATABASE_URL}). Init arg {@code service} names the database prefix.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static PostgresServer server;
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private String service = "tiski";

    public static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.startOrConnect(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-test-server-stop"));
        }
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service).replace('-', '_');
    }

    @Override
    public Map<String, String> start() {
        PostgresServer.Database db = server().database(service + "_test_" + RUN);
        return Map.of("quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // the server stops when the JVM exits
    }
}
