package io.ghostbay.service;

import io.ghostbay.catalog.BlobGarbage;
import io.ghostbay.catalog.ObjectEntry;
import io.ghostbay.catalog.ObjectTag;
import io.ghostbay.catalog.ObjectVersion;
import io.ghostbay.catalog.VersionSegment;
import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/**
 * The short catalog transactions behind object writes and reads. A separate bean from
 * {@link ObjectService} so that the container really starts a transaction per call (a call
 * through {@code this} would bypass {@code @TransactionAttribute}); no bytes flow while these run.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class ObjectCatalog {

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    @Inject
    GhostBayConfig config;

    @EJB
    PackCatalog packs;

    /**
     * Makes {@code version} the current version of the key, atomically with the write condition:
     * locks the key's entry row, checks If-None-Match / If-Match against what is current, then
     * inserts or overwrites the "null" version and queues the replaced blob for collection.
     */
    public PutObjectResult commitPut(BucketInfo bucket, String key, byte[] keyBytes, NewVersion version, WriteCondition condition) {
        if (version.isPacked()) {
            lockOpenPack(version.blobId());
        }
        return commitVersion(bucket, key, keyBytes, version, condition);
    }

    /**
     * Group commit: the unconditional writes of several concurrent requests in one transaction, so that
     * they share its commit (one forced log write) instead of paying one each. Fails as a whole; the
     * caller ({@link VersionCommitter}) then commits each write on its own.
     */
    public List<PutObjectResult> commitPuts(List<PendingPut> puts) {
        List<PutObjectResult> results = new java.util.ArrayList<>(puts.size());
        puts.stream().map(PendingPut::version).filter(NewVersion::isPacked).map(NewVersion::blobId).distinct()
                .forEach(this::lockOpenPack);
        for (PendingPut p : puts) {
            results.add(commitVersion(p.bucket(), p.key(), p.keyBytes(), p.version(), WriteCondition.NONE));
        }
        return results;
    }

    /**
     * Same as {@link #commitPut} for any new version, including a multipart one (with segments).
     * Called by MultipartCatalog inside its own transaction, which this joins.
     */
    public PutObjectResult commitVersion(BucketInfo bucket, String key, byte[] keyBytes, NewVersion version, WriteCondition condition) {
        ObjectEntry entry = lockEntry(bucket.id(), keyBytes);
        ObjectVersion current = entry == null || entry.getCurrentVersionId() == null ? null
                : em.find(ObjectVersion.class, entry.getCurrentVersionId());
        checkCondition(bucket.name(), key, current, condition);
        if (entry == null) {
            entry = new ObjectEntry(bucket.id(), key, keyBytes);
            em.persist(entry);
            em.flush(); // a concurrent insert of the same key fails here; ObjectService retries once
        }
        ObjectVersion target = current;
        if (target == null) {
            target = new ObjectVersion();
            target.setEntryId(entry.getId());
            target.setVersionId(ObjectVersion.NULL_VERSION_ID);
        } else {
            releaseBlobs(target);
            // a new object replaces the old one's tags too
            if (hasTags(target.getId())) {
                em.createQuery("DELETE FROM ObjectTag t WHERE t.versionRef = :v").setParameter("v", target.getId()).executeUpdate();
            }
        }
        fill(target, version);
        if (current == null) {
            em.persist(target);
            em.flush();
            entry.setCurrentVersionId(target.getId());
        }
        if (version.tags() != null) {
            for (java.util.Map.Entry<String, String> t : version.tags().entrySet()) {
                em.persist(new ObjectTag(target.getId(), t.getKey(), t.getValue()));
            }
        }
        if (version.segments() != null) {
            int ordinal = 0;
            for (ObjectSegment seg : version.segments()) {
                em.persist(new VersionSegment(target.getId(), ordinal++, seg.partNumber(), seg.blobId(), seg.size(), seg.etag(),
                        seg.checksumValue()));
            }
        }
        return new PutObjectResult(version.etag(), null, version.size(), version.createdMs(), version.checksumAlgorithm(),
                version.checksumValue(), version.checksumType());
    }

    private static void checkCondition(String bucket, String key, ObjectVersion current, WriteCondition condition) {
        if (condition.ifNoneMatchStar() && current != null) {
            throw S3Exception.forResource(S3ErrorCode.PRECONDITION_FAILED, "/" + bucket + "/" + key)
                    .with("Condition", "If-None-Match");
        }
        if (condition.ifMatch() != null) {
            if (current == null) {
                throw S3Exception.noSuchKey(bucket, key);
            }
            if (!ETags.matches(condition.ifMatch(), current.getEtag())) {
                throw S3Exception.forResource(S3ErrorCode.PRECONDITION_FAILED, "/" + bucket + "/" + key)
                        .with("Condition", "If-Match");
            }
        }
    }

    private static void fill(ObjectVersion v, NewVersion n) {
        v.setDeleteMarker(false);
        v.setState(ObjectVersion.State.COMPLETE);
        v.setBlobId(n.blobId());
        v.setBlobOffset(n.isPacked() ? n.packOffset() : null);
        v.setSize(n.size());
        v.setEtag(n.etag());
        v.setHeaders(UserMetadataCodec.toHeaders(n.metadata()));
        v.setChecksumAlgorithm(n.checksumAlgorithm());
        v.setChecksumValue(n.checksumValue());
        v.setChecksumType(n.checksumType());
        v.setPartsCount(n.segments() == null ? null : n.segments().size());
        v.setCreatedMs(n.createdMs());
        v.setCorruptMs(null);
        v.setAcl(n.acl());
    }

    /** Deletes the key's current (null) version; returns false when there was nothing to delete. */
    public boolean deleteCurrent(BucketInfo bucket, byte[] keyBytes) {
        ObjectEntry entry = lockEntry(bucket.id(), keyBytes);
        if (entry == null) {
            return false;
        }
        Long versionId = entry.getCurrentVersionId();
        if (versionId != null) {
            ObjectVersion v = em.find(ObjectVersion.class, versionId);
            if (v != null) {
                releaseBlobs(v);
            }
            if (!em.createQuery("SELECT t.versionRef FROM ObjectTag t WHERE t.versionRef IN (SELECT v.id FROM ObjectVersion v WHERE v.entryId = :e)")
                    .setParameter("e", entry.getId()).setMaxResults(1).getResultList().isEmpty()) {
                em.createQuery("DELETE FROM ObjectTag t WHERE t.versionRef IN (SELECT v.id FROM ObjectVersion v WHERE v.entryId = :e)")
                        .setParameter("e", entry.getId()).executeUpdate();
            }
            em.createQuery("DELETE FROM ObjectVersion v WHERE v.entryId = :e").setParameter("e", entry.getId()).executeUpdate();
        }
        em.createQuery("DELETE FROM ObjectEntry e WHERE e.id = :e").setParameter("e", entry.getId()).executeUpdate();
        return versionId != null;
    }

    /** Queues the bytes of a version for collection: its blob, or its segments' blobs (and drops the segments). */
    private void releaseBlobs(ObjectVersion v) {
        // A packed version's bytes are left in its pack: the pack is deleted as a whole once nothing points into it
        // (PackCatalog), and queuing its id here would have the collector delete the other objects' bytes with it.
        if (v.getBlobId() != null && v.getBlobOffset() == null) {
            enqueueGarbage(v.getBlobId());
        }
        if (v.getPartsCount() != null) {
            for (VersionSegment s : em.createNamedQuery("VersionSegment.ofVersion", VersionSegment.class)
                    .setParameter("v", v.getId()).getResultList()) {
                enqueueGarbage(s.getBlobId());
            }
            em.createQuery("DELETE FROM VersionSegment s WHERE s.versionRef = :v").setParameter("v", v.getId()).executeUpdate();
        }
    }

    /**
     * Whether the version has tags. Asked before deleting them because most objects have none, and Derby answers a
     * DELETE that matches no row with an SQLWarning whose message lookup throws and catches two
     * MissingResourceExceptions: three stack traces filled per overwrite, several percent of a small PUT's CPU.
     */
    private boolean hasTags(long versionRef) {
        return !em.createQuery("SELECT t.tagKey FROM ObjectTag t WHERE t.versionRef = :v").setParameter("v", versionRef)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private ObjectEntry lockEntry(long bucketId, byte[] keyBytes) {
        return em.createQuery("SELECT e FROM ObjectEntry e WHERE e.bucketId = :b AND e.keyBytes = :k", ObjectEntry.class)
                .setParameter("b", bucketId).setParameter("k", keyBytes)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
    }

    /**
     * Locks the pack's row for this transaction and checks that the pack is still open. The collector marks a pack
     * for deletion only under the same lock and only when no version points into it (PackCatalog#closeIfUnused), so
     * either this commit's versions are visible to that check or the pack is refused here: never both a version
     * pointing into a pack and the pack deleted.
     */
    private void lockOpenPack(String packId) {
        if (!packs.lockIfOpen(packId)) {
            throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "The object's pack was closed before its commit; please retry.");
        }
    }

    /** Queues a blob for collection in the caller's transaction (also used by MultipartCatalog). */
    public void enqueueGarbage(String blobId) {
        long now = System.currentTimeMillis();
        em.persist(new BlobGarbage(blobId, now, now + config.garbageGrace().toMillis()));
    }
}
