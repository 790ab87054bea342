package io.ghostbay.service;

import java.io.Serializable;

public record PutObjectResult(String etag, String versionId, long size, long lastModifiedMs, String checksumAlgorithm,
                              String checksumValue) implements Serializable {
    public String quotedEtag() {
        return "\"" + etag + "\"";
    }
}
