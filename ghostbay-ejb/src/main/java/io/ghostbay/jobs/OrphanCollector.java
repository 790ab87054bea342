package io.ghostbay.jobs;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.service.GarbageService;
import io.ghostbay.service.JobLeaseService;
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

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes what a crash can leave behind: staging files of cut-off uploads, and blobs that were promoted
 * but never committed (a crash between the rename and the catalog transaction). Only files older than
 * {@code ghostbay.storage.orphan-grace} are considered, so an upload in flight is never touched, and a
 * blob is deleted only when no version, segment, part or garbage row refers to it. Of several servers
 * sharing a catalog, the one holding the "orphan-sweep" lease runs the sweep.
 */
@Singleton
@Startup
@DependsOn("CatalogBootstrap")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrphanCollector {
    private static final Logger LOG = Logger.getLogger(OrphanCollector.class.getName());
    private static final String LEASE = "orphan-sweep";
    private static final String HOLDER = UUID.randomUUID().toString();

    @EJB
    GarbageService garbage;

    @EJB
    JobLeaseService leases;

    @Inject
    BlobStore blobs;

    @Inject
    GhostBayConfig config;

    @Resource
    TimerService timers;

    @PostConstruct
    void schedule() {
        long interval = config.orphanSweepInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("OrphanCollector", false));
    }

    @Timeout
    void sweep() {
        if (!leases.tryAcquire(LEASE, HOLDER, config.orphanSweepInterval().toMillis() * 2)) {
            return;
        }
        long grace = config.orphanGrace().toMillis();
        int staging = blobs.sweepStaging(grace);
        AtomicInteger orphans = new AtomicInteger();
        try {
            blobs.forEachOldBlob(System.currentTimeMillis() - grace, 500, batch -> {
                for (String blobId : garbage.unreferenced(batch)) {
                    if (blobs.delete(blobId)) {
                        orphans.incrementAndGet();
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Orphan sweep failed; it will run again at the next interval", e);
        }
        if (staging + orphans.get() > 0) {
            LOG.info("OrphanCollector removed " + staging + " staging file(s) and " + orphans.get() + " unreferenced blob(s)");
        }
    }
}
