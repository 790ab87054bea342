package io.ghostbay.service;

import java.io.Serializable;

/**
 * An access key's overrides of the server's request limits, as stored in the catalog: each null
 * field means "the server's default" ({@code ghostbay.limits.*}).
 *
 * @param requestsPerSecond sustained request rate; 0 means unlimited
 * @param burst             requests allowed at once after the key has been idle (at least 1)
 * @param maxConcurrent     requests in flight at the same time; 0 means unlimited
 */
public record KeyLimits(Integer requestsPerSecond, Integer burst, Integer maxConcurrent) implements Serializable {
    /** No override at all. */
    public static final KeyLimits NONE = new KeyLimits(null, null, null);
    /** Largest value accepted for any field (a million requests per second is "unlimited" in practice). */
    public static final int MAX_VALUE = 1_000_000;

    public boolean isEmpty() {
        return requestsPerSecond == null && burst == null && maxConcurrent == null;
    }
}
