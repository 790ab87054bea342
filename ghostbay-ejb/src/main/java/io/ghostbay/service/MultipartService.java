package io.ghostbay.service;

import io.ghostbay.catalog.Account;
import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.ObjectKeys;
import io.ghostbay.s3.S3Operation;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.MultipartRecords.CompletedPart;
import io.ghostbay.service.MultipartRecords.ListPartsPage;
import io.ghostbay.service.MultipartRecords.ListUploadsPage;
import io.ghostbay.service.MultipartRecords.UploadPartCommand;
import io.ghostbay.storage.BlobRangeReader;
import io.ghostbay.storage.BlobStore;
import io.ghostbay.storage.ChecksumAlgorithm;
import io.ghostbay.storage.MultipartChecksums;
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

    @EJB
    ObjectService objects;

    @EJB
    AclService acls;

    @Inject
    BlobStore blobs;

    @Inject
    GhostBayConfig config;

    /** CreateMultipartUpload: returns the new upload id. */
    public String createMultipartUpload(Caller caller, String bucketName, String key, ObjectMetadata metadata,
                                        ChecksumAlgorithm checksumAlgorithm, String checksumType,
                                        io.ghostbay.acl.AclHeaders.Requested aclHeaders) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.CREATE_MULTIPART_UPLOAD, key);
        byte[] keyBytes = ObjectKeys.validate(bucketName, key);
        String acl = acls.aclForNewObject(caller, bucket, aclHeaders);
        checksumType = checksumType(checksumAlgorithm, checksumType);
        byte[] id = new byte[24];
        RANDOM.nextBytes(id);
        String uploadId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        return catalog.create(bucket, key, keyBytes, caller.accountId(), metadata,
                checksumAlgorithm == null ? null : checksumAlgorithm.name(), checksumType, uploadId, acl);
    }

    /** Validates x-amz-checksum-type against the algorithm (AWS rules) and applies AWS's default. */
    static String checksumType(ChecksumAlgorithm algorithm, String requested) {
        if (algorithm == null) {
            if (requested != null && !requested.isBlank()) {
                throw S3Exception.of(S3ErrorCode.INVALID_REQUEST, "The x-amz-checksum-type header can only be used with the"
                        + " x-amz-checksum-algorithm header.");
            }
            return null;
        }
        String type = requested == null || requested.isBlank() ? MultipartChecksums.defaultType(algorithm) : requested.trim();
        boolean ok = ("COMPOSITE".equals(type) && MultipartChecksums.supportsComposite(algorithm))
                || ("FULL_OBJECT".equals(type) && MultipartChecksums.supportsFullObject(algorithm));
        if (!ok) {
            throw S3Exception.of(S3ErrorCode.INVALID_REQUEST, "The " + type + " checksum type cannot be used with the "
                    + algorithm.name().toLowerCase(java.util.Locale.ROOT) + " checksum algorithm.");
        }
        return type;
    }

    /** UploadPart: returns the part's ETag (hex MD5) and checksum. */
    public PutObjectResult uploadPart(Caller caller, UploadPartCommand cmd, InputStream body) {
        BucketInfo bucket = buckets.requireBucket(caller, cmd.bucket(), S3Operation.UPLOAD_PART, cmd.key());
        ObjectKeys.validate(cmd.bucket(), cmd.key());
        checkPartNumber(cmd.partNumber());
        // NoSuchUpload before any byte is read; the upload's algorithm is computed for every part so that the
        // object's checksum can be derived from the parts' at completion.
        ChecksumAlgorithm uploadAlgorithm = ChecksumAlgorithm.fromName(
                String.valueOf(catalog.checksumAlgorithmOf(bucket, cmd.key(), cmd.uploadId()))).orElse(null);
        if (uploadAlgorithm != null && cmd.checksumAlgorithm() != null && cmd.checksumAlgorithm() != uploadAlgorithm) {
            throw S3Exception.of(S3ErrorCode.INVALID_REQUEST, "Checksum Type mismatch occurred, expected checksum Type: "
                    + uploadAlgorithm.name().toLowerCase(java.util.Locale.ROOT) + ", actual checksum Type: "
                    + cmd.checksumAlgorithm().name().toLowerCase(java.util.Locale.ROOT));
        }
        ChecksumAlgorithm algorithm = uploadAlgorithm != null ? uploadAlgorithm : cmd.checksumAlgorithm();
        PutObjectCommand asPut = new PutObjectCommand(cmd.bucket(), cmd.key(), null, cmd.expectedLength(), cmd.contentMd5(),
                cmd.checksumAlgorithm(), cmd.expectedChecksum(), cmd.checksumInTrailer(), cmd.trailers(), WriteCondition.NONE,
                io.ghostbay.acl.AclHeaders.Requested.NONE, null);
        byte[] expectedMd5 = ObjectService.decodeContentMd5(cmd.contentMd5());
        Set<ChecksumAlgorithm> algorithms = algorithm == null ? Set.of() : EnumSet.of(algorithm);
        StagedBlob staged = blobs.stage(body, cmd.expectedLength(), Math.min(MAX_PART_SIZE, config.maxObjectSize()), algorithms);
        try {
            ObjectService.verifyDigests(asPut, staged, expectedMd5);
            String checksum = algorithm == null ? null : staged.checksums().get(algorithm);
            blobs.promote(staged);
            catalog.putPart(bucket, cmd.key(), cmd.uploadId(), cmd.partNumber(), staged.blobId(), staged.size(), staged.md5Hex(), checksum);
            return new PutObjectResult(staged.md5Hex(), null, staged.size(), System.currentTimeMillis(),
                    algorithm == null ? null : algorithm.name(), checksum);
        } catch (RuntimeException e) {
            blobs.discard(staged);
            throw e;
        }
    }

    /**
     * UploadPartCopy: a byte range (or all) of an existing object becomes a part. The bytes are re-staged
     * like an uploaded part, so the part owns its own blob.
     *
     * @param range {@code x-amz-copy-source-range} ({@code bytes=first-last}) or null for the whole source
     */
    public PutObjectResult uploadPartCopy(Caller caller, CopyObjectCommand source, String uploadId, int partNumber, String range) {
        BucketInfo bucket = buckets.requireBucket(caller, source.bucket(), S3Operation.UPLOAD_PART_COPY, source.key());
        ObjectKeys.validate(source.bucket(), source.key());
        checkPartNumber(partNumber);
        catalog.checksumAlgorithmOf(bucket, source.key(), uploadId);
        StoredObject object = objects.copySource(caller, source);
        long[] bounds = copyRange(range, object.size());
        StagedBlob staged;
        try (BlobRangeReader reader = objects.openRange(object, bounds[0], bounds[1]); InputStream body = reader.asInputStream()) {
            staged = blobs.stage(body, bounds[1] - bounds[0] + 1, MAX_PART_SIZE, Set.of());
        } catch (java.io.IOException e) {
            throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "Cannot read the copy source.", e);
        }
        try {
            blobs.promote(staged);
            catalog.putPart(bucket, source.key(), uploadId, partNumber, staged.blobId(), staged.size(), staged.md5Hex(), null);
            return new PutObjectResult(staged.md5Hex(), null, staged.size(), System.currentTimeMillis(), null, null);
        } catch (RuntimeException e) {
            blobs.discard(staged);
            throw e;
        }
    }

    /** {@code bytes=first-last} within the source (both inclusive), or the whole source when absent. */
    static long[] copyRange(String range, long size) {
        if (range == null || range.isBlank()) {
            return new long[] {0, size - 1};
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes=(\\d+)-(\\d+)").matcher(range.trim());
        if (!m.matches()) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form bytes=first-last"
                    + " where first and last are the zero-based offsets of the first and last bytes to copy")
                    .with("ArgumentName", "x-amz-copy-source-range").with("ArgumentValue", range);
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        if (last < first) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form bytes=first-last")
                    .with("ArgumentName", "x-amz-copy-source-range").with("ArgumentValue", range);
        }
        if (last >= size) {
            throw S3Exception.of(S3ErrorCode.INVALID_RANGE, "Range specified is not valid for source object of size: " + size)
                    .with("RangeRequested", range).with("ActualObjectSize", Long.toString(size));
        }
        return new long[] {first, last};
    }

    private static void checkPartNumber(int partNumber) {
        if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, inclusive")
                    .with("ArgumentName", "partNumber").with("ArgumentValue", Integer.toString(partNumber));
        }
    }

    /** CompleteMultipartUpload: the object becomes visible atomically, served from its parts (no copy). */
    public PutObjectResult completeMultipartUpload(Caller caller, String bucketName, String key, String uploadId,
                                                   List<CompletedPart> parts, WriteCondition condition) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.COMPLETE_MULTIPART_UPLOAD, key);
        ObjectKeys.validate(bucketName, key);
        return catalog.complete(bucket, key, uploadId, parts, condition);
    }

    public void abortMultipartUpload(Caller caller, String bucketName, String key, String uploadId) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.ABORT_MULTIPART_UPLOAD, key);
        catalog.abort(bucket, key, uploadId);
    }

    public ListPartsPage listParts(Caller caller, String bucketName, String key, String uploadId, int marker, int maxParts) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.LIST_PARTS, key);
        Account owner = buckets.owner(bucket);
        return catalog.listParts(bucket, key, uploadId, marker, maxParts, owner.getCanonicalId(), owner.getDisplayName());
    }

    public ListUploadsPage listMultipartUploads(Caller caller, String bucketName, String prefix, String delimiter, String keyMarker,
                                                String uploadIdMarker, int maxUploads) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.LIST_MULTIPART_UPLOADS, null);
        return catalog.listUploads(bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads);
    }
}
