package io.ghostbay.service;

import io.ghostbay.catalog.Account;
import io.ghostbay.catalog.MultipartUpload;
import io.ghostbay.catalog.UploadPart;
import io.ghostbay.s3.ObjectKeys;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.MultipartRecords.CompletedPart;
import io.ghostbay.service.MultipartRecords.ListUploadsPage;
import io.ghostbay.service.MultipartRecords.PartInfo;
import io.ghostbay.service.MultipartRecords.UploadInfo;
import io.ghostbay.storage.ChecksumAlgorithm;
import io.ghostbay.storage.MultipartChecksums;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The short catalog transactions of multipart uploads (no bytes flow while these run). */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class MultipartCatalog {
    /** AWS: every part but the last must be at least 5 MiB. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** AWS: objects up to 5 TiB. */
    public static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024 * 1024;

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    @EJB
    ObjectCatalog objects;

    public String create(BucketInfo bucket, String key, byte[] keyBytes, long initiatorId, ObjectMetadata m, String checksumAlgorithm,
                         String checksumType, String uploadId, String acl) {
        MultipartUpload u = new MultipartUpload();
        u.setUploadId(uploadId);
        u.setBucketId(bucket.id());
        u.setKeyBytes(keyBytes);
        u.setObjectKey(key);
        u.setState(MultipartUpload.State.INITIATED);
        u.setInitiatorId(initiatorId);
        u.setHeaders(UserMetadataCodec.toHeaders(m));
        u.setChecksumAlgorithm(checksumAlgorithm);
        u.setChecksumType(checksumType);
        u.setAcl(acl);
        u.setInitiatedMs(System.currentTimeMillis());
        em.persist(u);
        return uploadId;
    }

    /** The upload if it exists for this bucket and key (NoSuchUpload otherwise), optionally row-locked. */
    private MultipartUpload find(BucketInfo bucket, String key, String uploadId, boolean lock) {
        var q = em.createNamedQuery("MultipartUpload.byUploadId", MultipartUpload.class).setParameter("uploadId", uploadId);
        if (lock) {
            q.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        MultipartUpload u = q.getResultStream().findFirst().orElse(null);
        if (u == null || u.getBucketId() != bucket.id() || !u.getObjectKey().equals(key)) {
            throw S3Exception.of(S3ErrorCode.NO_SUCH_UPLOAD).with("UploadId", uploadId);
        }
        return u;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String checksumAlgorithmOf(BucketInfo bucket, String key, String uploadId) {
        return find(bucket, key, uploadId, false).getChecksumAlgorithm();
    }

    /** Records a part (replacing an earlier upload of the same number, whose blob becomes garbage). */
    public void putPart(BucketInfo bucket, String key, String uploadId, int partNumber, String blobId, long size, String etag,
                        String checksumValue) {
        MultipartUpload u = find(bucket, key, uploadId, true);
        UploadPart existing = em.createNamedQuery("UploadPart.byNumber", UploadPart.class).setParameter("upload", u.getId())
                .setParameter("n", partNumber).getResultStream().findFirst().orElse(null);
        UploadPart p = existing == null ? new UploadPart() : existing;
        if (existing != null) {
            objects.enqueueGarbage(existing.getBlobId());
        }
        p.setUploadRef(u.getId());
        p.setPartNumber(partNumber);
        p.setBlobId(blobId);
        p.setSize(size);
        p.setEtag(etag);
        p.setChecksumValue(checksumValue);
        p.setUploadedMs(System.currentTimeMillis());
        if (existing == null) {
            em.persist(p);
        }
    }

    /**
     * Completes an upload in one transaction: checks the part list against the uploaded parts, makes the
     * object's new version point at the parts' blobs in order (no data is copied), and removes the upload.
     */
    public PutObjectResult complete(BucketInfo bucket, String key, String uploadId, List<CompletedPart> requested, WriteCondition condition) {
        MultipartUpload u = find(bucket, key, uploadId, true);
        Map<Integer, UploadPart> uploaded = new HashMap<>();
        for (UploadPart p : em.createNamedQuery("UploadPart.ofUpload", UploadPart.class).setParameter("upload", u.getId()).getResultList()) {
            uploaded.put(p.getPartNumber(), p);
        }
        if (requested.isEmpty()) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML, "You must specify at least one part");
        }
        int previous = 0;
        for (CompletedPart want : requested) {
            if (want.partNumber() <= previous) {
                throw S3Exception.of(S3ErrorCode.INVALID_PART_ORDER);
            }
            previous = want.partNumber();
        }
        List<ObjectSegment> segments = new ArrayList<>();
        MessageDigest md5 = md5();
        long total = 0;
        for (int i = 0; i < requested.size(); i++) {
            CompletedPart want = requested.get(i);
            UploadPart p = uploaded.get(want.partNumber());
            if (p == null || !ETags.matches(want.etag(), p.getEtag())) {
                throw S3Exception.of(S3ErrorCode.INVALID_PART).with("UploadId", uploadId)
                        .with("PartNumber", Integer.toString(want.partNumber())).with("ETag", want.etag());
            }
            if (i < requested.size() - 1 && p.getSize() < MIN_PART_SIZE) {
                throw S3Exception.of(S3ErrorCode.ENTITY_TOO_SMALL).with("ProposedSize", Long.toString(p.getSize()))
                        .with("MinSizeAllowed", Long.toString(MIN_PART_SIZE)).with("PartNumber", Integer.toString(p.getPartNumber()))
                        .with("ETag", "\"" + p.getEtag() + "\"");
            }
            md5.update(HexFormat.of().parseHex(p.getEtag()));
            total += p.getSize();
            segments.add(new ObjectSegment(p.getPartNumber(), p.getBlobId(), p.getSize(), p.getEtag(), p.getChecksumValue()));
            uploaded.remove(want.partNumber());
        }
        if (total > MAX_OBJECT_SIZE) {
            throw S3Exception.of(S3ErrorCode.ENTITY_TOO_LARGE).with("ProposedSize", Long.toString(total))
                    .with("MaxSizeAllowed", Long.toString(MAX_OBJECT_SIZE));
        }
        String etag = HexFormat.of().formatHex(md5.digest()) + "-" + requested.size();
        ObjectMetadata metadata = UserMetadataCodec.toMetadata(u.getHeaders());
        String checksum = objectChecksum(u, segments);
        NewVersion version = new NewVersion(null, -1, total, etag, metadata, checksum == null ? null : u.getChecksumAlgorithm(), checksum,
                checksum == null ? null : u.getChecksumType(), System.currentTimeMillis(), segments, u.getAcl(), null);
        PutObjectResult result = objects.commitVersion(bucket, key, u.getKeyBytes(), version, condition);
        // Parts uploaded but not named in the completion are not part of the object.
        for (UploadPart unused : uploaded.values()) {
            objects.enqueueGarbage(unused.getBlobId());
        }
        removeUpload(u);
        return result;
    }

    /** The object's checksum from its parts' (composite or full-object, as the upload declared), or null. */
    private static String objectChecksum(MultipartUpload u, List<ObjectSegment> segments) {
        ChecksumAlgorithm algorithm = u.getChecksumAlgorithm() == null ? null
                : ChecksumAlgorithm.fromName(u.getChecksumAlgorithm()).orElse(null);
        if (algorithm == null || segments.stream().anyMatch(s -> s.checksumValue() == null)) {
            return null;
        }
        List<MultipartChecksums.Part> parts = segments.stream()
                .map(s -> new MultipartChecksums.Part(s.checksumValue(), s.size())).toList();
        return "FULL_OBJECT".equals(u.getChecksumType()) ? MultipartChecksums.fullObject(algorithm, parts)
                : MultipartChecksums.composite(algorithm, parts);
    }

    public void abort(BucketInfo bucket, String key, String uploadId) {
        MultipartUpload u = find(bucket, key, uploadId, true);
        for (UploadPart p : em.createNamedQuery("UploadPart.ofUpload", UploadPart.class).setParameter("upload", u.getId()).getResultList()) {
            objects.enqueueGarbage(p.getBlobId());
        }
        removeUpload(u);
    }

    /** Ids of uploads initiated before {@code cutoffMs} (the expiry index), oldest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Long> findInitiatedBefore(long cutoffMs, int limit) {
        return em.createQuery("SELECT u.id FROM MultipartUpload u WHERE u.state = :s AND u.initiatedMs < :c ORDER BY u.initiatedMs",
                        Long.class).setParameter("s", MultipartUpload.State.INITIATED).setParameter("c", cutoffMs)
                .setMaxResults(limit).getResultList();
    }

    /** Aborts one expired upload in its own transaction (called by the janitor). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void abortExpired(long id) {
        MultipartUpload u = em.find(MultipartUpload.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (u == null) {
            return; // completed or aborted meanwhile
        }
        for (UploadPart p : em.createNamedQuery("UploadPart.ofUpload", UploadPart.class).setParameter("upload", u.getId()).getResultList()) {
            objects.enqueueGarbage(p.getBlobId());
        }
        removeUpload(u);
    }

    /** Aborts every upload of a bucket that is being deleted. */
    public void abortAll(long bucketId) {
        for (MultipartUpload u : em.createQuery("SELECT u FROM MultipartUpload u WHERE u.bucketId = :b", MultipartUpload.class)
                .setParameter("b", bucketId).getResultList()) {
            for (UploadPart p : em.createNamedQuery("UploadPart.ofUpload", UploadPart.class).setParameter("upload", u.getId()).getResultList()) {
                objects.enqueueGarbage(p.getBlobId());
            }
            removeUpload(u);
        }
    }

    private void removeUpload(MultipartUpload u) {
        em.createQuery("DELETE FROM UploadPart p WHERE p.uploadRef = :u").setParameter("u", u.getId()).executeUpdate();
        em.createQuery("DELETE FROM MultipartUpload u WHERE u.id = :u").setParameter("u", u.getId()).executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public MultipartRecords.ListPartsPage listParts(BucketInfo bucket, String key, String uploadId, int marker, int maxParts,
                                                    String initiatorCanonicalId, String initiatorDisplayName) {
        MultipartUpload u = find(bucket, key, uploadId, false);
        List<UploadPart> parts = em.createQuery("SELECT p FROM UploadPart p WHERE p.uploadRef = :u AND p.partNumber > :m"
                        + " ORDER BY p.partNumber", UploadPart.class)
                .setParameter("u", u.getId()).setParameter("m", marker).setMaxResults(maxParts + 1).getResultList();
        boolean truncated = parts.size() > maxParts;
        List<PartInfo> out = parts.stream().limit(maxParts)
                .map(p -> new PartInfo(p.getPartNumber(), p.getSize(), p.getEtag(), p.getUploadedMs(), p.getChecksumValue())).toList();
        int next = out.isEmpty() ? 0 : out.get(out.size() - 1).partNumber();
        return new MultipartRecords.ListPartsPage(uploadId, key, out, truncated, next, u.getChecksumAlgorithm(),
                initiatorCanonicalId, initiatorDisplayName);
    }

    /** ListMultipartUploads: uploads in key order, then initiation order; delimiter folds keys into CommonPrefixes. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public ListUploadsPage listUploads(BucketInfo bucket, String prefix, String delimiter, String keyMarker, String uploadIdMarker,
                                       int maxUploads) {
        byte[] from = (prefix == null ? "" : prefix).getBytes(StandardCharsets.UTF_8);
        List<MultipartUpload> rows = em.createQuery("SELECT u FROM MultipartUpload u WHERE u.bucketId = :b AND u.keyBytes >= :from"
                        + " ORDER BY u.keyBytes, u.initiatedMs, u.uploadId", MultipartUpload.class)
                .setParameter("b", bucket.id()).setParameter("from", from).setMaxResults(10_000).getResultList();
        List<UploadInfo> uploads = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String nextKey = null;
        String nextUpload = null;
        boolean truncated = false;
        boolean pastMarker = keyMarker == null || keyMarker.isEmpty();
        boolean seenMarkerUpload = false;
        for (MultipartUpload u : rows) {
            String k = u.getObjectKey();
            if (prefix != null && !k.startsWith(prefix)) {
                break;
            }
            if (!pastMarker) {
                // Uploads of one key are in initiation order: with an upload-id-marker, continue after that upload.
                int cmp = ObjectKeys.compare(u.getKeyBytes(), keyMarker.getBytes(StandardCharsets.UTF_8));
                if (cmp < 0) {
                    continue;
                }
                if (cmp == 0) {
                    if (uploadIdMarker == null || uploadIdMarker.isEmpty() || !seenMarkerUpload) {
                        seenMarkerUpload = u.getUploadId().equals(uploadIdMarker);
                        continue;
                    }
                }
                pastMarker = true;
            }
            String commonPrefix = null;
            if (delimiter != null && !delimiter.isEmpty()) {
                int idx = k.indexOf(delimiter, prefix == null ? 0 : prefix.length());
                if (idx >= 0) {
                    commonPrefix = k.substring(0, idx + delimiter.length());
                }
            }
            if (commonPrefix != null && prefixes.contains(commonPrefix)) {
                continue;
            }
            if (uploads.size() + prefixes.size() == maxUploads) {
                truncated = true;
                break;
            }
            if (commonPrefix != null) {
                prefixes.add(commonPrefix);
                nextKey = commonPrefix;
                nextUpload = null;
            } else {
                Account initiator = em.find(Account.class, u.getInitiatorId());
                uploads.add(new UploadInfo(k, u.getUploadId(), u.getInitiatedMs(), initiator == null ? null : initiator.getCanonicalId(),
                        initiator == null ? null : initiator.getDisplayName()));
                nextKey = k;
                nextUpload = u.getUploadId();
            }
        }
        return new ListUploadsPage(uploads, prefixes, truncated, truncated ? nextKey : null, truncated ? nextUpload : null);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
