package io.tiski.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.logging.Handler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.configuration.PropertyContextConfiguration;

/**
 * Applies {@code infrastructure-logging.properties} to this JVM's log context. The Quarkus libraries on the local
 * stack's class path install their start-up configuration in every JVM that loads the log manager: every logger at
 * ALL, its records held for a Quarkus application that never comes here to configure them. The broker and the mail
 * server then built every trace message they have (a profile of the ingest benchmark put that at 7.5 % of this JVM's
 * CPU) for nobody to read.
 */
final class InfrastructureLogging {
    static final String CONFIGURATION = "/infrastructure-logging.properties";
    private static boolean applied;

    private InfrastructureLogging() {
    }

    /** Once per JVM, before the infrastructure starts; {@code tiski.logs} names the directory of the log file. */
    static synchronized void apply() {
        if (applied) {
            return;
        }
        Properties properties = new Properties();
        try (InputStream in = InfrastructureLogging.class.getResourceAsStream(CONFIGURATION)) {
            if (in == null) {
                throw new IllegalStateException(CONFIGURATION + " is missing from the local stack's class path; "
                        + "rebuild it with ./mvnw -DskipTests install");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + CONFIGURATION, e);
        }
        LogContext context = LogContext.getSystemLogContext();
        Logger root = context.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler.getClass().getName().startsWith("io.quarkus.bootstrap.logging.")) {
                root.removeHandler(handler); // the held records were never going to be written
            }
        }
        PropertyContextConfiguration.configure(context, properties);
        applied = true;
    }
}
