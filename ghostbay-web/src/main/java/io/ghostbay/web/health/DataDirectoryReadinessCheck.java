package io.ghostbay.web.health;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.storage.BlobStore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the data directory accepts a write and has more free space than the configured floor. */
@Readiness
@ApplicationScoped
public class DataDirectoryReadinessCheck implements HealthCheck {

    @Inject
    BlobStore blobs;

    @Inject
    GhostBayConfig config;

    @Override
    public HealthCheckResponse call() {
        String problem = blobs.checkWritable(config.minFreeBytes());
        return HealthCheckResponse.named("data-directory").status(problem == null)
                .withData("path", blobs.root().toString())
                .withData("usableBytes", blobs.usableSpace())
                .withData("minFreeBytes", config.minFreeBytes())
                .withData("problem", problem == null ? "none" : problem).build();
    }
}
