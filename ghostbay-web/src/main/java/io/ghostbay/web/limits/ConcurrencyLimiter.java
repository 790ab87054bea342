package io.ghostbay.web.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts the requests in flight per client id and refuses one more beyond a cap. An id has an entry
 * only while it has requests in flight, so memory is bounded by the number of requests being served.
 */
public final class ConcurrencyLimiter {
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    /**
     * A permit for one more request of {@code id}, or null when {@code max} are already in flight.
     * {@code max} of 0 or less means unlimited (the request is still counted, so that a cap set
     * later sees it).
     */
    public Permit tryAcquire(String id, int max) {
        boolean[] granted = {false};
        inFlight.compute(id, (k, n) -> {
            int current = n == null ? 0 : n;
            if (max > 0 && current >= max) {
                return n;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0] ? new Permit(id) : null;
    }

    /** Requests of {@code id} in flight now. */
    public int inFlight(String id) {
        return inFlight.getOrDefault(id, 0);
    }

    /** Ids with requests in flight now. */
    public int trackedIds() {
        return inFlight.size();
    }

    private void release(String id) {
        inFlight.computeIfPresent(id, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** One request's place; closing it (once or more) gives the place back. */
    public final class Permit implements AutoCloseable {
        private final String id;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(String id) {
            this.id = id;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(id);
            }
        }
    }
}
