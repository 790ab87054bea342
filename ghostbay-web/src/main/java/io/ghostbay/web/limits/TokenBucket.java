package io.ghostbay.web.limits;

/**
 * A token bucket: holds at most {@code burst} tokens, refilled continuously at {@code ratePerSecond};
 * each request takes one. A bucket that has been idle long enough is full again, so a client may make
 * {@code burst} requests at once and {@code ratePerSecond} on average.
 *
 * <p>Time is passed in as {@link System#nanoTime()} values, so that tests need no sleeping. Refill is
 * computed lazily from the time of the last call: an idle bucket costs nothing. Thread-safe; the
 * critical sections are a few arithmetic operations.
 */
public final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private double ratePerSecond;
    private int burst;
    private double tokens;
    private long lastRefillNanos;
    private long lastUsedNanos;

    /** A full bucket. */
    public TokenBucket(double ratePerSecond, int burst, long nowNanos) {
        check(ratePerSecond, burst);
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefillNanos = nowNanos;
        this.lastUsedNanos = nowNanos;
    }

    private static void check(double ratePerSecond, int burst) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond) || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1: " + ratePerSecond + "/" + burst);
        }
    }

    /**
     * Takes one token if there is one. Answers 0 when the request may go on, otherwise how many
     * nanoseconds it will take until a token is available (what Retry-After tells the client).
     */
    public synchronized long tryTake(long nowNanos) {
        refill(nowNanos);
        lastUsedNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerSecond * NANOS_PER_SECOND));
    }

    /**
     * Applies a changed rate or burst (an admin changed a key's limits), keeping the tokens the
     * client has already earned, capped at the new burst. A no-op when nothing changed.
     */
    public synchronized void reconfigure(double newRatePerSecond, int newBurst, long nowNanos) {
        if (newRatePerSecond == ratePerSecond && newBurst == burst) {
            return;
        }
        check(newRatePerSecond, newBurst);
        refill(nowNanos);
        ratePerSecond = newRatePerSecond;
        burst = newBurst;
        tokens = Math.min(tokens, burst);
    }

    /** True once the bucket has refilled to its burst: it is then no different from a new bucket. */
    public synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= burst;
    }

    /** When a request last asked this bucket for a token. */
    public synchronized long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** The tokens available now (for tests and diagnostics). */
    public synchronized double available(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed / NANOS_PER_SECOND * ratePerSecond);
            lastRefillNanos = nowNanos;
        }
    }

    /** Seconds for a Retry-After header: the wait rounded up to whole seconds, at least 1. */
    public static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
