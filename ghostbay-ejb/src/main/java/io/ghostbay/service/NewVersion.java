package io.ghostbay.service;

import java.io.Serializable;

/** A verified blob ready to become the current version of a key. */
public record NewVersion(String blobId, long packOffset, long size, String etag, ObjectMetadata metadata, String checksumAlgorithm,
                         String checksumValue, String checksumType, long createdMs, java.util.List<ObjectSegment> segments,
                         String acl, java.util.Map<String, String> tags)
        implements Serializable {

    /** A single-blob version (PutObject, CopyObject). */
    public static NewVersion ofBlob(String blobId, long size, String etag, ObjectMetadata metadata, String checksumAlgorithm,
                                    String checksumValue, long createdMs) {
        return new NewVersion(blobId, -1, size, etag, metadata, checksumAlgorithm, checksumValue,
                checksumAlgorithm == null ? null : "FULL_OBJECT", createdMs, null, null, null);
    }

    /** The same version with its bytes at {@code offset} in the pack {@code packId} (see PackFile). */
    public NewVersion inPack(String packId, long offset) {
        return new NewVersion(packId, offset, size, etag, metadata, checksumAlgorithm, checksumValue, checksumType, createdMs, segments,
                acl, tags);
    }

    /** True when the bytes are in a pack rather than a blob file of their own. */
    public boolean isPacked() {
        return packOffset >= 0;
    }

    /** The same version with an ACL (AccessControlList.encode() form; null = private to the owner). */
    public NewVersion withAcl(String newAcl) {
        return new NewVersion(blobId, packOffset, size, etag, metadata, checksumAlgorithm, checksumValue, checksumType, createdMs, segments, newAcl,
                tags);
    }

    /** The same version with tags (null or empty = none). */
    public NewVersion withTags(java.util.Map<String, String> newTags) {
        return new NewVersion(blobId, packOffset, size, etag, metadata, checksumAlgorithm, checksumValue, checksumType, createdMs, segments, acl,
                newTags);
    }
}
