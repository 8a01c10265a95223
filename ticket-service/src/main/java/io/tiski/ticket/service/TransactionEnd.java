package io.tiski.ticket.service;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work to do once the current transaction has ended, whether it committed or rolled back. */
public final class TransactionEnd {
    private TransactionEnd() {
    }

    /** Runs {@code action} when the current transaction ends; without a transaction, does nothing. */
    public static void then(TransactionSynchronizationRegistry transactions, Runnable action) {
        if (transactions.getTransactionKey() == null) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.run();
            }
        });
    }
}
