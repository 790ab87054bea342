package io.ghostbay.web.limits;

import io.ghostbay.config.LimitsConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.KeyLimits;
import io.ghostbay.web.error.S3ExceptionMapper;
import io.ghostbay.web.routing.S3ServletFilter;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequest;

import java.util.concurrent.TimeUnit;

/**
 * The server's limiter state: token buckets per source address and per access key, and the count of
 * requests in flight per access key. Limits are per server: servers sharing a catalog share the
 * per-key overrides, not the counting.
 */
@ApplicationScoped
public class RequestLimits {
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Inject
    LimitsConfig config;

    private RateLimiter bySource;
    private RateLimiter byKey;
    private final ConcurrencyLimiter inFlight = new ConcurrencyLimiter();

    @PostConstruct
    void init() {
        long now = System.nanoTime();
        bySource = new RateLimiter(config.maxTracked(), SWEEP_INTERVAL_NANOS, now);
        byKey = new RateLimiter(config.maxTracked(), SWEEP_INTERVAL_NANOS, now);
    }

    /** SlowDown when the request's source address has used up its tokens. */
    public void checkSource(ServletRequest request) {
        double rate = config.ipRate();
        if (rate <= 0) {
            return;
        }
        int burst = config.ipBurst() > 0 ? config.ipBurst() : EffectiveLimits.oneSecondOf(rate);
        long wait = bySource.tryAcquire(SourceAddresses.bucketId(request.getRemoteAddr()), rate, burst, System.nanoTime());
        if (wait > 0) {
            throw slowDown(request, TokenBucket.retryAfterSeconds(wait),
                    "Please reduce your request rate: too many requests from your address.");
        }
    }

    /**
     * Applies the access key's rate and concurrency limits (its overrides, else the defaults). When
     * the request may go on and the key has a concurrency cap, its permit is left in the request for
     * S3ServletFilter to close once the response is complete ({@link S3ServletFilter#CLOSE_ON_COMPLETION}).
     */
    public void admitKey(String accessKeyId, KeyLimits overrides, ServletRequest request) {
        EffectiveLimits limits = EffectiveLimits.of(overrides, config.keyRate(), config.keyBurst(), config.keyConcurrency());
        long wait = byKey.tryAcquire(accessKeyId, limits.ratePerSecond(), limits.burst(), System.nanoTime());
        if (wait > 0) {
            throw slowDown(request, TokenBucket.retryAfterSeconds(wait),
                    "Please reduce your request rate: this access key is over its request rate.");
        }
        if (limits.maxConcurrent() > 0) {
            ConcurrencyLimiter.Permit permit = inFlight.tryAcquire(accessKeyId, limits.maxConcurrent());
            if (permit == null) {
                throw slowDown(request, 1, "Please reduce your request rate: this access key has "
                        + limits.maxConcurrent() + " request(s) in flight, its limit.");
            }
            request.setAttribute(S3ServletFilter.CLOSE_ON_COMPLETION, permit);
        }
    }

    private static S3Exception slowDown(ServletRequest request, long retryAfterSeconds, String message) {
        request.setAttribute(S3ExceptionMapper.RETRY_AFTER_ATTRIBUTE, retryAfterSeconds);
        return S3Exception.of(S3ErrorCode.SLOW_DOWN, message);
    }
}
