package io.tiski.ticket.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.outbox.DatabaseFailures;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A database that goes away while a transaction writes its last rows (the outbox's events and Hibernate's flush
 * are written just before the commit) must be told from a refused message: the consumers wait out the first and
 * dead-letter only the second. What the transaction manager reports for each is checked here, as it comes out of
 * a real commit.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class DatabaseFailuresTest {
    @Inject
    TransactionSynchronizationRegistry transactions;

    @Test
    void aConnectionLostWhileCommittingIsAnOutage() {
        Throwable failure = commitFailingWith(new SQLException("An I/O error occurred while sending to the backend.",
                "08006"));
        assertThat(failure).isNotNull();
        assertThat(DatabaseFailures.isUnavailable(failure)).as("%s", failure).isTrue();
    }

    @Test
    void aRowRefusedWhileCommittingIsNotAnOutage() {
        Throwable failure = commitFailingWith(new SQLException("ERROR: value too long for type character varying(16)",
                "22001"));
        assertThat(failure).isNotNull();
        assertThat(DatabaseFailures.isUnavailable(failure)).as("%s", failure).isFalse();
    }

    @Test
    void hibernatesConnectionFailureIsAnOutageEvenAsASubclassWithoutSqlState() {
        // the library knows Hibernate's class by name only; a subclass of it must still be recognised
        Throwable failure = new RuntimeException("flush failed",
                new org.hibernate.exception.JDBCConnectionException("connection lost", new SQLException("gone")) {
                });
        assertThat(DatabaseFailures.isUnavailable(failure)).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new RuntimeException("flush failed",
                new org.hibernate.exception.ConstraintViolationException("duplicate", new SQLException("dup"), "k"))))
                .isFalse();
    }

    private Throwable commitFailingWith(SQLException writeFailure) {
        return catchThrowable(() -> QuarkusTransaction.requiringNew().run(() ->
                transactions.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                        throw new IllegalStateException("could not write 1 events to the outbox: "
                                + writeFailure.getMessage(), writeFailure);
                    }

                    @Override
                    public void afterCompletion(int status) {
                    }
                })));
    }
}
