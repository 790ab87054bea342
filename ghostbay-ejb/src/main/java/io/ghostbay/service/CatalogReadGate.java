package io.ghostbay.service;

import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * Admits at most a fixed number of concurrent catalog reads of GetObject and HeadObject, first come, first
 * served, on the embedded Derby catalog.
 *
 * <p>Why: Derby latches a B-tree page exclusively even to read it, and wakes every waiter of a latch when it is
 * released. With 64 concurrent GETs, thread dumps showed 35 to 40 of Liberty's 46 executor threads waiting for
 * the root page latch of the same index or for the table's lock entry; each release woke them all, the winner
 * was random, and some requests waited 100 ms and more (GET p99 at 64 connections 62 to 78 ms, p50 4 to 6 ms).
 * Readers queued here instead wait in order, each woken alone, and Derby sees at most eight per processor.
 * Measured on two cores at 64 connections: GET p99 18 to 32 ms with the gate, 28 to 117 ms without. The
 * order has a price: a fair queue wakes a parked thread for every turn, so with fewer permits (4) a GET at 16
 * connections cost a quarter more CPU, and a non-fair gate kept the 100 ms tail; eight per processor is where
 * 16 connections never wait and 64 do. PostgreSQL reads run in server processes with shared buffer locks, so
 * "auto" leaves them unlimited.
 */
public final class CatalogReadGate {
    /** "auto" on Derby: enough that 16 connections on two cores never wait, few enough to keep the herd small. */
    static final int PERMITS_PER_PROCESSOR = 8;

    /** Admits everyone. */
    static final CatalogReadGate UNLIMITED = new CatalogReadGate(0);

    private final int permits;
    private final Semaphore semaphore;

    CatalogReadGate(int permits) {
        this.permits = permits;
        this.semaphore = permits > 0 ? new Semaphore(permits, true) : null;
    }

    /**
     * The gate for a catalog named by JDBC's {@code getDatabaseProductName()} and the setting
     * {@code ghostbay.catalog.read-concurrency}: "auto" (the default) is eight per processor on Apache Derby and
     * no limit elsewhere; a number is that limit on any catalog, 0 none.
     *
     * @throws IllegalArgumentException when the setting is neither "auto" nor a whole number
     */
    static CatalogReadGate forCatalog(String databaseProductName, String setting, int processors) {
        String value = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("auto")) {
            boolean embeddedDerby = databaseProductName != null && databaseProductName.startsWith("Apache Derby");
            return embeddedDerby ? new CatalogReadGate(PERMITS_PER_PROCESSOR * Math.max(1, processors)) : UNLIMITED;
        }
        int permits;
        try {
            permits = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ghostbay.catalog.read-concurrency must be auto or a whole number: "
                    + setting);
        }
        return permits <= 0 ? UNLIMITED : new CatalogReadGate(permits);
    }

    /** How many reads run at once; 0 when there is no limit. */
    public int permits() {
        return permits;
    }

    /** Waits for a turn (not interruptibly: a GET that has started finishes its read). */
    void enter() {
        if (semaphore != null) {
            semaphore.acquireUninterruptibly();
        }
    }

    /** Ends a turn taken with {@link #enter()}. */
    void leave() {
        if (semaphore != null) {
            semaphore.release();
        }
    }
}
