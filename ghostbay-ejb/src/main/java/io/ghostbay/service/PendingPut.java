package io.ghostbay.service;

/**
 * An unconditional write of a new object version, waiting for its catalog commit (see {@link VersionCommitter}).
 * {@code packBody} is the body of a small object still to be written into a pack ({@link PackWriter}); null when
 * the version's bytes are already durable (a blob file, or a pack once placed).
 */
public record PendingPut(BucketInfo bucket, String key, byte[] keyBytes, NewVersion version, byte[] packBody) {

    /** A write whose bytes are already durable. */
    public PendingPut(BucketInfo bucket, String key, byte[] keyBytes, NewVersion version) {
        this(bucket, key, keyBytes, version, null);
    }

    /** This write with its body at {@code offset} in pack {@code packId}. */
    PendingPut placed(String packId, long offset) {
        return new PendingPut(bucket, key, keyBytes, version.inPack(packId, offset), null);
    }
}
