package io.ghostbay.service;

import io.ghostbay.catalog.Account;
import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.ObjectKeys;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.MultipartRecords.CompletedPart;
import io.ghostbay.service.MultipartRecords.ListPartsPage;
import io.ghostbay.service.MultipartRecords.ListUploadsPage;
import io.ghostbay.service.MultipartRecords.UploadPartCommand;
import io.ghostbay.storage.BlobStore;
import io.ghostbay.storage.ChecksumAlgorithm;
import io.ghostbay.storage.StagedBlob;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Multipart uploads. Like {@link ObjectService}, runs without a transaction: a part's bytes are staged,
 * verified and promoted first, then {@link MultipartCatalog} records them in one short transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MultipartService {
    /** AWS: part numbers 1 to 10,000, parts up to 5 GiB. */
    public static final int MAX_PART_NUMBER = 10_000;
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    BucketService buckets;

    @EJB
    MultipartCatalog catalog;

    @Inject
    BlobStore blobs;

    @Inject
    GhostBayConfig config;

    /** CreateMultipartUpload: returns the new upload id. */
    public String createMultipartUpload(Caller caller, String bucketName, String key, ObjectMetadata metadata,
                                        ChecksumAlgorithm checksumAlgorithm, String checksumType) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName);
        byte[] keyBytes = ObjectKeys.validate(bucketName, key);
        byte[] id = new byte[24];
        RANDOM.nextBytes(id);
        String uploadId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        return catalog.create(bucket, key, keyBytes, caller.accountId(), metadata,
                checksumAlgorithm == null ? null : checksumAlgorithm.name(), checksumType, uploadId);
    }

    /** UploadPart: returns the part's ETag (hex MD5) and checksum. */
    public PutObjectResult uploadPart(Caller caller, UploadPartCommand cmd, InputStream body) {
        BucketInfo bucket = buckets.requireBucket(caller, cmd.bucket());
        ObjectKeys.validate(cmd.bucket(), cmd.key());
        if (cmd.partNumber() < 1 || cmd.partNumber() > MAX_PART_NUMBER) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, inclusive")
                    .with("ArgumentName", "partNumber").with("ArgumentValue", Integer.toString(cmd.partNumber()));
        }
        catalog.checksumAlgorithmOf(bucket, cmd.key(), cmd.uploadId()); // NoSuchUpload before any byte is read
        PutObjectCommand asPut = new PutObjectCommand(cmd.bucket(), cmd.key(), null, cmd.expectedLength(), cmd.contentMd5(),
                cmd.checksumAlgorithm(), cmd.expectedChecksum(), cmd.checksumInTrailer(), cmd.trailers(), WriteCondition.NONE);
        byte[] expectedMd5 = ObjectService.decodeContentMd5(cmd.contentMd5());
        Set<ChecksumAlgorithm> algorithms = cmd.checksumAlgorithm() == null ? Set.of() : EnumSet.of(cmd.checksumAlgorithm());
        StagedBlob staged = blobs.stage(body, cmd.expectedLength(), Math.min(MAX_PART_SIZE, config.maxObjectSize()), algorithms);
        try {
            ObjectService.verifyDigests(asPut, staged, expectedMd5);
            String checksum = cmd.checksumAlgorithm() == null ? null : staged.checksums().get(cmd.checksumAlgorithm());
            blobs.promote(staged);
            catalog.putPart(bucket, cmd.key(), cmd.uploadId(), cmd.partNumber(), staged.blobId(), staged.size(), staged.md5Hex(), checksum);
            return new PutObjectResult(staged.md5Hex(), null, staged.size(), System.currentTimeMillis(),
                    cmd.checksumAlgorithm() == null ? null : cmd.checksumAlgorithm().name(), checksum);
        } catch (RuntimeException e) {
            blobs.discard(staged);
            throw e;
        }
    }

    /** CompleteMultipartUpload: the object becomes visible atomically, served from its parts (no copy). */
    public PutObjectResult completeMultipartUpload(Caller caller, String bucketName, String key, String uploadId,
                                                   List<CompletedPart> parts, WriteCondition condition) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName);
        ObjectKeys.validate(bucketName, key);
        return catalog.complete(bucket, key, uploadId, parts, condition);
    }

    public void abortMultipartUpload(Caller caller, String bucketName, String key, String uploadId) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName);
        catalog.abort(bucket, key, uploadId);
    }

    public ListPartsPage listParts(Caller caller, String bucketName, String key, String uploadId, int marker, int maxParts) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName);
        Account owner = buckets.owner(bucket);
        return catalog.listParts(bucket, key, uploadId, marker, maxParts, owner.getCanonicalId(), owner.getDisplayName());
    }

    public ListUploadsPage listMultipartUploads(Caller caller, String bucketName, String prefix, String delimiter, String keyMarker,
                                                String uploadIdMarker, int maxUploads) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName);
        return catalog.listUploads(bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads);
    }
}
