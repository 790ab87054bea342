package io.ghostbay.service;

import io.ghostbay.acl.AccessControlList;
import io.ghostbay.acl.AclGrant;
import io.ghostbay.acl.AclGrantee;
import io.ghostbay.acl.AclHeaders;
import io.ghostbay.acl.CannedAcl;
import io.ghostbay.acl.PublicAccessBlock;
import io.ghostbay.catalog.Account;
import io.ghostbay.catalog.Bucket;
import io.ghostbay.catalog.BucketConfigDocument;
import io.ghostbay.catalog.ObjectVersion;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ACLs and the bucket settings that govern them: Get/PutBucketAcl, Get/PutObjectAcl,
 * Get/Put/DeleteBucketOwnershipControls, Get/Put/DeletePublicAccessBlock, and the ACL a new
 * bucket, object or multipart upload gets from its request headers.
 */
@Stateless
public class AclService {
    public static final String BUCKET_OWNER_ENFORCED = "BucketOwnerEnforced";
    public static final Set<String> OWNERSHIP_SETTINGS = Set.of(BUCKET_OWNER_ENFORCED, "BucketOwnerPreferred", "ObjectWriter");
    private static final Set<String> GROUPS = Set.of(AclGrantee.ALL_USERS, AclGrantee.AUTHENTICATED_USERS, AclGrantee.LOG_DELIVERY);

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    @EJB
    BucketService buckets;

    @EJB
    AuthorizationService authorization;

    /** An ACL with the display names of the users it names (for the AccessControlPolicy document). */
    public record AclView(AccessControlList acl, Map<String, String> displayNames) {
    }

