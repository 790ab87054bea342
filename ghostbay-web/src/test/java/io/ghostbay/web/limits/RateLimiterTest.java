package io.ghostbay.web.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Buckets per client id: independence, idle eviction and the memory bound under a flood of ids. */
class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 42L;
    private static final long SWEEP = 30 * SECOND;

    @Test
    void eachIdHasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter(100, SWEEP, T0);
        assertEquals(0, limiter.tryAcquire("a", 1, 1, T0));
        assertTrue(limiter.tryAcquire("a", 1, 1, T0) > 0);
        assertEquals(0, limiter.tryAcquire("b", 1, 1, T0), "b is not slowed down by a");
        assertEquals(2, limiter.size());
    }

    @Test
    void unlimitedKeepsNoBucket() {
        RateLimiter limiter = new RateLimiter(100, SWEEP, T0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, limiter.tryAcquire("a", 0, 0, T0));
        }
        assertEquals(0, limiter.size());
    }

    @Test
    void aChangedLimitAppliesToTheNextRequest() {
        RateLimiter limiter = new RateLimiter(100, SWEEP, T0);
        assertEquals(0, limiter.tryAcquire("k", 100, 100, T0));
        // an admin throttles the key to 1/s, burst 1: the 99 tokens left are capped at 1
        assertEquals(0, limiter.tryAcquire("k", 1, 1, T0));
        long wait = limiter.tryAcquire("k", 1, 1, T0);
        assertEquals(SECOND, wait);
        // and lifting the limit lets the next request through at once
        assertEquals(0, limiter.tryAcquire("k", 0, 0, T0));
    }

    @Test
    void idleBucketsAreSweptOutAndBusyOnesKept() {
        RateLimiter limiter = new RateLimiter(100, SWEEP, T0);
        limiter.tryAcquire("idle", 10, 10, T0);
        limiter.tryAcquire("busy", 0.01, 1, T0); // needs 100 s to refill
        assertEquals(2, limiter.size());
        assertEquals(1, limiter.sweep(T0 + 2 * SECOND));
        assertEquals(1, limiter.size());
        // the periodic sweep runs on the request path once the interval has passed
        limiter.tryAcquire("other", 10, 10, T0 + 3 * SECOND);
        limiter.tryAcquire("busy", 0.01, 1, T0 + SWEEP + 3 * SECOND);
        assertEquals(1, limiter.size(), "'other' refilled and was swept; 'busy' is still refilling");
    }

    @Test
    void aDroppedIdleBucketDecidesNothingDifferently() {
        RateLimiter limiter = new RateLimiter(100, SWEEP, T0);
        limiter.tryAcquire("a", 1, 2, T0);
        limiter.sweep(T0 + 10 * SECOND);
        assertEquals(0, limiter.size());
        assertEquals(0, limiter.tryAcquire("a", 1, 2, T0 + 10 * SECOND));
        assertEquals(0, limiter.tryAcquire("a", 1, 2, T0 + 10 * SECOND));
        assertTrue(limiter.tryAcquire("a", 1, 2, T0 + 10 * SECOND) > 0, "the burst is still 2, as before");
    }

    @Test
    void aFloodOfDistinctIdsNeverGrowsTheTablePastItsBound() {
        int max = 1000;
        RateLimiter limiter = new RateLimiter(max, SWEEP, T0);
        // 100,000 spoofed addresses, each with one request, all inside one second: none is idle yet
        for (int i = 0; i < 100_000; i++) {
            limiter.tryAcquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), 0.001, 1,
                    T0 + i * 10_000L);
            assertTrue(limiter.size() <= max, "size " + limiter.size() + " after " + (i + 1) + " ids");
        }
    }

    @Test
    void whenFullTheLeastRecentlyUsedGoFirst() {
        RateLimiter limiter = new RateLimiter(10, SWEEP, T0);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("id" + i, 0.001, 1, T0 + i);
        }
        limiter.tryAcquire("id0", 0.001, 1, T0 + 100); // id0 is now the most recently used
        limiter.tryAcquire("new", 0.001, 1, T0 + 200); // table full: the least recently used tenth goes
        assertEquals(10, limiter.size());
        assertTrue(limiter.tryAcquire("id0", 0.001, 1, T0 + 300) > 0, "id0 kept its empty bucket");
        assertEquals(0, limiter.tryAcquire("id1", 0.001, 1, T0 + 300), "id1 was evicted and starts full");
    }
}
