package io.ghostbay.policy;

import java.util.List;

/**
 * A validated bucket policy, immutable. Obtain one with {@link #parse}; evaluate requests with
 * {@link PolicyEvaluator#evaluate}.
 */
public final class BucketPolicy {

    private final String version;
    private final String id;
    private final String bucketName;
    private final List<PolicyStatement> statements;
    private final boolean isPublic;

    BucketPolicy(String version, String id, String bucketName, List<PolicyStatement> statements) {
        this.version = version;
        this.id = id;
        this.bucketName = bucketName;
        this.statements = List.copyOf(statements);
        this.isPublic = this.statements.stream().anyMatch(PolicyStatement::grantsPublicAccess);
    }

    /**
     * Parses and validates a policy document as S3's PutBucketPolicy does.
     *
     * @param bucketName the bucket the policy is attached to; every Resource must be able to name
     *     it or its objects
     * @throws MalformedPolicyException with a message for the user when S3 would refuse the policy
     */
    public static BucketPolicy parse(String json, String bucketName) throws MalformedPolicyException {
        return PolicyReader.read(json, bucketName);
    }

    /** {@code 2012-10-17}, or {@code 2008-10-17} (also when the document has no Version). */
    public String version() {
        return version;
    }

    /** The document's {@code Id}, or {@code null}. */
    public String id() {
        return id;
    }

    public String bucketName() {
        return bucketName;
    }

    public List<PolicyStatement> statements() {
        return statements;
    }

    /**
     * Whether S3 would report the policy as public (GetBucketPolicyStatus): some Allow statement
     * reaches everyone ({@code "*"}, {@code {"AWS": "*"}} or a NotPrincipal) and none of its
     * conditions pins it to fixed values of a caller-identifying key (aws:SourceIp with CIDRs no
     * wider than /8 for IPv4 or /32 for IPv6, aws:SourceArn, aws:SourceVpc, aws:SourceVpce,
     * aws:SourceAccount, aws:SourceOwner, aws:PrincipalAccount, aws:PrincipalArn,
     * aws:PrincipalOrgID, aws:userid, ...). A fixed value has no wildcard and no policy variable.
     * A statement for {@code arn:aws:iam::ghostbay:root} (every GhostBay user) is not public, as a
     * grant to a fixed account is not public on AWS.
     */
    public boolean isPublic() {
        return isPublic;
    }

    @Override
    public String toString() {
        return "BucketPolicy[bucket=" + bucketName + ", version=" + version + ", statements=" + statements.size() + "]";
    }
}
