package io.tiski.outbox;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells an outage of the database (worth waiting out) from a failure of one message or record (worth isolating), for
 * every service that writes in batches.
 */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    /**
     * True when the database could not be reached or went away: a connection that failed or was refused (SQLSTATE
     * class 08), a server shutting down or starting up (57P01–57P03), or no connection from the pool in time.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException
                    || isA(t, "org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage());
                if (message.contains("Acquisition timeout") || message.contains("This connection has been closed")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** By name, as this library does not depend on the class's library: the class or one of its superclasses. */
    private static boolean isA(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message, which names the actual problem. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
