package io.ghostbay.service;

import java.io.Serializable;

/** What GET/HEAD need to answer: catalog facts of the current version and where its bytes are. */
public record StoredObject(String bucket, String key, String versionId, String blobId, long size, String etag,
                           long lastModifiedMs, ObjectMetadata metadata, String checksumAlgorithm, String checksumValue,
                           String checksumType) implements Serializable {

    /** The ETag as sent on the wire, quoted. */
    public String quotedEtag() {
        return "\"" + etag + "\"";
    }
}
