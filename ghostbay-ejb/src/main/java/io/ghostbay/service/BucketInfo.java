package io.ghostbay.service;

import java.io.Serializable;

/**
 * A bucket as services pass it around. {@code objectOwnership}: BucketOwnerEnforced (ACLs disabled, the
 * default for new buckets as on AWS), BucketOwnerPreferred, ObjectWriter, or "None" after
 * DeleteBucketOwnershipControls (which behaves as ObjectWriter).
 */
public record BucketInfo(long id, String name, long createdMs, String region, long ownerId, String objectOwnership) implements Serializable {

    /** ACLs take part in access decisions unless ownership is BucketOwnerEnforced. */
    public boolean aclsEnabled() {
        return !"BucketOwnerEnforced".equals(objectOwnership);
    }
}
