package io.ghostbay.jobs;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.service.GarbageService;
import io.ghostbay.storage.BlobStore;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes blobs that the catalog no longer references once their grace period has passed, in
 * small batches, each forgotten in its own transaction after its file is gone. Runs every
 * {@code ghostbay.storage.collector-interval} (a programmatic, non-persistent timer, so the interval
 * is configuration rather than an annotation).
 */
@Singleton
@Startup
@DependsOn("CatalogBootstrap")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BlobCollector {
    private static final Logger LOG = Logger.getLogger(BlobCollector.class.getName());
    private static final int BATCH = 200;

    @EJB
    GarbageService garbage;

    @Inject
    BlobStore blobs;

    @Inject
    GhostBayConfig config;

    @Resource
    TimerService timers;

    @PostConstruct
    void schedule() {
        long interval = config.collectorInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("BlobCollector", false));
    }

    @Timeout
    void collect() {
        try {
            int total = 0;
            List<String> due;
            while (!(due = garbage.due(System.currentTimeMillis(), BATCH)).isEmpty()) {
                for (String blobId : due) {
                    blobs.delete(blobId);
                }
                garbage.forget(due);
                total += due.size();
                if (due.size() < BATCH) {
                    break;
                }
            }
            if (total > 0) {
                LOG.fine("BlobCollector removed " + total + " blob(s)");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "BlobCollector run failed; it will retry at the next interval", e);
        }
    }
}
