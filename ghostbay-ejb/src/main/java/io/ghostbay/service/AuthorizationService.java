package io.ghostbay.service;

import io.ghostbay.acl.AccessControlList;
import io.ghostbay.acl.AclPermission;
import io.ghostbay.acl.PublicAccessBlock;
import io.ghostbay.catalog.Account;
import io.ghostbay.catalog.Bucket;
import io.ghostbay.catalog.BucketConfigDocument;
import io.ghostbay.policy.BucketPolicy;
import io.ghostbay.policy.MalformedPolicyException;
import io.ghostbay.policy.PolicyDecision;
import io.ghostbay.policy.PolicyEvaluator;
import io.ghostbay.policy.PolicyPrincipal;
import io.ghostbay.policy.PolicyRequest;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Decides whether a caller may perform an action on a bucket or object, as S3 does for a bucket
 * owned by one account:
 * <ol>
 *   <li>an explicit Deny in the bucket policy refuses (but the owner and admins can always read,
 *       replace and delete the policy, so that nobody can lock themselves out, as AWS lets the
 *       account root do);</li>
 *   <li>the bucket owner and admin users are allowed;</li>
 *   <li>anyone else, including anonymous requests, is allowed when a policy statement allows (unless
 *       RestrictPublicBuckets and the policy is public), or, when the bucket's ObjectOwnership is not
 *       BucketOwnerEnforced, when the bucket ACL (bucket actions) or the object's ACL (object actions)
 *       grants it (public grants skipped under IgnorePublicAcls).</li>
 * </ol>
 * The same evaluation answers the admin API's decision explainer.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AuthorizationService {
    private static final Logger LOG = Logger.getLogger(AuthorizationService.class.getName());

    /** Actions the owner keeps even under an explicit Deny (AWS's lockout escape for the root user). */
    private static final Set<String> POLICY_MANAGEMENT = Set.of("s3:GetBucketPolicy", "s3:PutBucketPolicy",
            "s3:DeleteBucketPolicy", "s3:GetBucketPolicyStatus");

    /** Parsed policies by bucket id, reused while the stored text is unchanged (the text is read every time). */
    private static final Map<Long, ParsedPolicy> PARSED = new ConcurrentHashMap<>();

    private record ParsedPolicy(String document, BucketPolicy policy) {
    }

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    @jakarta.ejb.EJB
    BucketService buckets;

    /** The outcome for the explainer: the decision and what the owner rule added to the policy's answer. */
    public record Explanation(String decision, String reason, PolicyDecision policyDecision) {
    }

    /** @throws S3Exception AccessDenied when the caller may not perform the action */
    public void authorize(Caller caller, BucketInfo bucket, String action, String key) {
        Explanation e = evaluate(caller, bucket, action, key);
        if (!"Allow".equals(e.decision())) {
            throw S3Exception.forResource(S3ErrorCode.ACCESS_DENIED, "/" + bucket.name() + (key == null ? "" : "/" + key));
        }
    }

    /** True when the caller may perform the action; for checks whose failure is not an error (e.g. 403 vs 404). */
    public boolean isAllowed(Caller caller, BucketInfo bucket, String action, String key) {
        return "Allow".equals(evaluate(caller, bucket, action, key).decision());
    }

    public Explanation evaluate(Caller caller, BucketInfo bucket, String action, String key) {
        boolean ownerOrAdmin = !caller.anonymous() && (caller.admin() || caller.accountId() == bucket.ownerId());
        BucketAccessConfig config = accessConfig(bucket);
        BucketPolicy policy;
        try {
            policy = parsedPolicy(bucket, config.policy());
        } catch (MalformedPolicyException e) {
            // Only valid policies are stored; one that no longer parses (a newer server's grammar?) must not
            // open access by accident: only the owner and admins get in until it is replaced.
            LOG.severe("The stored policy of bucket " + bucket.name() + " does not parse: " + e.getMessage());
            return ownerOrAdmin ? new Explanation("Allow", "The bucket owner may act on the bucket", null)
                    : new Explanation("ImplicitDeny", "The stored bucket policy cannot be read", null);
        }
        PolicyDecision decision = policy == null ? null
                : PolicyEvaluator.evaluate(policy, request(caller, bucket, action, key, existingTags(config, bucket, key)));
        if (decision != null && decision.outcome() == PolicyDecision.Outcome.EXPLICIT_DENY) {
            if (ownerOrAdmin && POLICY_MANAGEMENT.contains(action)) {
                return new Explanation("Allow", "The bucket owner may always manage the bucket policy ("
                        + decision.reason() + ")", decision);
            }
            return new Explanation("ExplicitDeny", decision.reason(), decision);
        }
        if (ownerOrAdmin) {
            return new Explanation("Allow", caller.admin() && caller.accountId() != bucket.ownerId()
                    ? "Admin users may act on every bucket" : "The bucket owner may act on the bucket", decision);
        }
        if (decision != null && decision.outcome() == PolicyDecision.Outcome.ALLOW) {
            if (config.publicAccessBlock().restrictPublicBuckets() && policy.isPublic()) {
                // RestrictPublicBuckets: a public policy grants nothing to anyone but the owner.
                return new Explanation("ImplicitDeny", "RestrictPublicBuckets ignores the public bucket policy ("
                        + decision.reason() + ")", decision);
            }
            return new Explanation("Allow", decision.reason(), decision);
        }
        if (bucket.aclsEnabled() && aclAllows(caller, bucket, config, action, key)) {
            return new Explanation("Allow", "Allowed by the " + (isObjectAcl(action, key) ? "object" : "bucket") + " ACL", decision);
        }
        return new Explanation("ImplicitDeny", decision == null ? "No bucket policy statement or ACL grant allows " + action
                : decision.reason(), decision);
    }

    private static boolean isObjectAcl(String action, String key) {
        return key != null && AclPermission.isObjectAction(action);
    }

    private boolean aclAllows(Caller caller, BucketInfo bucket, BucketAccessConfig config, String action, String key) {
        String bucketOwner = ownerCanonicalId(bucket.ownerId());
        AccessControlList acl;
        if (isObjectAcl(action, key)) {
            String stored = CurrentVersions.acl(em, bucket.id(), key);
            acl = stored == null ? AccessControlList.privateTo(bucketOwner) : AccessControlList.decode(stored);
        } else {
            acl = config.acl() == null ? AccessControlList.privateTo(bucketOwner) : AccessControlList.decode(config.acl());
        }
        return acl.allows(caller.anonymous() ? null : caller.canonicalId(), action, isObjectAcl(action, key),
                config.publicAccessBlock().ignorePublicAcls());
    }


    /** The canonical id of a user (the owner of a bucket), "" if unknown. */
    public String ownerCanonicalId(long accountId) {
        Account a = em.find(Account.class, accountId);
        return a == null ? "" : a.getCanonicalId();
    }

    /**
     * A bucket's access-related configuration documents, read in one query. {@code publicAccessBlock} is
     * {@link PublicAccessBlock#NONE} when the bucket has none ({@code publicAccessBlockSet} tells the two
     * apart); {@code policyReadsObjectTags} says whether the policy tests s3:ExistingObjectTag.
     */
    public record BucketAccessConfig(String policy, String acl, PublicAccessBlock publicAccessBlock,
                                     boolean publicAccessBlockSet, boolean policyReadsObjectTags) {
    }

    /**
     * The bucket's access configuration, cached by the bucket's row version: every change of a document
     * bumps it ({@link #configChanged}), and the bucket row is read fresh on every request, so a change
     * made on any server is seen on the next request everywhere, without a query per request.
     */
    public BucketAccessConfig accessConfig(BucketInfo bucket) {
        CachedConfig cached = CONFIGS.get(bucket.id());
        if (cached != null && cached.rowVersion() == bucket.rowVersion()) {
            return cached.config();
        }
        BucketAccessConfig config = loadAccessConfig(bucket.id());
        if (CONFIGS.size() > MAX_CACHED_CONFIGS) {
            CONFIGS.clear();
        }
        CONFIGS.put(bucket.id(), new CachedConfig(bucket.rowVersion(), config));
        return config;
    }

    /**
     * Call in the transaction that changes a configuration document of the bucket: bumps the bucket's
     * row version (and serializes concurrent configuration changes of one bucket).
     */
    public void configChanged(long bucketId) {
        Bucket b = em.find(Bucket.class, bucketId);
        if (b != null) {
            em.lock(b, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        }
        buckets.evict(bucketId);
    }

    private static final int MAX_CACHED_CONFIGS = 10_000;
    private static final Map<Long, CachedConfig> CONFIGS = new ConcurrentHashMap<>();

    private record CachedConfig(long rowVersion, BucketAccessConfig config) {
    }

    private BucketAccessConfig loadAccessConfig(long bucketId) {
        String policy = null;
        String acl = null;
        PublicAccessBlock pab = null;
        for (BucketConfigDocument d : em.createQuery("SELECT d FROM BucketConfigDocument d WHERE d.bucketId = :b",
                BucketConfigDocument.class).setParameter("b", bucketId).getResultList()) {
            switch (d.getKind()) {
                case BucketConfigDocument.POLICY -> policy = d.getDocument();
                case BucketConfigDocument.ACL -> acl = d.getDocument();
                case BucketConfigDocument.PUBLIC_ACCESS_BLOCK -> pab = PublicAccessBlock.decode(d.getDocument());
                default -> {
                }
            }
        }
        return new BucketAccessConfig(policy, acl, pab == null ? PublicAccessBlock.NONE : pab, pab != null,
                policy != null && policy.toLowerCase(java.util.Locale.ROOT).contains("s3:existingobjecttag"));
    }

    /** Stores (inserts or replaces) a configuration document of the bucket, bumping its row version. */
    public void storeConfig(long bucketId, String kind, String document) {
        configChanged(bucketId);
        BucketConfigDocument existing = em.find(BucketConfigDocument.class, new BucketConfigDocument.Key(bucketId, kind));
        long now = System.currentTimeMillis();
        if (existing == null) {
            em.persist(new BucketConfigDocument(bucketId, kind, document, now));
        } else {
            existing.replace(document, now);
        }
    }

    /** Removes a configuration document of the bucket, if it has one. */
    public void removeConfig(long bucketId, String kind) {
        BucketConfigDocument existing = em.find(BucketConfigDocument.class, new BucketConfigDocument.Key(bucketId, kind));
        if (existing != null) {
            configChanged(bucketId);
            em.remove(existing);
        }
    }

    /**
     * The object's tags as {@code s3:ExistingObjectTag/<key>} condition values, read only when the policy
     * mentions that condition key (one query; most policies do not).
     */
    private Map<String, String> existingTags(BucketAccessConfig config, BucketInfo bucket, String key) {
        if (key == null || !config.policyReadsObjectTags()) {
            return Map.of();
        }
        return CurrentVersions.tags(em, bucket.id(), key);
    }

    private static PolicyRequest request(Caller caller, BucketInfo bucket, String action, String key,
                                         Map<String, String> existingTags) {
        Map<String, List<String>> context = new HashMap<>();
        AccessContext ac = caller.context() == null ? AccessContext.none() : caller.context();
        ac.conditionValues().forEach(context::put);
        if (ac.sourceIp() != null) {
            context.put("aws:SourceIp", List.of(ac.sourceIp()));
        }
        context.put("aws:SecureTransport", List.of(Boolean.toString(ac.secureTransport())));
        PolicyPrincipal principal;
        if (caller.anonymous()) {
            principal = PolicyPrincipal.anonymous();
            context.put("aws:PrincipalType", List.of("Anonymous"));
        } else {
            principal = new PolicyPrincipal(caller.canonicalId(), caller.displayName());
            context.put("aws:PrincipalType", List.of("User"));
            context.put("aws:username", List.of(caller.displayName()));
            context.put("aws:userid", List.of(caller.canonicalId()));
            context.put("aws:PrincipalArn", List.of("arn:aws:iam::ghostbay:user/" + caller.displayName()));
        }
        existingTags.forEach((k, v) -> context.put("s3:ExistingObjectTag/" + k, List.of(v)));
        String resource = "arn:aws:s3:::" + bucket.name() + (key == null ? "" : "/" + key);
        return new PolicyRequest(principal, action, resource, context, Instant.now());
    }

    /** The parsed policy of a stored document, or null when there is none. */
    private static BucketPolicy parsedPolicy(BucketInfo bucket, String document) {
        if (document == null) {
            PARSED.remove(bucket.id());
            return null;
        }
        ParsedPolicy cached = PARSED.get(bucket.id());
        if (cached != null && cached.document().equals(document)) {
            return cached.policy();
        }
        BucketPolicy parsed = BucketPolicy.parse(document, bucket.name());
        PARSED.put(bucket.id(), new ParsedPolicy(document, parsed));
        return parsed;
    }
}
