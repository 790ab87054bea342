package io.ghostbay.service;

import java.io.Serializable;

/**
 * A bucket as services pass it around. {@code objectOwnership}: BucketOwnerEnforced (ACLs disabled, the
 * default for new buckets as on AWS), BucketOwnerPreferred, ObjectWriter, or "None" after
 * DeleteBucketOwnershipControls (which behaves as ObjectWriter). {@code rowVersion} changes whenever the bucket or
 * one of its configuration documents changes (AuthorizationService caches by it).
 */
public record BucketInfo(long id, String name, long createdMs, String region, long ownerId, String objectOwnership,
                         long rowVersion) implements Serializable {

    /** ACLs take part in access decisions unless ownership is BucketOwnerEnforced. */
    public boolean aclsEnabled() {
        return !"BucketOwnerEnforced".equals(objectOwnership);
    }
}
