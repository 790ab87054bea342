package io.ghostbay.jobs;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.service.GarbageService;
import io.ghostbay.service.PackCatalog;
import io.ghostbay.service.PackCompactor;
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

import java.io.IOException;
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
    private static final int PACK_CHECKS = 2000;

    @EJB
    GarbageService garbage;

    @EJB
    PackCatalog packs;

    @Inject
    PackCompactor compactor;

    /** When each pack in use was last looked at for compaction. */
    private final java.util.Map<String, Long> compactionCheckedAt = new java.util.HashMap<>();

    /** Created time of the last open pack looked at; the next run continues after it (0: from the oldest). */
    private long packCursorMs;

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

    /**
     * Packs: closes packs that no version points into any more (at most {@code PACK_CHECKS} per run, walking the
     * open ones with a cursor), then deletes the files of closed packs whose grace period has passed.
     */
    private void collectPacks(long now) {
        // Only packs twice as old as the time a writer appends to one: none of them is still being written.
        long settled = now - 2 * config.packActiveMillis();
        int checked = 0;
        while (checked < PACK_CHECKS) {
            List<PackCatalog.PackRow> open = packs.openCreatedBetween(packCursorMs, settled, BATCH);
            for (PackCatalog.PackRow p : open) {
                if (!packs.closeIfUnused(p.packId(), now + config.garbageGrace().toMillis())) {
                    compactIfDue(p.packId(), now);
                }
                packCursorMs = p.createdMs();
            }
            checked += open.size();
            if (open.size() < BATCH) {
                packCursorMs = 0; // walked to the newest settled pack: start from the oldest next time
                long forgetBefore = now - 2 * compactionRecheckMillis();
                compactionCheckedAt.values().removeIf(at -> at < forgetBefore);
                break;
            }
        }
        List<String> deletable;
        while (!(deletable = packs.deletable(now, BATCH)).isEmpty()) {
            for (String packId : deletable) {
                if (blobs.deletePack(packId)) {
                    packs.forget(packId);
                }
            }
            if (deletable.size() < BATCH) {
                break;
            }
        }
    }

    /**
     * Looks at how much of a pack in use is live at most once per {@link #compactionRecheckMillis()} (the count is a
     * query over the pack's versions), and compacts it when less than half is.
     */
    private void compactIfDue(String packId, long now) {
        Long checked = compactionCheckedAt.get(packId);
        if (checked != null && now - checked < compactionRecheckMillis()) {
            return;
        }
        compactionCheckedAt.put(packId, now);
        try {
            int moved = compactor.compactIfSparse(packId);
            if (moved > 0) {
                LOG.info("BlobCollector compacted pack " + packId + ": " + moved + " object(s) moved to the current pack");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot compact pack " + packId + "; it will be tried again later", e);
        }
    }

    private long compactionRecheckMillis() {
        return 10 * config.collectorInterval().toMillis();
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
            collectPacks(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "BlobCollector run failed; it will retry at the next interval", e);
        }
    }
}
