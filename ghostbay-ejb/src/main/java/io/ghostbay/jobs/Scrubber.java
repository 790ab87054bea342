package io.ghostbay.jobs;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.service.JobLeaseService;
import io.ghostbay.service.ScrubService;
import io.ghostbay.storage.BlobRangeReader;
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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Re-reads stored blobs and compares them with their stored MD5 (the ETag of a single-part object, the
 * part ETag of each part of a multipart object), at most {@code ghostbay.scrub.bytes-per-second}. A
 * mismatch or a missing file marks the version corrupt: it is logged, counted in
 * {@code ghostbay_scrub_corrupt_objects_total}, shown in the readiness detail, and GET answers InternalError
 * for it from then on instead of serving wrong bytes. One server per shared catalog scrubs (lease).
 */
@Singleton
@Startup
@DependsOn("CatalogBootstrap")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Scrubber {
    private static final Logger LOG = Logger.getLogger(Scrubber.class.getName());
    private static final String LEASE = "scrub";
    private static final String HOLDER = UUID.randomUUID().toString();
    private static final int BATCH = 100;

    @EJB
    ScrubService scrub;

    @EJB
    JobLeaseService leases;

    @Inject
    BlobStore blobs;

    @Inject
    GhostBayConfig config;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    @Resource
    TimerService timers;

    /** Where the next pass continues: versions are visited in id order, round and round. */
    private long cursor;

    @PostConstruct
    void schedule() {
        long interval = config.scrubInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("Scrubber", false));
    }

    @Timeout
    void scrubSome() {
        long runBudget = config.scrubInterval().toMillis() / 2;
        if (!leases.tryAcquire(LEASE, HOLDER, config.scrubInterval().toMillis() * 2)) {
            return;
        }
        long start = System.currentTimeMillis();
        try {
            while (System.currentTimeMillis() - start < runBudget) {
                List<ScrubService.VersionCheck> batch = scrub.nextBatch(cursor, BATCH);
                if (batch.isEmpty()) {
                    cursor = 0; // a full pass is done; start over next time
                    return;
                }
                for (ScrubService.VersionCheck v : batch) {
                    for (ScrubService.BlobCheck b : v.blobs()) {
                        String problem = verify(b);
                        if (problem != null && scrub.markCorrupt(v.versionId(), b)) {
                            metrics.counter("ghostbay.scrub.corrupt.objects").inc();
                            LOG.severe("Scrubber: object version " + v.versionId() + " is corrupt (blob " + b.blobId() + ": "
                                    + problem + "); GET now fails for it with InternalError");
                            break;
                        }
                    }
                    cursor = v.versionId();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Scrubber run failed; it will continue at the next interval", e);
        }
    }

    /** Null when the blob's MD5 matches, else what is wrong. Reads at most bytes-per-second. */
    private String verify(ScrubService.BlobCheck b) {
        long rate = Math.max(1, config.scrubBytesPerSecond());
        MessageDigest md5 = md5();
        long started = System.nanoTime();
        long total = 0;
        boolean packed = b.packOffset() >= 0;
        try (FileChannel ch = blobs.open(new BlobRangeReader.Piece(b.blobId(), b.packOffset(), b.size()))) {
            ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
            if (packed) {
                ch.position(b.packOffset());
            }
            // A blob file is read to its end (a file longer than its object is damage too); a packed blob for its size.
            long end = packed ? b.size() : Long.MAX_VALUE;
            int n;
            while (total < end && (n = ch.read(buf.clear().limit((int) Math.min(buf.capacity(), end - total)))) > 0) {
                md5.update(buf.array(), 0, n);
                total += n;
                metrics.counter("ghostbay.scrub.bytes").inc(n);
                long aheadNanos = total * 1_000_000_000L / rate - (System.nanoTime() - started);
                if (aheadNanos > 0) {
                    Thread.sleep(aheadNanos / 1_000_000, (int) (aheadNanos % 1_000_000));
                }
            }
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        String actual = HexFormat.of().formatHex(md5.digest());
        return actual.equals(b.md5Hex()) ? null : "MD5 " + actual + " instead of " + b.md5Hex();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
