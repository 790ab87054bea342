package io.ghostbay.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What PutBucketPolicy accepts and refuses, and with which message. */
class BucketPolicyParseTest {

    private static final String BUCKET = "amzn-s3-demo-bucket";

    /** A valid statement body to vary one field at a time. */
    private static final String PRINCIPAL = "'Principal':'*'";
    private static final String ACTION = "'Action':'s3:GetObject'";
    private static final String RESOURCE = "'Resource':'arn:aws:s3:::amzn-s3-demo-bucket/*'";

    static Stream<Arguments> malformedPolicies() {
        return Stream.of(
                bad("not JSON at all", "nope", PolicyReader.NOT_JSON),
                bad("empty document", "", PolicyReader.NOT_JSON),
                bad("array at the top", "[{'Effect':'Allow'}]", PolicyReader.NOT_JSON),
                bad("truncated JSON", "{'Statement':[", PolicyReader.NOT_JSON),
                bad("trailing garbage", "{'Statement':[]} x", PolicyReader.NOT_JSON),
                bad("unknown top-level field", "{'Version':'2012-10-17','Statment':[]}", "Unknown field Statment"),
                bad("unknown statement field",
                        "{'Statement':[{'Effect':'Allow'," + PRINCIPAL + "," + ACTION + "," + RESOURCE + ",'Conditions':{}}]}",
                        "Unknown field Conditions"),
                bad("bad version", "{'Version':'2020-01-01','Statement':[" + ok() + "]}",
                        "The policy must contain a valid version string"),
                bad("missing Statement", "{'Version':'2012-10-17'}", "Missing required field Statement"),
                bad("empty Statement", "{'Version':'2012-10-17','Statement':[]}",
                        "Could not parse the policy: Statement is empty!"),
                bad("statement is not an object", "{'Statement':['Allow']}",
                        "Statement must be an object or an array of objects"),
                bad("Effect in lower case", statement("'Effect':'allow'," + PRINCIPAL + "," + ACTION + "," + RESOURCE),
                        "Invalid effect: allow"),
                bad("Effect missing", statement(PRINCIPAL + "," + ACTION + "," + RESOURCE), "Missing required field Effect"),
                bad("Principal missing", statement("'Effect':'Allow'," + ACTION + "," + RESOURCE),
                        "Missing required field Principal"),
                bad("Action missing", statement("'Effect':'Allow'," + PRINCIPAL + "," + RESOURCE),
                        "Missing required field Action"),
                bad("Resource missing", statement("'Effect':'Allow'," + PRINCIPAL + "," + ACTION),
                        "Missing required field Resource"),
                bad("Action and NotAction together",
                        statement("'Effect':'Allow'," + PRINCIPAL + "," + ACTION + ",'NotAction':'s3:PutObject'," + RESOURCE),
                        "A statement cannot have both Action and NotAction"),
                badPrincipal("a bare string", "'alice'"),
                badPrincipal("a service principal", "{'Service':'cloudfront.amazonaws.com'}"),
                badPrincipal("another account", "{'AWS':'arn:aws:iam::111122223333:root'}"),
                badPrincipal("a wildcard user", "{'AWS':'arn:aws:iam::ghostbay:user/*'}"),
                badPrincipal("an empty user name", "{'AWS':'arn:aws:iam::ghostbay:user/'}"),
                badPrincipal("a short canonical id", "{'CanonicalUser':'abc123'}"),
                badPrincipal("an upper-case canonical id", "{'CanonicalUser':'" + "AB".repeat(32) + "'}"),
                badPrincipal("an empty object", "{}"),
                badPrincipal("an empty list", "{'AWS':[]}"),
                badPrincipal("a number", "{'AWS':12}"),
                badAction("another service's action", "'iam:GetUser'"),
                badAction("no prefix", "'GetObject'"),
                badAction("an empty name", "'s3:'"),
                badAction("a space", "'s3:Get Object'"),
                badAction("an empty list", "[]"),
                badAction("a non-string", "[true]"),
                badResource("another bucket", "'arn:aws:s3:::other-bucket/*'"),
                badResource("a longer bucket name", "'arn:aws:s3:::amzn-s3-demo-bucket2/*'"),
                badResource("a bucket name that is only a prefix", "'arn:aws:s3:::amzn-s3-demo'"),
                badResource("no ARN", "'amzn-s3-demo-bucket/*'"),
                badResource("an IAM ARN", "'arn:aws:iam::ghostbay:user/alice'"),
                badResource("an empty S3 ARN", "'arn:aws:s3:::'"),
                badResource("one bad entry in a list", "['arn:aws:s3:::amzn-s3-demo-bucket/*','arn:aws:s3:::x/*']"),
                badCondition("unknown operator", "{'StringEqualz':{'aws:username':'alice'}}",
                        "Invalid Condition type : StringEqualz"),
                badCondition("Null has no IfExists", "{'NullIfExists':{'aws:username':'true'}}",
                        "Invalid Condition type : NullIfExists"),
                badCondition("Null has no set prefix", "{'ForAnyValue:Null':{'aws:TagKeys':'true'}}",
                        "Invalid Condition type : ForAnyValue:Null"),
                badCondition("operator names are case-sensitive", "{'stringequals':{'aws:username':'alice'}}",
                        "Invalid Condition type : stringequals"),
                badCondition("non-numeric Numeric value", "{'NumericLessThan':{'s3:max-keys':'ten'}}",
                        "Invalid value for NumericLessThan condition on s3:max-keys: \"ten\" is not a number"),
                badCondition("unparsable date", "{'DateGreaterThan':{'aws:CurrentTime':'next tuesday'}}",
                        "Invalid value for DateGreaterThan condition on aws:CurrentTime: \"next tuesday\" is not a date"
                                + " (use ISO 8601, e.g. 2026-01-01T00:00:00Z, or epoch seconds)"),
                badCondition("prefix too long", "{'IpAddress':{'aws:SourceIp':'10.0.0.0/33'}}",
                        "Invalid value for IpAddress condition on aws:SourceIp: \"10.0.0.0/33\" is not an IP address or CIDR block"),
                badCondition("octet too large", "{'NotIpAddress':{'aws:SourceIp':['10.0.0.0/8','300.1.1.1']}}",
                        "Invalid value for NotIpAddress condition on aws:SourceIp: \"300.1.1.1\" is not an IP address or CIDR block"),
                badCondition("a host name", "{'IpAddress':{'aws:SourceIp':'localhost'}}",
                        "Invalid value for IpAddress condition on aws:SourceIp: \"localhost\" is not an IP address or CIDR block"),
                badCondition("bad IPv6", "{'IpAddress':{'aws:SourceIp':'2001:db8:::1/64'}}",
                        "Invalid value for IpAddress condition on aws:SourceIp: \"2001:db8:::1/64\" is not an IP address or CIDR block"),
                badCondition("Null with a non-boolean", "{'Null':{'aws:username':'maybe'}}",
                        "Invalid value for Null condition on aws:username: \"maybe\" is not true or false"),
                badCondition("BinaryEquals with non-base64", "{'BinaryEquals':{'s3:x-amz-meta-token':'not base64!'}}",
                        "Invalid value for BinaryEquals condition on s3:x-amz-meta-token: \"not base64!\" is not base64"),
                badCondition("an object as value", "{'StringEquals':{'aws:username':{'a':'b'}}}",
                        "Invalid value for StringEquals condition on aws:username: values must be strings, numbers or booleans"),
                badCondition("no values", "{'StringEquals':{'aws:username':[]}}",
                        "Condition StringEquals on aws:username has no values"),
                badCondition("operator without keys object", "{'StringEquals':'alice'}",
                        "Condition StringEquals must be an object of condition keys"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPolicies")
    void refusesMalformedPolicies(String name, String policy, String message) {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class,
                () -> BucketPolicy.parse(json(policy), BUCKET));
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesNull() {
        assertEquals(PolicyReader.NOT_JSON,
                assertThrows(MalformedPolicyException.class, () -> BucketPolicy.parse(null, BUCKET)).getMessage());
    }

    @Test
    void refusesPoliciesOver20KilobytesOfContent() {
        String policy = policyWithSidOfLength(20 * 1024);
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class, () -> BucketPolicy.parse(policy, BUCKET));
        assertEquals("Policies must be less than 20 KB", e.getMessage());
    }

    @Test
    void acceptsAPolicyOfExactly20Kilobytes() {
        String small = policyWithSidOfLength(0);
        String policy = policyWithSidOfLength(20 * 1024 - small.length());
        assertEquals(20 * 1024, PolicyReader.significantUtf8Bytes(policy));
        assertEquals(1, BucketPolicy.parse(policy, BUCKET).statements().size());
        assertThrows(MalformedPolicyException.class,
                () -> BucketPolicy.parse(policyWithSidOfLength(20 * 1024 - small.length() + 1), BUCKET));
    }

    @Test
    void countsMultiByteCharactersAsUtf8() {
        // 'é' is 2 bytes in UTF-8: half as many characters reach the limit.
        String small = policyWithSidOfLength(0);
        int room = 20 * 1024 - small.length();
        String sid = "é".repeat(room / 2 + 1);
        String policy = small.replace("\"Sid\":\"\"", "\"Sid\":\"" + sid + "\"");
        assertThrows(MalformedPolicyException.class, () -> BucketPolicy.parse(policy, BUCKET));
    }

    @Test
    void indentationDoesNotCountTowardsTheLimit() {
        String small = policyWithSidOfLength(0);
        String policy = policyWithSidOfLength(20 * 1024 - small.length())
                .replace(",", ",\n        ").replace("{", "{\n    ");
        assertTrue(policy.length() > 20 * 1024);
        assertEquals(1, BucketPolicy.parse(policy, BUCKET).statements().size());
    }

    @Test
    void spacesInsideStringsCount() {
        assertEquals(7, PolicyReader.significantUtf8Bytes("{ \"a b\" }"));
        // The escaped quote keeps the string open, so its space counts: 9, not 8.
        assertEquals(9, PolicyReader.significantUtf8Bytes("{\"a\\\" b\"}"));
    }

    private static String policyWithSidOfLength(int length) {
        return json("{'Statement':[{'Sid':'" + "s".repeat(length) + "','Effect':'Allow','Principal':'*',"
                + "'Action':'s3:GetObject','Resource':'arn:aws:s3:::amzn-s3-demo-bucket/*'}]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "'arn:aws:s3:::amzn-s3-demo-bucket'",
        "'arn:aws:s3:::amzn-s3-demo-bucket/*'",
        "'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*'",
        "'arn:aws:s3:::amzn-s3-demo-*'",
        "'arn:aws:s3:::*'",
        "'arn:aws:s3:::*/public/*'",
        "'arn:aws:s3:::amzn-s3-demo-bucke?/*'",
        "'arn:aws:s3:::${aws:username}/*'",
        "'*'",
        "['arn:aws:s3:::amzn-s3-demo-bucket','arn:aws:s3:::amzn-s3-demo-bucket/*']"
    })
    void acceptsResourcesThatCanNameTheBucket(String resource) {
        BucketPolicy policy = BucketPolicy.parse(
                json(statement("'Effect':'Allow'," + PRINCIPAL + "," + ACTION + ",'Resource':" + resource)), BUCKET);
        assertEquals(1, policy.statements().size());
    }

    @Test
    void notResourceMayNameOtherBuckets() {
        BucketPolicy policy = BucketPolicy.parse(json(statement(
                "'Effect':'Deny'," + PRINCIPAL + "," + ACTION + ",'NotResource':'arn:aws:s3:::other/*'")), BUCKET);
        assertTrue(policy.statements().get(0).resource().negated());
        assertThrows(MalformedPolicyException.class, () -> BucketPolicy.parse(json(statement(
                "'Effect':'Deny'," + PRINCIPAL + "," + ACTION + ",'NotResource':'other/*'")), BUCKET));
    }

    @Test
    void readsTheModel() {
        BucketPolicy policy = BucketPolicy.parse(json("""
                {'Version':'2012-10-17','Id':'ExamplePolicy','Statement':{
                  'Sid':'Owners','Effect':'Deny',
                  'NotPrincipal':{'AWS':['arn:aws:iam::ghostbay:user/alice','arn:aws:iam::ghostbay:root'],
                                  'CanonicalUser':'%s'},
                  'NotAction':['s3:Get*','s3:List*'],
                  'Resource':'arn:aws:s3:::amzn-s3-demo-bucket/*',
                  'Condition':{'ForAllValues:StringLikeIfExists':{'aws:TagKeys':['a*',7,true]}}}}""".formatted("0f".repeat(32))),
                BUCKET);
        assertEquals("2012-10-17", policy.version());
        assertEquals("ExamplePolicy", policy.id());
        assertEquals(BUCKET, policy.bucketName());
        PolicyStatement statement = policy.statements().get(0);
        assertEquals("Owners", statement.sid());
        assertEquals(0, statement.index());
        assertEquals(Effect.DENY, statement.effect());
        assertTrue(statement.principal().negated());
        assertEquals(List.of(new PrincipalPattern.NamedUser("alice"), new PrincipalPattern.AnyUser(),
                new PrincipalPattern.CanonicalUser("0f".repeat(32))), statement.principal().patterns());
        assertTrue(statement.action().negated());
        assertEquals(2, statement.action().patterns().size());
        assertFalse(statement.resource().negated());
        PolicyCondition condition = statement.conditions().get(0);
        assertEquals(ConditionOperator.STRING_LIKE, condition.operator());
        assertEquals(PolicyCondition.SetOperator.FOR_ALL_VALUES, condition.setOperator());
        assertTrue(condition.ifExists());
        assertEquals("aws:TagKeys", condition.key());
        assertEquals(List.of("a*", "7", "true"), condition.values());
    }

    @Test
    void aPolicyWithoutVersionIs2008AndKeepsVariablesLiteral() {
        BucketPolicy policy = BucketPolicy.parse(json("{'Statement':[{'Effect':'Allow'," + PRINCIPAL + "," + ACTION + ","
                + "'Resource':'arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}'}]}"), BUCKET);
        assertEquals("2008-10-17", policy.version());
        assertNull(policy.id());
        assertFalse(policy.statements().get(0).resource().patterns().get(0).hasVariables());
    }

    @Test
    void principalFormsMapToGhostBayIdentities() {
        assertEquals(List.of(new PrincipalPattern.Everyone()), principals("'*'"));
        assertEquals(List.of(new PrincipalPattern.Everyone()), principals("{'AWS':'*'}"));
        assertEquals(List.of(new PrincipalPattern.AnyUser()), principals("{'AWS':'arn:aws:iam::ghostbay:root'}"));
        assertEquals(List.of(new PrincipalPattern.NamedUser("bob")), principals("{'AWS':'arn:aws:iam::ghostbay:user/bob'}"));
        assertInstanceOf(PrincipalPattern.CanonicalUser.class, principals("{'CanonicalUser':['" + "9".repeat(64) + "']}").get(0));
    }

    private static List<PrincipalPattern> principals(String principal) {
        return BucketPolicy.parse(json(statement("'Effect':'Allow','Principal':" + principal + "," + ACTION + "," + RESOURCE)), BUCKET)
                .statements().get(0).principal().patterns();
    }

    /** Policies from the AWS S3 user guide's bucket-policy examples, with GhostBay principals. */
    @ParameterizedTest
    @ValueSource(strings = {
        // Granting read-only permission to a public anonymous user
        """
        {"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*",
          "Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":["arn:aws:s3:::amzn-s3-demo-bucket/*"]}]}
        """,
        // Restricting access to specific IP addresses
        """
        {"Version":"2012-10-17","Id":"S3PolicyId1","Statement":[{"Sid":"IPAllow","Effect":"Deny","Principal":"*",
          "Action":"s3:*","Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"],
          "Condition":{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}
        """,
        // Allowing IPv4 and IPv6 addresses
        """
        {"Id":"PolicyId2","Version":"2012-10-17","Statement":[{"Sid":"AllowIPmix","Effect":"Allow","Principal":"*",
          "Action":"s3:*","Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"],
          "Condition":{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","2001:DB8:1234:5678::/64"]},
                       "NotIpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678:ABCD::/80"]}}}]}
        """,
        // Managing access based on HTTP or HTTPS requests
        """
        {"Version":"2012-10-17","Statement":[{"Sid":"RestrictToTLSRequestsOnly","Action":"s3:*","Effect":"Deny",
          "Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"],
          "Condition":{"Bool":{"aws:SecureTransport":"false"}},"Principal":"*"}]}
        """,
        // Managing access to a HTTP referer
        """
        {"Version":"2012-10-17","Id":"HTTP referer policy example","Statement":[{"Sid":"Allow only GET requests originating from www.example.com and example.com.",
          "Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:GetObjectVersion"],
          "Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*",
          "Condition":{"StringLike":{"aws:Referer":["http://www.example.com/*","http://example.com/*"]}}}]}
        """,
        // Requiring MFA
        """
        {"Version":"2012-10-17","Id":"123","Statement":[{"Sid":"","Effect":"Deny","Principal":"*","Action":"s3:*",
          "Resource":"arn:aws:s3:::amzn-s3-demo-bucket/taxdocuments/*",
          "Condition":{"Null":{"aws:MultiFactorAuthAge":true}}},
         {"Sid":"","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/taxdocuments/*",
          "Condition":{"NumericGreaterThan":{"aws:MultiFactorAuthAge":3600}}},
         {"Sid":"","Effect":"Allow","Principal":"*","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}]}
        """,
        // Granting cross-account permissions to upload objects while ensuring full control (ACL header)
        """
        {"Version":"2012-10-17","Statement":[{"Sid":"PolicyForAllowUploadWithACL","Effect":"Allow",
          "Principal":{"AWS":"arn:aws:iam::ghostbay:user/alice"},"Action":"s3:PutObject",
          "Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*",
          "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}}]}
        """,
        // Requiring server-side encryption
        """
        {"Version":"2012-10-17","Id":"PutObjPolicy","Statement":[{"Sid":"DenyObjectsThatAreNotSSEKMS",
          "Principal":"*","Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*",
          "Condition":{"Null":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"true"}}}]}
        """,
        // Managing user access to specific folders (home folders with policy variables)
        """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"AllowListingOfUserFolder","Action":["s3:ListBucket"],"Effect":"Allow",
           "Principal":{"AWS":"arn:aws:iam::ghostbay:root"},"Resource":["arn:aws:s3:::amzn-s3-demo-bucket"],
           "Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*","home/${aws:username}"]}}},
          {"Sid":"AllowAllS3ActionsInUserFolder","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::ghostbay:root"},
           "Action":["s3:*"],"Resource":["arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"]}]}
        """,
        // Limiting the max-keys of ListBucket; time-limited access; tag keys
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
           "Action":"s3:ListBucket","Resource":"arn:aws:s3:::amzn-s3-demo-bucket",
           "Condition":{"NumericLessThanEquals":{"s3:max-keys":"10"},
                        "DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"},
                        "DateLessThan":{"aws:CurrentTime":"2027-01-01"},
                        "ForAllValues:StringEquals":{"aws:TagKeys":["Department","Project"]}}}]}
        """
    })
    void acceptsAwsDocumentationExamples(String policy) {
        BucketPolicy parsed = BucketPolicy.parse(policy, BUCKET);
        assertFalse(parsed.statements().isEmpty());
    }

    // --- builders ---

    private static Arguments bad(String name, String policy, String message) {
        return Arguments.of(name, policy, message);
    }

    private static Arguments badPrincipal(String name, String principal) {
        return bad("principal: " + name,
                statement("'Effect':'Allow','Principal':" + principal + "," + ACTION + "," + RESOURCE),
                "Invalid principal in policy");
    }

    private static Arguments badAction(String name, String action) {
        return bad("action: " + name,
                statement("'Effect':'Allow'," + PRINCIPAL + ",'Action':" + action + "," + RESOURCE),
                "Policy has invalid action");
    }

    private static Arguments badResource(String name, String resource) {
        return bad("resource: " + name,
                statement("'Effect':'Allow'," + PRINCIPAL + "," + ACTION + ",'Resource':" + resource),
                "Policy has invalid resource");
    }

    private static Arguments badCondition(String name, String condition, String message) {
        return bad("condition: " + name,
                statement("'Effect':'Allow'," + PRINCIPAL + "," + ACTION + "," + RESOURCE + ",'Condition':" + condition),
                message);
    }

    private static String ok() {
        return "{'Effect':'Allow'," + PRINCIPAL + "," + ACTION + "," + RESOURCE + "}";
    }

    private static String statement(String fields) {
        return "{'Version':'2012-10-17','Statement':[{" + fields + "}]}";
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
