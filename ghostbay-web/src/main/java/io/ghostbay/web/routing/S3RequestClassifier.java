package io.ghostbay.web.routing;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;

import java.util.Map;
import java.util.Set;

/**
 * Decides which S3 operation a request is, from its method, whether it names a bucket and a key,
 * its query parameter names and whether it carries x-amz-copy-source. JAX-RS matches only on path
 * and method, so sub-resources (?location, ?uploads, ...) are told apart here, in one pure function.
 * A sub-resource that GhostBay does not implement is {@link S3Operation#NOT_IMPLEMENTED}: it never
 * falls through to a plain GET/PUT/DELETE that would read, overwrite or delete data.
 */
public final class S3RequestClassifier {

    /** Query parameters that select a sub-resource or operation on AWS (see the S3 API reference). */
    static final Set<String> SUBRESOURCES = Set.of("accelerate", "acl", "analytics", "attributes", "cors", "delete",
            "encryption", "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "location", "logging", "metrics",
            "metadataTable", "notification", "object-lock", "ownershipControls", "partNumber", "policy", "policyStatus",
            "publicAccessBlock", "replication", "requestPayment", "restore", "retention", "select", "session", "tagging",
            "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website", "renameObject");

    private S3RequestClassifier() {
    }

    public static S3Operation classify(String method, boolean hasBucket, boolean hasKey, Set<String> query, boolean copySource) {
        if (!hasBucket) {
            if (method.equals("GET") && onlyKnown(query)) {
                return S3Operation.LIST_BUCKETS;
            }
            throw S3Exception.of(S3ErrorCode.METHOD_NOT_ALLOWED);
        }
        return hasKey ? classifyObject(method, query, copySource) : classifyBucket(method, query);
    }

    /**
     * Bucket operations selected by exactly one sub-resource, by method and sub-resource name
     * (other, non-sub-resource query parameters may accompany them).
     */
    private static final Map<String, Map<String, S3Operation>> BUCKET_SUBRESOURCE_OPERATIONS = Map.of(
            "GET", Map.of("location", S3Operation.GET_BUCKET_LOCATION, "uploads", S3Operation.LIST_MULTIPART_UPLOADS,
                    "policy", S3Operation.GET_BUCKET_POLICY, "policyStatus", S3Operation.GET_BUCKET_POLICY_STATUS,
                    "acl", S3Operation.GET_BUCKET_ACL, "ownershipControls", S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS,
                    "publicAccessBlock", S3Operation.GET_PUBLIC_ACCESS_BLOCK),
            "PUT", Map.of("policy", S3Operation.PUT_BUCKET_POLICY, "acl", S3Operation.PUT_BUCKET_ACL,
                    "ownershipControls", S3Operation.PUT_BUCKET_OWNERSHIP_CONTROLS,
                    "publicAccessBlock", S3Operation.PUT_PUBLIC_ACCESS_BLOCK),
            "DELETE", Map.of("policy", S3Operation.DELETE_BUCKET_POLICY,
                    "ownershipControls", S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS,
                    "publicAccessBlock", S3Operation.DELETE_PUBLIC_ACCESS_BLOCK),
            "POST", Map.of("delete", S3Operation.DELETE_OBJECTS));

    private static S3Operation classifyBucket(String method, Set<String> q) {
        if (!Set.of("GET", "PUT", "DELETE", "HEAD", "POST").contains(method)) {
            throw S3Exception.of(S3ErrorCode.METHOD_NOT_ALLOWED);
        }
        if (subresources(q) == 1) {
            String subresource = q.stream().filter(SUBRESOURCES::contains).findFirst().orElseThrow();
            S3Operation op = BUCKET_SUBRESOURCE_OPERATIONS.getOrDefault(method, Map.of()).get(subresource);
            return op != null ? op : S3Operation.NOT_IMPLEMENTED;
        }
        if (hasSubresource(q)) {
            return S3Operation.NOT_IMPLEMENTED;
        }
        return switch (method) {
            case "GET" -> q.contains("list-type") ? S3Operation.LIST_OBJECTS_V2 : S3Operation.LIST_OBJECTS;
            case "PUT" -> S3Operation.CREATE_BUCKET;
            case "DELETE" -> S3Operation.DELETE_BUCKET;
            case "HEAD" -> S3Operation.HEAD_BUCKET;
            default -> S3Operation.NOT_IMPLEMENTED; // POST without ?delete
        };
    }

