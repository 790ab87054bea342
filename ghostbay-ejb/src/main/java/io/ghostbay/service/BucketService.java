package io.ghostbay.service;

import io.ghostbay.catalog.Account;
import io.ghostbay.acl.AclHeaders;
import io.ghostbay.catalog.Bucket;
import io.ghostbay.catalog.BucketConfigDocument;
import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.BucketNames;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/** CreateBucket, DeleteBucket, HeadBucket, ListBuckets, GetBucketLocation. */
@Stateless
public class BucketService {

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    @Inject
    GhostBayConfig config;

    @jakarta.ejb.EJB
    MultipartCatalog multipart;

    @jakarta.ejb.EJB
    AuthorizationService authorization;

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<BucketInfo> listBuckets(Caller caller) {
        requireSigned(caller);
        return em.createNamedQuery("Bucket.all", Bucket.class).getResultList().stream()
                .filter(b -> caller.admin() || b.getOwnerId() == caller.accountId())
                .map(BucketService::info).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Account owner(BucketInfo bucket) {
        return em.find(Account.class, bucket.ownerId());
    }

    /**
     * CreateBucket: ownership from {@code x-amz-object-ownership} (default BucketOwnerEnforced, as on AWS)
     * and the bucket ACL from x-amz-acl / x-amz-grant-* headers.
     */
    public BucketInfo createBucket(Caller caller, String name, String locationConstraint, String objectOwnership,
                                   AclHeaders.Requested acl) {
        requireSigned(caller);
        AclService.NewBucketAcl settings = AclService.forNewBucket(objectOwnership, acl, caller.canonicalId());
        BucketInfo created = create(name, locationConstraint, caller.accountId(), settings.objectOwnership());
        if (settings.acl() != null) {
            em.persist(new BucketConfigDocument(created.id(), BucketConfigDocument.ACL, settings.acl(), System.currentTimeMillis()));
        }
        return created;
    }

    /** Admin API: a bucket created on behalf of a user. */
    public BucketInfo createBucketFor(Caller caller, String name, long ownerId) {
        UserService.requireAdmin(caller);
        return create(name, null, ownerId, AclService.BUCKET_OWNER_ENFORCED);
    }

    /** Admin API: every bucket. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<BucketInfo> listAllBuckets(Caller caller) {
        UserService.requireAdmin(caller);
        return em.createNamedQuery("Bucket.all", Bucket.class).getResultList().stream().map(BucketService::info).toList();
    }

    /** ListBuckets and CreateBucket need a signed request: anonymous callers own nothing. */
    private static void requireSigned(Caller caller) {
        if (caller == null || caller.anonymous()) {
            throw S3Exception.of(S3ErrorCode.ACCESS_DENIED);
        }
    }

    private BucketInfo create(String name, String locationConstraint, long ownerId, String objectOwnership) {
        BucketNames.requireValid(name);
        String region = config.region();
        if (locationConstraint != null && !locationConstraint.isEmpty() && !locationConstraint.equals(region)) {
            throw S3Exception.of(S3ErrorCode.ILLEGAL_LOCATION_CONSTRAINT, "The " + locationConstraint
                    + " location constraint is incompatible for the region specific endpoint this request was sent to.");
        }
        Bucket existing = find(name);
        if (existing != null) {
            throw alreadyExists(ownerId, existing.getOwnerId(), name);
        }
        Bucket bucket = new Bucket(name, ownerId, region, System.currentTimeMillis());
        bucket.setObjectOwnership(objectOwnership);
        try {
            em.persist(bucket);
            em.flush();
        } catch (PersistenceException e) {
            // Lost a race with a concurrent CreateBucket of the same name.
            throw alreadyExists(ownerId, ownerId, name);
        }
        return info(bucket);
    }

    private static S3Exception alreadyExists(long requesterId, long ownerId, String name) {
        S3ErrorCode code = ownerId == requesterId ? S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU : S3ErrorCode.BUCKET_ALREADY_EXISTS;
        return S3Exception.forResource(code, "/" + name).with("BucketName", name);
    }

    /**
     * The bucket if it exists and the caller may perform the operation on it (or on the key in it):
     * NoSuchBucket / AccessDenied otherwise.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BucketInfo requireBucket(Caller caller, String name, S3Operation operation, String key) {
        return requireBucket(caller, name, operation.iamAction(), key);
    }

    /** As {@link #requireBucket(Caller, String, S3Operation, String)}, for an IAM action named directly. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BucketInfo requireBucket(Caller caller, String name, String iamAction, String key) {
        BucketInfo info = requireExisting(name);
        authorization.authorize(caller, info, iamAction, key);
        return info;
    }

    /** The bucket, without an access check: for callers that authorize each key themselves (DeleteObjects). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BucketInfo requireExisting(String name) {
        BucketInfo info = lookup(name);
        if (info == null) {
            throw S3Exception.noSuchBucket(name);
        }
        return info;
    }

    /**
     * Buckets by name, reused for {@code ghostbay.buckets.cache-ttl} (default 1 s) to save a catalog read per
     * request. Every change of a bucket row on this server evicts it ({@link #evict}, now and after commit);
     * the bucket's row version carried in BucketInfo keys the authorization documents' cache.
     */
    private static final Map<String, CachedBucket> CACHE = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_BUCKETS = 10_000;

    private record CachedBucket(BucketInfo info, long loadedNanos) {
    }

    private BucketInfo lookup(String name) {
        long ttlNanos = config.bucketCacheTtl().toNanos();
        if (ttlNanos > 0) {
            CachedBucket cached = CACHE.get(name);
            if (cached != null && System.nanoTime() - cached.loadedNanos() < ttlNanos) {
                return cached.info();
            }
        }
        Bucket bucket = find(name);
        if (bucket == null) {
            CACHE.remove(name);
            return null;
        }
        BucketInfo info = info(bucket);
        if (ttlNanos > 0) {
            if (CACHE.size() >= MAX_CACHED_BUCKETS) {
                CACHE.clear();
            }
            CACHE.put(name, new CachedBucket(info, System.nanoTime()));
        }
        return info;
    }

    /** Forgets a bucket in this server's lookup cache, now and when the current transaction ends. */
    public void evict(long bucketId) {
        AfterCommit.evictNowAndAfterCompletion(transactions, () -> CACHE.values().removeIf(c -> c.info().id() == bucketId));
    }

    public void deleteBucket(Caller caller, String name) {
        BucketInfo bucket = requireBucket(caller, name, S3Operation.DELETE_BUCKET, null);
        Long keys = em.createNamedQuery("ObjectVersion.countLiveInBucket", Long.class)
                .setParameter("bucketId", bucket.id()).getSingleResult();
        if (keys > 0) {
            throw S3Exception.forResource(S3ErrorCode.BUCKET_NOT_EMPTY, "/" + name).with("BucketName", name);
        }
        multipart.abortAll(bucket.id());
        em.createQuery("DELETE FROM ObjectEntry e WHERE e.bucketId = :b").setParameter("b", bucket.id()).executeUpdate();
        em.createQuery("DELETE FROM BucketConfigDocument d WHERE d.bucketId = :b").setParameter("b", bucket.id()).executeUpdate();
        em.createQuery("DELETE FROM Bucket b WHERE b.id = :b").setParameter("b", bucket.id()).executeUpdate();
        evict(bucket.id());
    }

    private Bucket find(String name) {
        return em.createNamedQuery("Bucket.byName", Bucket.class).setParameter("name", name)
                .getResultStream().findFirst().orElse(null);
    }

    static BucketInfo info(Bucket b) {
        return new BucketInfo(b.getId(), b.getName(), b.getCreatedMs(), b.getRegion(), b.getOwnerId(), b.getObjectOwnership(),
                b.getRowVersion());
    }
}
