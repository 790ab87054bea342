package io.ghostbay.web.limits;

import io.ghostbay.service.KeyLimits;

/**
 * The limits that apply to one access key: its stored overrides where it has them, else the
 * server's defaults.
 *
 * <p>The burst follows the rate it belongs to: a key whose rate is overridden but not its burst gets
 * one second's worth of its own rate, not the server's default burst (which was chosen for the
 * default rate). Without any burst setting the burst is one second's worth of the rate.
 *
 * @param ratePerSecond requests per second; 0 means unlimited
 * @param burst         requests allowed at once after idling (at least 1)
 * @param maxConcurrent requests in flight; 0 means unlimited
 */
public record EffectiveLimits(double ratePerSecond, int burst, int maxConcurrent) {

    public static EffectiveLimits of(KeyLimits overrides, double defaultRate, int defaultBurst, int defaultConcurrency) {
        KeyLimits o = overrides == null ? KeyLimits.NONE : overrides;
        double rate = o.requestsPerSecond() != null ? o.requestsPerSecond() : defaultRate;
        int burst;
        if (o.burst() != null) {
            burst = o.burst();
        } else if (o.requestsPerSecond() == null && defaultBurst > 0) {
            burst = defaultBurst;
        } else {
            burst = oneSecondOf(rate);
        }
        int concurrency = o.maxConcurrent() != null ? o.maxConcurrent() : defaultConcurrency;
        return new EffectiveLimits(Math.max(0, rate), Math.max(1, burst), Math.max(0, concurrency));
    }

    /** The burst of a limit with no burst setting: one second's worth of requests, at least 1. */
    public static int oneSecondOf(double ratePerSecond) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(ratePerSecond)));
    }
}
