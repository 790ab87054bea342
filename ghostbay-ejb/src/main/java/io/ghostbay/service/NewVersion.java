package io.ghostbay.service;

import java.io.Serializable;

/** A verified blob ready to become the current version of a key. */
public record NewVersion(String blobId, long size, String etag, ObjectMetadata metadata, String checksumAlgorithm,
                         String checksumValue, String checksumType, long createdMs, java.util.List<ObjectSegment> segments,
                         String acl)
        implements Serializable {

    /** A single-blob version (PutObject, CopyObject). */
    public static NewVersion ofBlob(String blobId, long size, String etag, ObjectMetadata metadata, String checksumAlgorithm,
                                    String checksumValue, long createdMs) {
        return new NewVersion(blobId, size, etag, metadata, checksumAlgorithm, checksumValue,
                checksumAlgorithm == null ? null : "FULL_OBJECT", createdMs, null, null);
    }

    /** The same version with an ACL (AccessControlList.encode() form; null = private to the owner). */
    public NewVersion withAcl(String newAcl) {
        return new NewVersion(blobId, size, etag, metadata, checksumAlgorithm, checksumValue, checksumType, createdMs, segments, newAcl);
    }
}
