package io.ghostbay.web.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Request counter and latency timer per S3 operation and status class, plus bytes in and out.
 * Exposed by MicroProfile Metrics at /metrics (Prometheus format), e.g.
 * {@code ghostbay_requests_total{operation="PutObject",status="2xx"}}; and failed authentications
 * by reason.
 */
@ApplicationScoped
public class S3Metrics {
    private static final Metadata REQUESTS = Metadata.builder().withName("ghostbay.requests")
            .withDescription("S3 requests by operation and status class").build();
    private static final Metadata LATENCY = Metadata.builder().withName("ghostbay.request.duration")
            .withDescription("S3 request latency, from arrival to the last byte of the response").withUnit(MetricUnits.SECONDS).build();
    private static final Metadata BYTES_IN = Metadata.builder().withName("ghostbay.bytes.received")
            .withDescription("Request body bytes received (Content-Length)").withUnit(MetricUnits.BYTES).build();
    private static final Metadata BYTES_OUT = Metadata.builder().withName("ghostbay.bytes.sent")
            .withDescription("Response body bytes sent (Content-Length)").withUnit(MetricUnits.BYTES).build();
    private static final Metadata AUTH_FAILURES = Metadata.builder().withName("ghostbay.auth.failures")
            .withDescription("Requests refused by signature verification, by S3 error code").build();

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    public void record(String operation, int status, long nanos, long bytesIn, long bytesOut) {
        Tag op = new Tag("operation", operation);
        registry.counter(REQUESTS, op, new Tag("status", (status / 100) + "xx")).inc();
        registry.timer(LATENCY, op).update(Duration.ofNanos(nanos));
        if (bytesIn > 0) {
            registry.counter(BYTES_IN, op).inc(bytesIn);
        }
        if (bytesOut > 0) {
            registry.counter(BYTES_OUT, op).inc(bytesOut);
        }
    }

    /**
     * A request refused by signature verification, e.g.
     * {@code ghostbay_auth_failures_total{reason="SignatureDoesNotMatch"}}. The reason is an S3 error
     * code, so the number of series stays small.
     */
    public void authFailure(String errorCode) {
        registry.counter(AUTH_FAILURES, new Tag("reason", errorCode)).inc();
    }
}
