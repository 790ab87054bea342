package io.ghostbay.service;

import io.ghostbay.catalog.ObjectTag;
import io.ghostbay.catalog.ObjectVersion;
import io.ghostbay.s3.ObjectTags;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** GetObjectTagging, PutObjectTagging, DeleteObjectTagging, and the tags policies and copies read. */
@Stateless
public class TaggingService {

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    @EJB
    BucketService buckets;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, String> getObjectTagging(Caller caller, String bucketName, String key) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.GET_OBJECT_TAGGING, key);
        return tagsOf(CurrentVersions.require(em, bucket, key).getId());
    }

    /** Replaces the current version's tag set. */
    public void putObjectTagging(Caller caller, String bucketName, String key, Map<String, String> tags) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.PUT_OBJECT_TAGGING, key);
        ObjectTags.validate(tags);
        ObjectVersion v = CurrentVersions.require(em, bucket, key);
        em.createQuery("DELETE FROM ObjectTag t WHERE t.versionRef = :v").setParameter("v", v.getId()).executeUpdate();
        for (Map.Entry<String, String> t : tags.entrySet()) {
            em.persist(new ObjectTag(v.getId(), t.getKey(), t.getValue()));
        }
    }

    public void deleteObjectTagging(Caller caller, String bucketName, String key) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.DELETE_OBJECT_TAGGING, key);
        ObjectVersion v = CurrentVersions.require(em, bucket, key);
        em.createQuery("DELETE FROM ObjectTag t WHERE t.versionRef = :v").setParameter("v", v.getId()).executeUpdate();
    }

    /** The tags of a key's current version (empty when it has none or does not exist); no access check. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, String> tagsOfCurrent(long bucketId, String key) {
        return CurrentVersions.tags(em, bucketId, key);
    }

    private Map<String, String> tagsOf(long versionRef) {
        Map<String, String> out = new LinkedHashMap<>();
        em.createNamedQuery("ObjectTag.ofVersion", ObjectTag.class).setParameter("v", versionRef).getResultStream()
                .forEach(t -> out.put(t.getTagKey(), t.getTagValue()));
        return out;
    }

}
