package io.ghostbay.service;

/** An unconditional write of a new object version, waiting for its catalog commit (see {@link VersionCommitter}). */
public record PendingPut(BucketInfo bucket, String key, byte[] keyBytes, NewVersion version) {
}
