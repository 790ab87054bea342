package io.ghostbay.service;

import io.ghostbay.catalog.ObjectVersion;
import io.ghostbay.catalog.VersionSegment;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;

/** The catalog side of the scrubber: which blobs to re-read, and recording what failed. */
@Stateless
public class ScrubService {

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    /**
     * One blob to verify: its id and the hex MD5 it must have; for a packed version, where its {@code size} bytes
     * start in the pack the id names ({@code packOffset} -1 for a blob file of its own, read whole).
     */
    public record BlobCheck(String blobId, long packOffset, long size, String md5Hex) {
        public BlobCheck(String blobId, String md5Hex) {
            this(blobId, -1, -1, md5Hex);
        }
    }

    /** A version and the blobs that hold its bytes. */
    public record VersionCheck(long versionId, List<BlobCheck> blobs) {
    }

    /** Versions after {@code afterId} in id order (a cursor that survives concurrent writes). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<VersionCheck> nextBatch(long afterId, int limit) {
        List<ObjectVersion> versions = em.createQuery("SELECT v FROM ObjectVersion v WHERE v.id > :after AND v.deleteMarker = FALSE"
                + " AND v.corruptMs IS NULL ORDER BY v.id", ObjectVersion.class).setParameter("after", afterId).setMaxResults(limit)
                .getResultList();
        List<VersionCheck> out = new ArrayList<>(versions.size());
        for (ObjectVersion v : versions) {
            List<BlobCheck> blobs = new ArrayList<>();
            if (v.getPartsCount() != null) {
                for (VersionSegment s : em.createNamedQuery("VersionSegment.ofVersion", VersionSegment.class)
                        .setParameter("v", v.getId()).getResultList()) {
                    blobs.add(new BlobCheck(s.getBlobId(), s.getEtag()));
                }
            } else if (v.getBlobId() != null && v.getBlobOffset() != null) {
                blobs.add(new BlobCheck(v.getBlobId(), v.getBlobOffset(), v.getSize(), v.getEtag()));
            } else if (v.getBlobId() != null) {
                blobs.add(new BlobCheck(v.getBlobId(), v.getEtag()));
            }
            out.add(new VersionCheck(v.getId(), blobs));
        }
        return out;
    }

    /**
     * Marks a version corrupt, unless it changed meanwhile (its blob was replaced after it was read):
     * only the blob that failed condemns the version.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean markCorrupt(long versionId, BlobCheck failed) {
        String failedBlobId = failed.blobId();
        ObjectVersion v = em.find(ObjectVersion.class, versionId);
        if (v == null) {
            return false;
        }
        // A packed version rewritten into the same pack has the same blob id: its offset tells the bytes apart.
        boolean stillUsesBlob = (failedBlobId.equals(v.getBlobId())
                && java.util.Objects.equals(failed.packOffset() < 0 ? null : failed.packOffset(), v.getBlobOffset()))
                || (v.getPartsCount() != null
                && !em.createQuery("SELECT s FROM VersionSegment s WHERE s.versionRef = :v AND s.blobId = :b", VersionSegment.class)
                .setParameter("v", versionId).setParameter("b", failedBlobId).getResultList().isEmpty());
        if (!stillUsesBlob) {
            return false;
        }
        v.setCorruptMs(System.currentTimeMillis());
        return true;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long countCorrupt() {
        return em.createQuery("SELECT COUNT(v) FROM ObjectVersion v WHERE v.corruptMs IS NOT NULL", Long.class).getSingleResult();
    }
}
