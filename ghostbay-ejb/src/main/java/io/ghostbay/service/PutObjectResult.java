package io.ghostbay.service;

import java.io.Serializable;

public record PutObjectResult(String etag, String versionId, long size, long lastModifiedMs, String checksumAlgorithm,
                              String checksumValue, String checksumType) implements Serializable {

    public PutObjectResult(String etag, String versionId, long size, long lastModifiedMs, String checksumAlgorithm, String checksumValue) {
        this(etag, versionId, size, lastModifiedMs, checksumAlgorithm, checksumValue,
                checksumAlgorithm == null ? null : "FULL_OBJECT");
    }

    public String quotedEtag() {
        return "\"" + etag + "\"";
    }
}
