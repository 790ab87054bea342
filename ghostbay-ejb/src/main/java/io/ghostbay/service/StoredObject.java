package io.ghostbay.service;

import java.io.Serializable;

/** What GET/HEAD need to answer: catalog facts of the current version and where its bytes are. */
public record StoredObject(String bucket, String key, String versionId, String blobId, long packOffset, long size, String etag,
                           long lastModifiedMs, ObjectMetadata metadata, String checksumAlgorithm, String checksumValue,
                           String checksumType, Integer partsCount, java.util.List<ObjectSegment> segments,
                           boolean corrupt, String acl)
        implements Serializable {

    /** This object with the given segments (a multipart object's parts, in order). */
    public StoredObject withSegments(java.util.List<ObjectSegment> parts) {
        return new StoredObject(bucket, key, versionId, blobId, packOffset, size, etag, lastModifiedMs, metadata, checksumAlgorithm,
                checksumValue, checksumType, partsCount, parts, corrupt, acl);
    }

    /** True when the bytes are in a pack (blobId names it, from packOffset on) rather than a blob file of their own. */
    public boolean isPacked() {
        return packOffset >= 0;
    }

    /** True for a completed multipart object, served from its segments. */
    public boolean isMultipart() {
        return segments != null && !segments.isEmpty();
    }

    /** The ETag as sent on the wire, quoted. */
    public String quotedEtag() {
        return "\"" + etag + "\"";
    }
}