    // ---- bucket ACL

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AclView getBucketAcl(Caller caller, String bucketName) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.GET_BUCKET_ACL, null);
        String stored = authorization.accessConfig(bucket).acl();
        String owner = authorization.ownerCanonicalId(bucket.ownerId());
        return view(stored == null ? AccessControlList.privateTo(owner) : AccessControlList.decode(stored));
    }

    /** PutBucketAcl from headers or from an AccessControlPolicy document (exactly one of the two). */
    public void putBucketAcl(Caller caller, String bucketName, AclHeaders.Requested headers, List<AclGrant> documentGrants) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.PUT_BUCKET_ACL, null);
        requireAclsEnabled(bucket);
        String owner = authorization.ownerCanonicalId(bucket.ownerId());
        AccessControlList acl = documentGrants != null ? new AccessControlList(owner, documentGrants)
                : expand(headers, owner, owner);
        validate(acl, bucket);
        authorization.storeConfig(bucket.id(), BucketConfigDocument.ACL, acl.encode());
    }

    // ---- object ACL

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AclView getObjectAcl(Caller caller, String bucketName, String key) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.GET_OBJECT_ACL, key);
        ObjectVersion v = CurrentVersions.require(em, bucket, key);
        String owner = authorization.ownerCanonicalId(bucket.ownerId());
        return view(v.getAcl() == null ? AccessControlList.privateTo(owner) : AccessControlList.decode(v.getAcl()));
    }

    public void putObjectAcl(Caller caller, String bucketName, String key, AclHeaders.Requested headers,
                             List<AclGrant> documentGrants) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.PUT_OBJECT_ACL, key);
        requireAclsEnabled(bucket);
        ObjectVersion v = CurrentVersions.require(em, bucket, key);
        String bucketOwner = authorization.ownerCanonicalId(bucket.ownerId());
        String objectOwner = v.getAcl() == null ? bucketOwner : AccessControlList.decode(v.getAcl()).ownerCanonicalId();
        AccessControlList acl = documentGrants != null ? new AccessControlList(objectOwner, documentGrants)
                : expand(headers, objectOwner, bucketOwner);
        validate(acl, bucket);
        v.setAcl(acl.encode());
    }


    // ---- ACLs of new resources

    /**
     * The ACL (encoded; null = private to the bucket owner) a new object written by the caller gets,
     * from its x-amz-acl / x-amz-grant-* headers and the bucket's ObjectOwnership. Refuses ACLs a
     * BucketOwnerEnforced bucket does not accept and public ACLs under BlockPublicAcls.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String aclForNewObject(Caller caller, BucketInfo bucket, AclHeaders.Requested requested) {
        if (!bucket.aclsEnabled()) {
            // As AWS, "bucket-owner-full-control" is accepted; "private" too, since rclone and others send it by
            // default and it means the same here.
            if (!requested.isNone() && !(requested.canned() == CannedAcl.BUCKET_OWNER_FULL_CONTROL
                    || requested.canned() == CannedAcl.PRIVATE)) {
                throw S3Exception.of(S3ErrorCode.ACCESS_CONTROL_LIST_NOT_SUPPORTED);
            }
            return null;
        }
        String bucketOwner = authorization.ownerCanonicalId(bucket.ownerId());
        String writer = caller.anonymous() ? bucketOwner : caller.canonicalId();
        String owner = "BucketOwnerPreferred".equals(bucket.objectOwnership())
                && requested.canned() == CannedAcl.BUCKET_OWNER_FULL_CONTROL ? bucketOwner : writer;
        if (requested.isNone() && owner.equals(bucketOwner)) {
            return null;
        }
        AccessControlList acl = requested.isNone() ? AccessControlList.privateTo(owner) : expand(requested, owner, bucketOwner);
        validate(acl, bucket);
        return acl.encode();
    }

    /** CreateBucket: the ownership setting (validated) and the bucket ACL to store (null = private). */
    public record NewBucketAcl(String objectOwnership, String acl) {
    }

    public static NewBucketAcl forNewBucket(String ownershipHeader, AclHeaders.Requested requested, String ownerCanonicalId) {
        String ownership = ownershipHeader == null ? BUCKET_OWNER_ENFORCED : ownershipHeader.trim();
        if (!OWNERSHIP_SETTINGS.contains(ownership)) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Invalid x-amz-object-ownership header: " + ownershipHeader)
                    .with("ArgumentName", "x-amz-object-ownership").with("ArgumentValue", ownershipHeader);
        }
        if (requested.isNone() || requested.canned() == CannedAcl.PRIVATE) {
            return new NewBucketAcl(ownership, null);
        }
        if (BUCKET_OWNER_ENFORCED.equals(ownership) && requested.canned() != CannedAcl.BUCKET_OWNER_FULL_CONTROL) {
            throw S3Exception.of(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
        }
        return new NewBucketAcl(ownership, expand(requested, ownerCanonicalId, ownerCanonicalId).encode());
    }

    // ---- ownership controls

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String getOwnershipControls(Caller caller, String bucketName) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS, null);
        if (NO_OWNERSHIP_CONTROLS.equals(bucket.objectOwnership())) {
            throw S3Exception.forResource(S3ErrorCode.OWNERSHIP_CONTROLS_NOT_FOUND, "/" + bucketName).with("BucketName", bucketName);
        }
        return bucket.objectOwnership();
    }

    public void putOwnershipControls(Caller caller, String bucketName, String ownership) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.PUT_BUCKET_OWNERSHIP_CONTROLS, null);
        if (!OWNERSHIP_SETTINGS.contains(ownership)) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        }
        if (BUCKET_OWNER_ENFORCED.equals(ownership)) {
            // AWS refuses to disable ACLs while the bucket ACL grants anyone but the owner.
            String stored = authorization.accessConfig(bucket).acl();
            AccessControlList acl = stored == null ? null : AccessControlList.decode(stored);
            if (acl != null && acl.grants().stream().anyMatch(g -> !g.grantee().equals(AclGrantee.user(acl.ownerCanonicalId())))) {
                throw S3Exception.of(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
            }
        }
        em.find(Bucket.class, bucket.id()).setObjectOwnership(ownership);
        buckets.evict(bucket.id());
    }

    public void deleteOwnershipControls(Caller caller, String bucketName) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS, null);
        // Without ownership controls a bucket behaves as ObjectWriter; the column keeps a marker for "none".
        em.find(Bucket.class, bucket.id()).setObjectOwnership(NO_OWNERSHIP_CONTROLS);
        buckets.evict(bucket.id());
    }

    /** Stored in gb_bucket.object_ownership after DeleteBucketOwnershipControls (the column is NOT NULL). */
    public static final String NO_OWNERSHIP_CONTROLS = "None";

    // ---- public access block

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public PublicAccessBlock getPublicAccessBlock(Caller caller, String bucketName) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.GET_PUBLIC_ACCESS_BLOCK, null);
        AuthorizationService.BucketAccessConfig config = authorization.accessConfig(bucket);
        if (!config.publicAccessBlockSet()) {
            throw S3Exception.forResource(S3ErrorCode.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION, "/" + bucketName)
                    .with("BucketName", bucketName);
        }
        return config.publicAccessBlock();
    }

    public void putPublicAccessBlock(Caller caller, String bucketName, PublicAccessBlock block) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.PUT_PUBLIC_ACCESS_BLOCK, null);
        authorization.storeConfig(bucket.id(), BucketConfigDocument.PUBLIC_ACCESS_BLOCK, block.encode());
    }

    public void deletePublicAccessBlock(Caller caller, String bucketName) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.DELETE_PUBLIC_ACCESS_BLOCK, null);
        authorization.removeConfig(bucket.id(), BucketConfigDocument.PUBLIC_ACCESS_BLOCK);
    }

    // ---- helpers

    private static void requireAclsEnabled(BucketInfo bucket) {
        if (!bucket.aclsEnabled()) {
            throw S3Exception.of(S3ErrorCode.ACCESS_CONTROL_LIST_NOT_SUPPORTED);
        }
    }

    private static AccessControlList expand(AclHeaders.Requested requested, String owner, String bucketOwner) {
        if (requested.canned() != null) {
            return requested.canned().expand(owner, bucketOwner);
        }
        if (requested.grants() != null) {
            return new AccessControlList(owner, requested.grants());
        }
        return AccessControlList.privateTo(owner);
    }

    /** Grantees must be known users or S3's groups; public grants are refused under BlockPublicAcls. */
    private void validate(AccessControlList acl, BucketInfo bucket) {
        if (acl.grants().size() > AccessControlList.MAX_GRANTS) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_ACL_ERROR, "An ACL may have at most " + AccessControlList.MAX_GRANTS + " grants.");
        }
        for (AclGrant g : acl.grants()) {
            if (g.grantee().type() == AclGrantee.Type.GROUP) {
                if (!GROUPS.contains(g.grantee().value())) {
                    throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Invalid group uri").with("ArgumentName", "uri")
                            .with("ArgumentValue", g.grantee().value());
                }
            } else if (em.createNamedQuery("Account.byCanonicalId", Account.class).setParameter("id", g.grantee().value())
                    .getResultList().isEmpty()) {
                throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Invalid id").with("ArgumentName", "CanonicalUser/ID")
                        .with("ArgumentValue", g.grantee().value());
            }
        }
        if (acl.isPublic() && authorization.accessConfig(bucket).publicAccessBlock().blockPublicAcls()) {
            throw S3Exception.of(S3ErrorCode.ACCESS_DENIED, "Access Denied (BlockPublicAcls refuses public ACLs on this bucket)");
        }
    }

    private AclView view(AccessControlList acl) {
        Map<String, String> names = new HashMap<>();
        names.put(acl.ownerCanonicalId(), null);
        acl.grants().stream().filter(g -> g.grantee().type() == AclGrantee.Type.CANONICAL_USER)
                .forEach(g -> names.put(g.grantee().value(), null));
        for (String id : List.copyOf(names.keySet())) {
            em.createNamedQuery("Account.byCanonicalId", Account.class).setParameter("id", id).getResultStream()
                    .findFirst().ifPresent(a -> names.put(id, a.getDisplayName()));
        }
        return new AclView(acl, names);
    }
}
