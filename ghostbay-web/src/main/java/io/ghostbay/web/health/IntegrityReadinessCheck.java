package io.ghostbay.web.health;

import io.ghostbay.service.ScrubService;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports objects the scrubber found corrupt. It stays UP (the server still serves every other object
 * correctly, and never serves a corrupt one), but the count is in the readiness detail for operators.
 */
@Readiness
@ApplicationScoped
public class IntegrityReadinessCheck implements HealthCheck {

    @EJB
    ScrubService scrub;

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("integrity").up().withData("corruptObjects", scrub.countCorrupt()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("integrity").up().withData("corruptObjects", "unknown: " + e.getMessage()).build();
        }
    }
}
