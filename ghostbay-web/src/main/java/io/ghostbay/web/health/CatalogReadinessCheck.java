package io.ghostbay.web.health;

import io.ghostbay.catalog.migration.MigrationRunner;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the catalog answers a round trip and its schema is at the expected version. */
@Readiness
@ApplicationScoped
public class CatalogReadinessCheck implements HealthCheck {

    @Resource(lookup = "jdbc/ghostbay")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection()) {
            int version = MigrationRunner.currentVersion(c);
            boolean current = version == MigrationRunner.latestVersion();
            return HealthCheckResponse.named("catalog").status(current)
                    .withData("database", c.getMetaData().getDatabaseProductName())
                    .withData("schemaVersion", version).build();
        } catch (SQLException | RuntimeException e) {
            return HealthCheckResponse.named("catalog").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
