package io.ghostbay.web.limits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets by client id (an access key or a source address), with bounded memory.
 *
 * <p>A bucket that has refilled to its burst is indistinguishable from a new one, so dropping it
 * changes no decision: such idle buckets are swept out every {@code sweepIntervalNanos}. When the
 * table still reaches {@code maxEntries} (many distinct clients active at once, e.g. a flood from
 * many addresses), the least recently used tenth is dropped. Those clients start again with a full
 * bucket; that is the price of a fixed memory bound, and it only ever makes the limiter more
 * lenient, never stricter. The table holds at most {@code maxEntries} buckets plus one per request
 * racing to insert at the same moment.
 */
public final class RateLimiter {
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long sweepIntervalNanos;
    private final AtomicLong nextSweepNanos;
    private final Object evictionLock = new Object();

    public RateLimiter(int maxEntries, long sweepIntervalNanos, long nowNanos) {
        if (maxEntries < 10) {
            throw new IllegalArgumentException("maxEntries must be at least 10: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.sweepIntervalNanos = sweepIntervalNanos;
        this.nextSweepNanos = new AtomicLong(nowNanos + sweepIntervalNanos);
    }

    /**
     * Takes a token from {@code id}'s bucket, created full (or updated) with the given rate and burst.
     * Answers 0 when the request may go on, else the nanoseconds until it may be retried. A rate of 0
     * or less means unlimited: always 0, and no bucket is kept.
     */
    public long tryAcquire(String id, double ratePerSecond, int burst, long nowNanos) {
        if (!(ratePerSecond > 0)) {
            return 0;
        }
        int effectiveBurst = Math.max(1, burst);
        maybeSweep(nowNanos);
        TokenBucket bucket = buckets.get(id);
        if (bucket == null) {
            if (buckets.size() >= maxEntries) {
                makeRoom(nowNanos);
            }
            bucket = buckets.computeIfAbsent(id, k -> new TokenBucket(ratePerSecond, effectiveBurst, nowNanos));
        }
        bucket.reconfigure(ratePerSecond, effectiveBurst, nowNanos);
        return bucket.tryTake(nowNanos);
    }

    /** How many buckets are kept. */
    public int size() {
        return buckets.size();
    }

    /** Drops every bucket that has refilled completely; answers how many were dropped. */
    public int sweep(long nowNanos) {
        int removed = 0;
        for (Map.Entry<String, TokenBucket> e : buckets.entrySet()) {
            if (e.getValue().isFull(nowNanos) && buckets.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    private void maybeSweep(long nowNanos) {
        long next = nextSweepNanos.get();
        // One request per interval does the sweep; the others do not wait for it.
        if (nowNanos - next >= 0 && nextSweepNanos.compareAndSet(next, nowNanos + sweepIntervalNanos)) {
            sweep(nowNanos);
        }
    }

    /** Full table: drop the idle buckets, then, if that was not enough, the least recently used tenth. */
    private void makeRoom(long nowNanos) {
        synchronized (evictionLock) {
            if (buckets.size() < maxEntries) {
                return; // another thread made room while this one waited
            }
            sweep(nowNanos);
            int target = maxEntries - Math.max(1, maxEntries / 10);
            if (buckets.size() <= target) {
                return;
            }
            // Sorted on a snapshot of the times: requests keep using the buckets while this runs.
            List<Use> uses = new ArrayList<>(buckets.size());
            buckets.forEach((id, bucket) -> uses.add(new Use(id, bucket, bucket.lastUsedNanos())));
            uses.sort(Comparator.comparingLong(Use::lastUsedNanos));
            int excess = uses.size() - target;
            for (int i = 0; i < excess; i++) {
                buckets.remove(uses.get(i).id(), uses.get(i).bucket());
            }
        }
    }

    private record Use(String id, TokenBucket bucket, long lastUsedNanos) {
    }
}
