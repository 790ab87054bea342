package io.ghostbay.service;

import java.io.Serializable;

/** A verified blob ready to become the current version of a key. */
public record NewVersion(String blobId, long size, String etag, ObjectMetadata metadata, String checksumAlgorithm,
                         String checksumValue, long createdMs) implements Serializable {
}
