package io.ghostbay.service;

import io.ghostbay.storage.BlobRangeReader;
import io.ghostbay.storage.BlobStore;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;

/**
 * Gives back the space of replaced and deleted small objects: a settled pack (no longer appended to) of which less
 * than half is still pointed into has its live objects copied to the current pack and their versions repointed
 * there; the old pack, then unused, is closed and deleted by the collector after the garbage grace like any other.
 * Readers that found a version at its old place just before keep reading it there meanwhile.
 */
@ApplicationScoped
public class PackCompactor {
    private static final Logger LOG = Logger.getLogger(PackCompactor.class.getName());
    /** Versions moved per batch (one read, one append and fsync, one transaction). */
    private static final int BATCH_VERSIONS = 500;
    /** Bytes moved per batch, so that a batch's bodies held in memory stay small. */
    private static final long BATCH_BYTES = 8L * 1024 * 1024;

    @EJB
    PackCatalog packs;

    @Inject
    PackWriter writer;

    @Inject
    BlobStore blobs;

    /**
     * Compacts the pack when less than half of its file is live; returns the number of versions moved (0 when the
     * pack was dense enough, or its file is missing).
     */
    public int compactIfSparse(String packId) throws IOException {
        long fileSize = blobs.packSize(packId);
        if (fileSize <= 0) {
            return 0;
        }
        PackCatalog.PackUsage usage = packs.usage(packId);
        if (usage.versions() == 0 || usage.liveBytes() * 2 >= fileSize) {
            return 0;
        }
        int moved;
        try (FileChannel pack = blobs.open(new BlobRangeReader.Piece(packId, 0, fileSize))) {
            moved = moveLiveVersions(packId, pack);
        }
        LOG.fine(() -> "Compacted pack " + packId + ": " + usage.liveBytes() + " live bytes of " + fileSize);
        return moved;
    }

    /** Copies the pack's intact versions to the current pack in batches and repoints them; returns how many moved. */
    private int moveLiveVersions(String packId, FileChannel pack) throws IOException {
        int moved = 0;
        long afterId = 0;
        List<PackCatalog.PackedVersion> versions;
        while (!(versions = packs.versionsIn(packId, afterId, BATCH_VERSIONS)).isEmpty()) {
            List<PackCatalog.PackedVersion> batch = new ArrayList<>();
            List<byte[]> bodies = new ArrayList<>();
            long bytes = 0;
            for (PackCatalog.PackedVersion v : versions) {
                afterId = v.id();
                byte[] body = read(pack, v);
                if (!HexFormat.of().formatHex(BlobStore.newMd5().digest(body)).equals(v.etag())) {
                    // Damaged on disk: left where it is for the scrubber to find (and the pack kept for it), rather
                    // than copied to a new place under its old digest.
                    LOG.warning("Pack " + packId + ": version " + v.id() + " does not match its MD5; not moved");
                    continue;
                }
                batch.add(v);
                bodies.add(body);
                bytes += v.size();
                if (bytes >= BATCH_BYTES) {
                    break;
                }
            }
            if (!batch.isEmpty()) {
                PackWriter.Placement at = writer.append(bodies);
                moved += packs.repoint(packId, batch, at.packId(), at.offsets());
            }
        }
        return moved;
    }

    private static byte[] read(FileChannel pack, PackCatalog.PackedVersion v) throws IOException {
        ByteBuffer body = ByteBuffer.allocate((int) v.size());
        while (body.hasRemaining()) {
            if (pack.read(body, v.offset() + body.position()) < 0) {
                throw new IOException("Pack ends inside version " + v.id());
            }
        }
        return body.array();
    }
}
