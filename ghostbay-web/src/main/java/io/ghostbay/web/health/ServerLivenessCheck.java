package io.ghostbay.web.health;

import io.ghostbay.startup.CatalogBootstrap;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the application finished its start-up. Only conditions a restart fixes belong here:
 * a slow database or a full disk make the server unready, not dead.
 */
@Liveness
@ApplicationScoped
public class ServerLivenessCheck implements HealthCheck {

    @EJB
    CatalogBootstrap bootstrap;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ghostbay").status(bootstrap.isReady()).build();
    }
}
