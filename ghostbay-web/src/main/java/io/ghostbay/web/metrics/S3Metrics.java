package io.ghostbay.web.metrics;

import io.ghostbay.service.VersionCommitter;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
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

    private static final Metadata COMMIT_BATCHES = Metadata.builder().withName("ghostbay.catalog.commit.batches")
            .withDescription("Catalog transactions that committed unconditional object writes (group commit)").build();
    private static final Metadata COMMIT_WRITES = Metadata.builder().withName("ghostbay.catalog.commit.writes")
            .withDescription("Unconditional object writes committed by those transactions; writes / batches is the mean batch size").build();

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    VersionCommitter committer;

    /**
     * The metrics of one operation and status class, looked up once: a registry lookup builds and
     * sorts metric ids, which cost more per request than updating the metrics themselves.
     */
    private record OperationMetrics(Counter requests, Timer latency, Counter bytesIn, Counter bytesOut) {
    }

    private final ConcurrentHashMap<String, OperationMetrics> byOperationAndStatus = new ConcurrentHashMap<>();

    @PostConstruct
    void registerGauges() {
        registry.gauge(COMMIT_BATCHES, committer, VersionCommitter::commitBatches);
        registry.gauge(COMMIT_WRITES, committer, VersionCommitter::commitWrites);
    }

    public void record(String operation, int status, long nanos, long bytesIn, long bytesOut) {
        String statusClass = (status / 100) + "xx";
        OperationMetrics m = byOperationAndStatus.computeIfAbsent(operation + ' ' + statusClass, k -> {
            Tag op = new Tag("operation", operation);
            return new OperationMetrics(registry.counter(REQUESTS, op, new Tag("status", statusClass)), registry.timer(LATENCY, op),
                    registry.counter(BYTES_IN, op), registry.counter(BYTES_OUT, op));
        });
        m.requests().inc();
        m.latency().update(Duration.ofNanos(nanos));
        if (bytesIn > 0) {
            m.bytesIn().inc(bytesIn);
        }
        if (bytesOut > 0) {
            m.bytesOut().inc(bytesOut);
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
