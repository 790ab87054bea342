package io.ghostbay.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GetBucketPolicyStatus: which policies S3's "meaning of public" calls public. */
class BucketPolicyPublicTest {

    static Stream<Arguments> policies() {
        return Stream.of(
                // who the Allow reaches
                of("Principal '*'", true, allow("'*'", null)),
                of("Principal {AWS:*}", true, allow("{'AWS':'*'}", null)),
                of("'*' among named users", true, allow("{'AWS':['arn:aws:iam::ghostbay:user/alice','*']}", null)),
                of("a named user", false, allow("{'AWS':'arn:aws:iam::ghostbay:user/alice'}", null)),
                of("a canonical user", false, allow("{'CanonicalUser':'" + "c".repeat(64) + "'}", null)),
                of("every GhostBay user (the account)", false, allow("{'AWS':'arn:aws:iam::ghostbay:root'}", null)),
                of("NotPrincipal in an Allow", true, policy(
                        "{'Effect':'Allow','NotPrincipal':{'AWS':'arn:aws:iam::ghostbay:user/alice'},'Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}")),
                of("a Deny for everyone grants nothing", false, policy(
                        "{'Effect':'Deny','Principal':'*','Action':'s3:*','Resource':'arn:aws:s3:::b/*'}")),
                of("one public statement among private ones", true, policy(
                        "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::ghostbay:user/alice'},'Action':'s3:*','Resource':'arn:aws:s3:::b/*'}",
                        "{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/public/*'}")),

                // aws:SourceIp
                of("SourceIp /24", false, allow("'*'", "{'IpAddress':{'aws:SourceIp':'192.0.2.0/24'}}")),
                of("SourceIp /8 is the widest private range", false, allow("'*'", "{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}")),
                of("SourceIp /7 is public", true, allow("'*'", "{'IpAddress':{'aws:SourceIp':'10.0.0.0/7'}}")),
                of("SourceIp 0.0.0.0/1 is public", true, allow("'*'", "{'IpAddress':{'aws:SourceIp':'0.0.0.0/1'}}")),
                of("one wide block among narrow ones", true,
                        allow("'*'", "{'IpAddress':{'aws:SourceIp':['192.0.2.0/24','0.0.0.0/0']}}")),
                of("SourceIp plain address", false, allow("'*'", "{'IpAddress':{'aws:SourceIp':'203.0.113.7'}}")),
                of("SourceIp IPv6 /64", false, allow("'*'", "{'IpAddress':{'aws:SourceIp':'2001:db8:1234:5678::/64'}}")),
                of("SourceIp IPv6 /32", false, allow("'*'", "{'IpAddress':{'aws:SourceIp':'2001:db8::/32'}}")),
                of("SourceIp IPv6 /16 is public", true, allow("'*'", "{'IpAddress':{'aws:SourceIp':'2001::/16'}}")),
                of("SourceIp ::/0 is public", true, allow("'*'", "{'IpAddress':{'aws:SourceIp':'::/0'}}")),
                of("NotIpAddress pins nothing", true, allow("'*'", "{'NotIpAddress':{'aws:SourceIp':'192.0.2.0/24'}}")),
                of("IpAddressIfExists pins nothing", true, allow("'*'", "{'IpAddressIfExists':{'aws:SourceIp':'192.0.2.0/24'}}")),

                // other caller-pinning keys
                of("fixed aws:SourceVpc", false, allow("'*'", "{'StringEquals':{'aws:SourceVpc':'vpc-1a2b3c4d'}}")),
                of("fixed aws:SourceVpce", false, allow("'*'", "{'StringEquals':{'aws:sourcevpce':'vpce-1a2b3c4d'}}")),
                of("fixed aws:SourceAccount", false, allow("'*'", "{'StringEquals':{'aws:SourceAccount':'111122223333'}}")),
                of("fixed aws:SourceOwner", false, allow("'*'", "{'StringEquals':{'aws:SourceOwner':'111122223333'}}")),
                of("fixed aws:PrincipalAccount", false, allow("'*'", "{'StringEquals':{'aws:PrincipalAccount':'111122223333'}}")),
                of("fixed aws:PrincipalOrgID", false, allow("'*'", "{'StringEquals':{'aws:PrincipalOrgID':'o-a1b2c3d4e5'}}")),
                of("fixed aws:PrincipalArn", false,
                        allow("'*'", "{'ArnEquals':{'aws:PrincipalArn':'arn:aws:iam::ghostbay:user/alice'}}")),
                of("fixed aws:SourceArn with ArnLike", false,
                        allow("'*'", "{'ArnLike':{'aws:SourceArn':'arn:aws:cloudfront::111122223333:distribution/E1'}}")),
                of("fixed aws:userid", false, allow("'*'", "{'StringEquals':{'aws:userid':'AIDAEXAMPLE'}}")),
                of("aws:userid role pattern is public", true, allow("'*'", "{'StringLike':{'aws:userid':'AROAEXAMPLE:*'}}")),
                of("wildcard aws:SourceArn is public", true,
                        allow("'*'", "{'ArnLike':{'aws:SourceArn':'arn:aws:cloudfront::*:distribution/*'}}")),
                of("one wildcard value among fixed ones", true,
                        allow("'*'", "{'StringEquals':{'aws:SourceAccount':['111122223333','*']}}")),
                of("policy variable is not a fixed value", true,
                        allow("'*'", "{'StringEquals':{'aws:SourceVpc':'${aws:username}'}}")),
                of("negated operator pins nothing", true, allow("'*'", "{'StringNotEquals':{'aws:SourceVpc':'vpc-1'}}")),
                of("IfExists pins nothing", true, allow("'*'", "{'StringEqualsIfExists':{'aws:SourceVpc':'vpc-1'}}")),
                of("ForAllValues pins nothing (true when absent)", true,
                        allow("'*'", "{'ForAllValues:StringEquals':{'aws:SourceVpc':'vpc-1'}}")),
                of("ForAnyValue with fixed values pins", false,
                        allow("'*'", "{'ForAnyValue:StringEquals':{'aws:SourceVpc':['vpc-1','vpc-2']}}")),
                of("Null on a pinning key pins nothing", true, allow("'*'", "{'Null':{'aws:SourceVpc':'false'}}")),

                // conditions that do not identify callers
                of("HTTPS only is still public", true, allow("'*'", "{'Bool':{'aws:SecureTransport':'true'}}")),
                of("a time window is still public", true,
                        allow("'*'", "{'DateLessThan':{'aws:CurrentTime':'2027-01-01T00:00:00Z'}}")),
                of("a referer is still public", true, allow("'*'", "{'StringLike':{'aws:Referer':'https://example.com/*'}}")),
                of("one pinning condition is enough", false,
                        allow("'*'", "{'Bool':{'aws:SecureTransport':'true'},'StringEquals':{'aws:SourceVpc':'vpc-1'}}")));
    }

    @ParameterizedTest(name = "{0} -> public={1}")
    @MethodSource("policies")
    void classifiesPublicPolicies(String name, boolean expected, String policy) {
        assertEquals(expected, BucketPolicy.parse(policy, "b").isPublic());
    }

    private static Arguments of(String name, boolean isPublic, String policy) {
        return Arguments.of(name, isPublic, policy);
    }

    private static String allow(String principal, String condition) {
        return policy("{'Effect':'Allow','Principal':" + principal + ",'Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'"
                + (condition == null ? "" : ",'Condition':" + condition) + "}");
    }

    private static String policy(String... statements) {
        return ("{'Version':'2012-10-17','Statement':[" + String.join(",", statements) + "]}").replace('\'', '"');
    }
}
