package io.ghostbay.startup;

import io.ghostbay.catalog.migration.MigrationRunner;
import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.service.AccessKeyService;
import io.ghostbay.storage.BlobStore;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Runs before the first request: applies catalog migrations, makes sure a root access key
 * exists, and prints where the data lives. If no root key is configured, the first start
 * generates one and prints it once; later starts never print a secret.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CatalogBootstrap {
    private static final Logger LOG = Logger.getLogger(CatalogBootstrap.class.getName());

    @Resource(lookup = "jdbc/ghostbay")
    DataSource dataSource;

    @Inject
    GhostBayConfig config;

    @Inject
    BlobStore blobs;

    @EJB
    AccessKeyService accessKeys;

    private volatile boolean ready;

    @PostConstruct
    void start() {
        LOG.info(() -> "GhostBay data directory: " + config.dataDir());
        try (Connection c = dataSource.getConnection()) {
            int applied = MigrationRunner.migrate(c);
            LOG.info("GhostBay catalog: " + c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion() + ", schema version " + MigrationRunner.latestVersion()
                    + (applied > 0 ? " (" + applied + " migration(s) applied)" : ""));
        } catch (SQLException e) {
            throw new IllegalStateException("GhostBay cannot prepare its catalog database", e);
        }
        int swept = blobs.sweepStaging(0);
        if (swept > 0) {
            LOG.info("GhostBay removed " + swept + " staging file(s) left by interrupted uploads");
        }
        int encrypted = accessKeys.encryptPlaintextSecrets();
        if (encrypted > 0) {
            LOG.info("GhostBay encrypted " + encrypted + " access key secret(s) stored in plain text by an earlier version");
        }
        AccessKeyService.GeneratedKey generated = accessKeys.ensureRootKey(config.rootAccessKey().orElse(null),
                config.rootSecretKey().orElse(null));
        if (generated != null) {
            // Printed exactly once, on the start that created it; store it now.
            String banner = "\n================ GhostBay root credentials (shown once) ================\n"
                    + "  access key: " + generated.accessKeyId() + "\n"
                    + "  secret key: " + generated.secretKey() + "\n"
                    + "  Set GHOSTBAY_ROOT_ACCESS_KEY / GHOSTBAY_ROOT_SECRET_KEY to choose your own.\n"
                    + "=========================================================================";
            System.out.println(banner);
        }
        ready = true;
        LOG.info(() -> "GhostBay is ready: region " + config.region()
                + config.domain().map(d -> ", virtual-host domain " + d).orElse(""));
    }

    public boolean isReady() {
        return ready;
    }
}
