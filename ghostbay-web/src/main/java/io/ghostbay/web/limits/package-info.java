/**
 * Request-rate and concurrency limits (docs/operations.md, "Limits").
 *
 * <p>What belongs here: the limiter algorithms as pure classes with the clock passed in
 * ({@link io.ghostbay.web.limits.TokenBucket}, {@link io.ghostbay.web.limits.RateLimiter},
 * {@link io.ghostbay.web.limits.ConcurrencyLimiter}, {@link io.ghostbay.web.limits.EffectiveLimits},
 * {@link io.ghostbay.web.limits.SourceAddresses}), the application-wide limiter state
 * ({@link io.ghostbay.web.limits.RequestLimits}) and the two JAX-RS filters that apply them before any
 * byte of a body is read. What must not: size checks of request contents (the operations do those),
 * catalog access (per-key overrides arrive with the credentials the authentication filter read).
 */
package io.ghostbay.web.limits;
