package io.ghostbay.service;

import io.ghostbay.catalog.BucketConfigDocument;
import io.ghostbay.policy.BucketPolicy;
import io.ghostbay.policy.MalformedPolicyException;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus. */
@Stateless
public class BucketPolicyService {

    @EJB
    BucketService buckets;

    @EJB
    AuthorizationService authorization;

    /** Validates the document (MalformedPolicy with the parser's message) and stores it as sent. */
    public void putBucketPolicy(Caller caller, String bucketName, String document) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.PUT_BUCKET_POLICY, null);
        BucketPolicy parsed;
        try {
            parsed = BucketPolicy.parse(document, bucketName);
        } catch (MalformedPolicyException e) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_POLICY, e.getMessage());
        }
        if (parsed.isPublic() && authorization.accessConfig(bucket).publicAccessBlock().blockPublicPolicy()) {
            throw S3Exception.forResource(S3ErrorCode.ACCESS_DENIED, "/" + bucketName);
        }
        authorization.storeConfig(bucket.id(), BucketConfigDocument.POLICY, document);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String getBucketPolicy(Caller caller, String bucketName) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.GET_BUCKET_POLICY, null);
        return requirePolicy(bucket);
    }

    public void deleteBucketPolicy(Caller caller, String bucketName) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.DELETE_BUCKET_POLICY, null);
        authorization.removeConfig(bucket.id(), BucketConfigDocument.POLICY);
    }

    /** GetBucketPolicyStatus: whether the policy makes the bucket public (AWS's definition). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean isPublic(Caller caller, String bucketName) {
        BucketInfo bucket = buckets.requireBucket(caller, bucketName, S3Operation.GET_BUCKET_POLICY_STATUS, null);
        try {
            return BucketPolicy.parse(requirePolicy(bucket), bucketName).isPublic();
        } catch (MalformedPolicyException e) {
            return false;
        }
    }

    private String requirePolicy(BucketInfo bucket) {
        String document = authorization.accessConfig(bucket).policy();
        if (document == null) {
            throw S3Exception.forResource(S3ErrorCode.NO_SUCH_BUCKET_POLICY, "/" + bucket.name())
                    .with("BucketName", bucket.name());
        }
        return document;
    }
}
