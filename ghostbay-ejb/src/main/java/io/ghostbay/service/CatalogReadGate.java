package io.ghostbay.service;

import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * Admits at most a fixed number of concurrent catalog reads of GetObject and HeadObject, first come, first
 * served.
 *
 * <p>Why: without it, 64 concurrent GETs on two cores were served in random order and the slowest waited
 * 100 ms and more (GET p99 at 64 connections 56 to 90 ms on Derby, 76 to 87 ms on PostgreSQL, with medians of
 * 4 to 9 ms). On Derby, thread dumps showed 35 to 40 of Liberty's 46 executor threads waiting for the root page
 * latch of one index or for one table's lock entry: Derby latches a page exclusively even to read it and wakes
 * every waiter when it lets go, so the next reader is whichever wins the race. On PostgreSQL, 64 backends and
 * 64 request threads shared the two cores with the same effect. Readers queued here wait in arrival order,
 * each woken alone, and the catalog sees at most eight per processor: p99 18 to 20 ms on both catalogs.
 *
 * <p>The order has a price: a fair queue wakes a parked thread for each turn, so with 4 permits a GET at 16
 * connections cost a quarter more CPU, and a non-fair queue kept the 100 ms tail. Eight per processor is where
 * 16 connections on two cores never wait and 64 do.
 */
public final class CatalogReadGate {
    /** What "auto" admits per processor. */
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
     * The gate for the setting {@code ghostbay.catalog.read-concurrency}: "auto" (the default, also for null or
     * blank) is eight per processor; a number is that many, and 0 or less no limit.
     *
     * @throws IllegalArgumentException when the setting is neither "auto" nor a whole number
     */
    static CatalogReadGate forSetting(String setting, int processors) {
        String value = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("auto")) {
            return new CatalogReadGate(PERMITS_PER_PROCESSOR * Math.max(1, processors));
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
