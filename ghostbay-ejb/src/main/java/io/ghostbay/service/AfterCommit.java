package io.ghostbay.service;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Evicting a lookup cache entry in the transaction that changes the row is not enough: a request racing
 * the change can read the old committed row and cache it again before the commit. So entries are
 * evicted at once and again when the transaction has ended.
 */
final class AfterCommit {
    private AfterCommit() {
    }

    static void evictNowAndAfterCompletion(TransactionSynchronizationRegistry transactions, Runnable evict) {
        evict.run();
        if (transactions != null && transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    evict.run();
                }
            });
        }
    }
}
