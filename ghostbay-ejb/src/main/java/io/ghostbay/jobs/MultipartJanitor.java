package io.ghostbay.jobs;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.service.MultipartCatalog;

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
 * Aborts multipart uploads initiated longer ago than {@code ghostbay.multipart.expire-after} (default
 * 7 days), every {@code ghostbay.multipart.janitor-interval}. Each upload is aborted in its own short
 * transaction (its parts' blobs go to the garbage queue), so one failure costs one upload, not the sweep.
 */
@Singleton
@Startup
@DependsOn("CatalogBootstrap")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MultipartJanitor {
    private static final Logger LOG = Logger.getLogger(MultipartJanitor.class.getName());
    private static final int BATCH = 100;

    @EJB
    MultipartCatalog multipart;

    @Inject
    GhostBayConfig config;

    @Resource
    TimerService timers;

    @PostConstruct
    void schedule() {
        long interval = config.multipartJanitorInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("MultipartJanitor", false));
    }

    @Timeout
    void abortAbandonedUploads() {
        long cutoff = System.currentTimeMillis() - config.multipartExpireAfter().toMillis();
        int aborted = 0;
        try {
            List<Long> batch;
            while (!(batch = multipart.findInitiatedBefore(cutoff, BATCH)).isEmpty()) {
                for (Long id : batch) {
                    multipart.abortExpired(id);
                    aborted++;
                }
                if (batch.size() < BATCH) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MultipartJanitor run failed; it will retry at the next interval", e);
        }
        if (aborted > 0) {
            LOG.info("MultipartJanitor aborted " + aborted + " multipart upload(s) older than " + config.multipartExpireAfter());
        }
    }
}
