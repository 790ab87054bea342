/**
 * Bucket policies: the IAM JSON policy grammar as S3 accepts it on {@code PutBucketPolicy}, and the
 * evaluation of a request against a policy.
 *
 * <p>What belongs here: parsing and validating a policy document ({@link
 * io.ghostbay.policy.BucketPolicy#parse}), the model of its statements, the IAM matching rules
 * (wildcards, policy variables, condition operators) and the decision for one request ({@link
 * io.ghostbay.policy.PolicyEvaluator}). Also the "is this policy public" rule that feeds
 * GetBucketPolicyStatus.
 *
 * <p>What must not: any EE API other than JSON-P, any other GhostBay package, any I/O. Callers
 * (the policy service) build the {@link io.ghostbay.policy.PolicyRequest} from the authenticated
 * request and map {@link io.ghostbay.policy.MalformedPolicyException} to S3's MalformedPolicy
 * error, so this package stays a pure function of its inputs and is tested without a container.
 */
package io.ghostbay.policy;
