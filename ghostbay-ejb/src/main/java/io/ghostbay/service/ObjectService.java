package io.ghostbay.service;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.ObjectKeys;
import io.ghostbay.s3.S3Operation;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.storage.BlobRangeReader;
import io.ghostbay.storage.BlobStore;
import io.ghostbay.storage.ChecksumAlgorithm;
import io.ghostbay.storage.StagedBlob;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Object reads and writes. Runs without a transaction: bytes are staged, hashed, verified and
 * fsynced first, and only then does one short {@link ObjectCatalog} transaction make them visible.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ObjectService {

    @EJB
    AuthorizationService authorization;

    @EJB
    AclService acls;

    @EJB
    TaggingService tagging;

    @EJB
    BucketService buckets;

    @EJB
    ObjectCatalog catalog;

    @Inject
    CurrentObjectReader currentObjects;

    @Inject
    BlobStore blobs;

    @Inject
    ObjectBodies bodies;

    @Inject
    VersionCommitter committer;

    @Inject
    GhostBayConfig config;

    public PutObjectResult putObject(Caller caller, PutObjectCommand cmd, InputStream body) {
        BucketInfo bucket = buckets.requireBucket(caller, cmd.bucket(), S3Operation.PUT_OBJECT, cmd.key());
        byte[] keyBytes = ObjectKeys.validate(cmd.bucket(), cmd.key());
        String acl = acls.aclForNewObject(caller, bucket, cmd.acl());
        byte[] expectedMd5 = decodeContentMd5(cmd.contentMd5());
        Set<ChecksumAlgorithm> algorithms = cmd.checksumAlgorithm() == null ? Set.of() : EnumSet.of(cmd.checksumAlgorithm());
        if (cmd.condition().isNone() && cmd.expectedLength() > 0 && cmd.expectedLength() <= config.packMaxObjectSize()) {
            return putPacked(cmd, body, bucket, keyBytes, acl, expectedMd5, algorithms);
        }
        StagedBlob staged = blobs.stageObject(body, cmd.expectedLength(), config.maxObjectSize(), algorithms);
        try {
            String checksum = verifyDigests(cmd, staged, expectedMd5);
            blobs.promote(staged);
            NewVersion version = NewVersion.ofBlob(staged.blobId(), staged.size(), staged.md5Hex(), cmd.metadata(),
                    cmd.checksumAlgorithm() == null ? null : cmd.checksumAlgorithm().name(), checksum, System.currentTimeMillis())
                    .withAcl(acl).withTags(cmd.tags());
            return committer.commit(bucket, cmd.key(), keyBytes, version, cmd.condition());
        } catch (RuntimeException e) {
            blobs.discard(staged);
            throw e;
        }
    }

    /**
     * A small unconditional PUT: the body is read into memory and checked, then goes into a pack with the other
     * small PUTs of its group commit (one write and one fsync for all of them) rather than into a file of its own.
     */
    private PutObjectResult putPacked(PutObjectCommand cmd, InputStream body, BucketInfo bucket, byte[] keyBytes, String acl,
                                      byte[] expectedMd5, Set<ChecksumAlgorithm> algorithms) {
        BlobStore.BufferedBody buffered = blobs.buffer(body, (int) cmd.expectedLength(), algorithms);
        StagedBlob digests = buffered.digests();
        String checksum = verifyDigests(cmd, digests, expectedMd5);
        NewVersion version = NewVersion.ofBlob(null, digests.size(), digests.md5Hex(), cmd.metadata(),
                cmd.checksumAlgorithm() == null ? null : cmd.checksumAlgorithm().name(), checksum, System.currentTimeMillis())
                .withAcl(acl).withTags(cmd.tags());
        return committer.commitPacked(bucket, cmd.key(), keyBytes, version, buffered.bytes());
    }

    /** Checks Content-MD5 and the flexible checksum of a staged body; returns the checksum value to store. */
    static String verifyDigests(PutObjectCommand cmd, StagedBlob staged, byte[] expectedMd5) {
        if (expectedMd5 != null && !java.util.Arrays.equals(expectedMd5, staged.md5())) {
            throw S3Exception.of(S3ErrorCode.BAD_DIGEST).with("ExpectedDigest", cmd.contentMd5())
                    .with("CalculatedDigest", staged.md5Base64());
        }
        return verifyChecksum(cmd, staged);
    }

    /** Checks the flexible checksum (header or trailer) against what was computed; returns the value to store. */
    private static String verifyChecksum(PutObjectCommand cmd, StagedBlob staged) {
        ChecksumAlgorithm algorithm = cmd.checksumAlgorithm();
        if (algorithm == null) {
            return null;
        }
        String computed = staged.checksums().get(algorithm);
        String expected = cmd.expectedChecksum();
        if (cmd.checksumInTrailer()) {
            Map<String, String> trailers = cmd.trailers() == null ? Map.of() : cmd.trailers().get();
            expected = trailers.get(algorithm.headerName());
            if (expected == null) {
                throw S3Exception.of(S3ErrorCode.INVALID_REQUEST, "The x-amz-trailer header named " + algorithm.headerName()
                        + " but the body did not carry it.");
            }
        }
        if (expected != null && !expected.trim().equals(computed)) {
            throw S3Exception.of(S3ErrorCode.BAD_DIGEST, "The " + algorithm.name() + " you specified did not match the calculated checksum.");
        }
        return computed;
    }

    static byte[] decodeContentMd5(String contentMd5) {
        if (contentMd5 == null) {
            return null;
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(contentMd5.trim());
            if (md5.length != 16) {
                throw S3Exception.of(S3ErrorCode.INVALID_DIGEST);
            }
            return md5;
        } catch (IllegalArgumentException e) {
            throw S3Exception.of(S3ErrorCode.INVALID_DIGEST);
        }
    }

    /** Validates Content-MD5 before the body is read, so a malformed header costs no upload. */
    public static void checkContentMd5Syntax(String contentMd5) {
        decodeContentMd5(contentMd5);
    }

    /** GetObject / HeadObject: the current version, or NoSuchKey. */
    public StoredObject getObject(Caller caller, String bucketName, String key) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.GET_OBJECT, key);
        byte[] keyBytes = ObjectKeys.validate(bucketName, key);
        StoredObject object = currentObjects.find(bucket, key, keyBytes);
        if (object == null) {
            // As on AWS: only a caller who may list the bucket learns that the key does not exist.
            if (!authorization.isAllowed(caller, bucket, S3Operation.LIST_OBJECTS.iamAction(), null)) {
                throw S3Exception.forResource(S3ErrorCode.ACCESS_DENIED, "/" + bucketName + "/" + key);
            }
            throw S3Exception.noSuchKey(bucketName, key);
        }
        return object;
    }

    /** Opens bytes {@code first..last} of a stored object ({@link ObjectBodies#open}). */
    public BlobRangeReader openRange(StoredObject object, long first, long last) {
        return bodies.open(object, first, last);
    }

    /** DeleteObject: idempotent, a missing key is not an error. */
    public void deleteObject(Caller caller, String bucketName, String key) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.DELETE_OBJECT, key);
        catalog.deleteCurrent(bucket, ObjectKeys.validate(bucketName, key));
    }

    /** DeleteObjects: one short transaction per key, so one failing key does not undo the others. */
    public List<DeleteResult> deleteObjects(Caller caller, String bucketName, List<String> keys) {
        // Authorized per key, as on AWS: a denied key is an AccessDenied entry in the result.
        BucketInfo bucket = buckets.requireExisting(bucketName);
        List<DeleteResult> results = new ArrayList<>(keys.size());
        for (String key : keys) {
            try {
                authorization.authorize(caller, bucket, S3Operation.DELETE_OBJECT.iamAction(), key);
                catalog.deleteCurrent(bucket, ObjectKeys.validate(bucketName, key));
                results.add(new DeleteResult(key, null, null));
            } catch (S3Exception e) {
                results.add(new DeleteResult(key, e.code().code(), e.getMessage()));
            } catch (RuntimeException e) {
                results.add(new DeleteResult(key, S3ErrorCode.INTERNAL_ERROR.code(), S3ErrorCode.INTERNAL_ERROR.defaultMessage()));
            }
        }
        return results;
    }

    /** The source of a CopyObject / UploadPartCopy, after its x-amz-copy-source-if-* conditions. */
    public StoredObject copySource(Caller caller, CopyObjectCommand cmd) {
        StoredObject source = getObject(caller, cmd.sourceBucket(), cmd.sourceKey());
        checkCopySourceConditions(cmd, source);
        return source;
    }

    /** CopyObject: the source bytes are re-staged into a new blob (blobs are never shared between versions). */
    public PutObjectResult copyObject(Caller caller, CopyObjectCommand cmd) {
        StoredObject source = copySource(caller, cmd);
        BucketInfo target = buckets.requireBucket(caller, cmd.bucket(), S3Operation.PUT_OBJECT, cmd.key());
        byte[] keyBytes = ObjectKeys.validate(cmd.bucket(), cmd.key());
        // A copy gets the ACL its request asks for (the source's ACL is not copied), as on AWS.
        String acl = acls.aclForNewObject(caller, target, cmd.acl());
        // x-amz-tagging-directive: COPY (the default) takes the source's tags, REPLACE the request's
        Map<String, String> tags = cmd.replaceTags() ? cmd.tags()
                : tagging.tagsOfCurrent(buckets.requireExisting(cmd.sourceBucket()).id(), cmd.sourceKey());
        if (!cmd.replaceMetadata() && cmd.sourceBucket().equals(cmd.bucket()) && cmd.sourceKey().equals(cmd.key())) {
            throw S3Exception.of(S3ErrorCode.INVALID_REQUEST, "This copy request is illegal because it is trying to copy an object"
                    + " to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }
        ObjectMetadata metadata = cmd.replaceMetadata() ? cmd.metadata() : source.metadata();
        ChecksumAlgorithm algorithm = source.checksumAlgorithm() == null ? null
                : ChecksumAlgorithm.fromName(source.checksumAlgorithm()).orElse(null);
        StagedBlob staged;
        try (BlobRangeReader reader = openRange(source, 0, source.size() - 1); InputStream body = reader.asInputStream()) {
            staged = blobs.stageObject(body, source.size(), Long.MAX_VALUE, algorithm == null ? Set.of() : EnumSet.of(algorithm));
        } catch (IOException e) {
            throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "Cannot read the copy source.", e);
        }
        try {
            if (!staged.md5Hex().equals(source.etag()) && !source.etag().contains("-")) {
                throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "The copy source does not match its stored digest.");
            }
            blobs.promote(staged);
            NewVersion version = NewVersion.ofBlob(staged.blobId(), staged.size(), staged.md5Hex(), metadata,
                    algorithm == null ? null : algorithm.name(), algorithm == null ? null : staged.checksums().get(algorithm),
                    System.currentTimeMillis()).withAcl(acl).withTags(tags);
            return committer.commit(target, cmd.key(), keyBytes, version, cmd.condition());
        } catch (RuntimeException e) {
            blobs.discard(staged);
            throw e;
        }
    }

    private static void checkCopySourceConditions(CopyObjectCommand cmd, StoredObject source) {
        boolean failed = (cmd.sourceIfMatch() != null && !ETags.matches(cmd.sourceIfMatch(), source.etag()))
                || (cmd.sourceIfNoneMatch() != null && ETags.matches(cmd.sourceIfNoneMatch(), source.etag()));
        // If-Match passing overrides If-Unmodified-Since; If-None-Match failing overrides If-Modified-Since (AWS rules).
        if (!failed && cmd.sourceIfMatch() == null && cmd.sourceIfUnmodifiedSinceMs() != null
                && source.lastModifiedMs() / 1000 > cmd.sourceIfUnmodifiedSinceMs() / 1000) {
            failed = true;
        }
        if (!failed && cmd.sourceIfNoneMatch() == null && cmd.sourceIfModifiedSinceMs() != null
                && source.lastModifiedMs() / 1000 <= cmd.sourceIfModifiedSinceMs() / 1000) {
            failed = true;
        }
        if (failed) {
            throw S3Exception.of(S3ErrorCode.PRECONDITION_FAILED);
        }
    }
}