    private static S3Operation classifyObject(String method, Set<String> q, boolean copySource) {
        switch (method) {
            case "GET":
                if (only(q, "uploadId")) {
                    return S3Operation.LIST_PARTS;
                }
                if (onlyWithVersion(q, "acl")) {
                    return S3Operation.GET_OBJECT_ACL;
                }
                if (onlyWithVersion(q, "tagging")) {
                    return S3Operation.GET_OBJECT_TAGGING;
                }
                if (q.contains("attributes") && !hasSubresourceOtherThan(q, Set.of("attributes", "versionId"))) {
                    return S3Operation.GET_OBJECT_ATTRIBUTES;
                }
                return hasSubresourceOtherThan(q, READ_PARAMETERS) ? S3Operation.NOT_IMPLEMENTED : S3Operation.GET_OBJECT;
            case "HEAD":
                return hasSubresourceOtherThan(q, READ_PARAMETERS) ? S3Operation.NOT_IMPLEMENTED : S3Operation.HEAD_OBJECT;
            case "PUT":
                if (onlyWithVersion(q, "acl")) {
                    return S3Operation.PUT_OBJECT_ACL;
                }
                if (onlyWithVersion(q, "tagging")) {
                    return S3Operation.PUT_OBJECT_TAGGING;
                }
                if (q.contains("uploadId") && q.contains("partNumber") && subresources(q) == 2) {
                    return copySource ? S3Operation.UPLOAD_PART_COPY : S3Operation.UPLOAD_PART;
                }
                if (hasSubresource(q)) {
                    return S3Operation.NOT_IMPLEMENTED;
                }
                return copySource ? S3Operation.COPY_OBJECT : S3Operation.PUT_OBJECT;
            case "DELETE":
                if (only(q, "uploadId")) {
                    return S3Operation.ABORT_MULTIPART_UPLOAD;
                }
                if (onlyWithVersion(q, "tagging")) {
                    return S3Operation.DELETE_OBJECT_TAGGING;
                }
                return hasSubresourceOtherThanVersion(q) ? S3Operation.NOT_IMPLEMENTED : S3Operation.DELETE_OBJECT;
            case "POST":
                if (only(q, "uploads")) {
                    return S3Operation.CREATE_MULTIPART_UPLOAD;
                }
                if (only(q, "uploadId")) {
                    return S3Operation.COMPLETE_MULTIPART_UPLOAD;
                }
                return S3Operation.NOT_IMPLEMENTED;
            default:
                throw S3Exception.of(S3ErrorCode.METHOD_NOT_ALLOWED);
        }
    }

    /** The query names exactly this one sub-resource (other, non-sub-resource parameters are allowed). */
    private static boolean only(Set<String> q, String subresource) {
        return q.contains(subresource) && subresources(q) == 1;
    }

    /** The query names this sub-resource and at most versionId besides. */
    private static boolean onlyWithVersion(Set<String> q, String subresource) {
        return q.contains(subresource) && !hasSubresourceOtherThan(q, Set.of(subresource, "versionId"));
    }

    private static boolean onlyKnown(Set<String> q) {
        return !hasSubresource(q);
    }

    private static boolean hasSubresource(Set<String> q) {
        return subresources(q) > 0;
    }

    /** Parameters of a plain GET/HEAD of an object: which version, and which part of a multipart object. */
    private static final Set<String> READ_PARAMETERS = Set.of("versionId", "partNumber");

    /** versionId=null addresses the only version of an unversioned object; other version ids are not supported yet. */
    private static boolean hasSubresourceOtherThanVersion(Set<String> q) {
        return hasSubresourceOtherThan(q, Set.of("versionId"));
    }

    private static boolean hasSubresourceOtherThan(Set<String> q, Set<String> allowed) {
        return q.stream().anyMatch(p -> SUBRESOURCES.contains(p) && !allowed.contains(p));
    }

    private static long subresources(Set<String> q) {
        return q.stream().filter(SUBRESOURCES::contains).count();
    }
}
