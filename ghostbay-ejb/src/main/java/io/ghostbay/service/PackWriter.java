package io.ghostbay.service;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.storage.BlobStore;
import io.ghostbay.storage.PackFile;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Appends the bodies of small PUTs to this server's current pack ({@link PackFile}): the bodies of one group commit
 * go in with one write and one fsync, before the catalog transaction that makes them visible. A pack takes appends
 * for at most {@link GhostBayConfig#packActiveMillis()} and up to {@link #MAX_PACK_BYTES}; then a new one is
 * started, so a pack the collector looks at (twice that age) is no longer written to.
 */
@ApplicationScoped
public class PackWriter {
    private static final Logger LOG = Logger.getLogger(PackWriter.class.getName());
    static final long MAX_PACK_BYTES = 64L * 1024 * 1024;

    @Inject
    BlobStore blobs;

    @Inject
    GhostBayConfig config;

    @EJB
    PackCatalog packs;

    private PackFile current;

    /**
     * Writes the bodies of the puts that carry one into the current pack, durably, and returns the puts with their
     * versions pointing into it (puts without a body are returned as they are).
     */
    public List<PendingPut> place(List<PendingPut> puts) {
        List<byte[]> bodies = new ArrayList<>(puts.size());
        for (PendingPut p : puts) {
            if (p.packBody() != null) {
                bodies.add(p.packBody());
            }
        }
        if (bodies.isEmpty()) {
            return puts;
        }
        Placement at = append(bodies);
        List<PendingPut> placed = new ArrayList<>(puts.size());
        int i = 0;
        for (PendingPut p : puts) {
            placed.add(p.packBody() == null ? p : p.placed(at.packId(), at.offsets()[i++]));
        }
        return placed;
    }

    /** Where appended bodies went: one pack, an offset per body. */
    public record Placement(String packId, long[] offsets) {
    }

    /** Appends the bodies to the current pack in one write and one fsync (also used to move live bytes by compaction). */
    public synchronized Placement append(List<byte[]> bodies) {
        PackFile pack = packFor(bodies);
        try {
            return new Placement(pack.id(), pack.append(bodies));
        } catch (IOException e) {
            // Part of the batch may be on disk: start a new pack rather than append after a torn tail.
            retire();
            throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "Cannot store the object", e);
        }
    }

    private PackFile packFor(List<byte[]> bodies) {
        long now = System.currentTimeMillis();
        long adding = bodies.stream().mapToLong(b -> b.length).sum();
        if (current != null && (now - current.createdMillis() >= config.packActiveMillis()
                || (current.size() > 0 && current.size() + adding > MAX_PACK_BYTES))) {
            retire();
        }
        if (current == null) {
            String id = UUID.randomUUID().toString().replace("-", "");
            packs.register(id, now);
            try {
                current = blobs.createPack(id);
            } catch (IOException e) {
                throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "Cannot store the object", e);
            }
        }
        return current;
    }

    private void retire() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Cannot close pack " + current.id(), e);
            }
            current = null;
        }
    }

    @PreDestroy
    synchronized void close() {
        retire();
    }
}
