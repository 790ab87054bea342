package io.ghostbay.service;

import io.ghostbay.catalog.ObjectVersion;
import io.ghostbay.s3.ObjectKeys;
import io.ghostbay.s3.S3Exception;

import jakarta.persistence.EntityManager;

/** The current version row of a key, in the caller's persistence context (for beans that change it). */
final class CurrentVersions {
    private CurrentVersions() {
    }

    /** The tags of a key's current version (empty when it has none or does not exist), ordered by tag key. */
    static java.util.Map<String, String> tags(EntityManager em, long bucketId, String key) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        em.createQuery("SELECT t FROM ObjectTag t, ObjectEntry e WHERE e.bucketId = :b AND e.keyBytes = :k "
                        + "AND t.versionRef = e.currentVersionId ORDER BY t.tagKey", io.ghostbay.catalog.ObjectTag.class)
                .setParameter("b", bucketId).setParameter("k", key.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .getResultStream().forEach(t -> out.put(t.getTagKey(), t.getTagValue()));
        return out;
    }

    /** The stored ACL of a key's current version (null when private to the bucket owner, or no such key). */
    static String acl(EntityManager em, long bucketId, String key) {
        return em.createQuery("SELECT v.acl FROM ObjectEntry e, ObjectVersion v WHERE e.bucketId = :b "
                        + "AND e.keyBytes = :k AND v.id = e.currentVersionId", String.class)
                .setParameter("b", bucketId).setParameter("k", key.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .getResultList().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null); // a NULL acl is a row too
    }

    /** @throws S3Exception NoSuchKey when the key has no current version (or only a delete marker) */
    static ObjectVersion require(EntityManager em, BucketInfo bucket, String key) {
        byte[] keyBytes = ObjectKeys.validate(bucket.name(), key);
        ObjectVersion v = em.createNamedQuery("ObjectVersion.current", ObjectVersion.class)
                .setParameter("bucketId", bucket.id()).setParameter("keyBytes", keyBytes)
                .getResultStream().findFirst().orElse(null);
        if (v == null || v.isDeleteMarker()) {
            throw S3Exception.noSuchKey(bucket.name(), key);
        }
        return v;
    }
}
