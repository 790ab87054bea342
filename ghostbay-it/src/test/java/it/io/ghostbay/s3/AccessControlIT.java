package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Who may do what, over HTTP with three principals: alice (owns the bucket), bob (another user) and
 * anonymous requests, through bucket policies as S3 evaluates them (explicit deny wins, owner
 * allowed, others only where a statement allows).
 */
class AccessControlIT extends ThreePrincipalsTestBase {
    private String shared;

    @BeforeEach
    void aliceCreatesABucket() {
        shared = randomBucketName();
        asAlice.createBucket(r -> r.bucket(shared));
        cleanupBuckets.add(shared);
        asAlice.putObject(r -> r.bucket(shared).key("docs/readme.txt"), RequestBody.fromString("hello"));
    }

    @AfterEach
    void removePolicies() {
        // The root key cleans up (an admin); a Deny statement left behind would stop it.
        s3.deleteBucketPolicy(r -> r.bucket(shared));
    }

    private void policy(String statements) {
        asAlice.putBucketPolicy(r -> r.bucket(shared).policy("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}"));
    }

    private String userArn(AdminApi.User u) {
        return "arn:aws:iam::ghostbay:user/" + u.userName();
    }

    @Test
    void withoutAPolicyOnlyTheOwnerGetsIn() {
        assertEquals("hello", asAlice.getObjectAsBytes(r -> r.bucket(shared).key("docs/readme.txt")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> asBob.getObject(r -> r.bucket(shared).key("docs/readme.txt")));
        assertS3Error(403, "AccessDenied", () -> asBob.putObject(r -> r.bucket(shared).key("x"), RequestBody.fromString("x")));
        assertS3Error(403, "AccessDenied", () -> asBob.listObjectsV2(r -> r.bucket(shared)));
        assertS3Error(403, "AccessDenied", () -> asBob.deleteObject(r -> r.bucket(shared).key("docs/readme.txt")));
        assertS3Error(403, "AccessDenied", () -> asBob.deleteBucket(r -> r.bucket(shared)));
        assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(shared).key("docs/readme.txt")));
        assertS3Error(403, "AccessDenied", () -> anonymous.listBuckets());
        // bob's own ListBuckets does not show alice's bucket
        assertFalse(asBob.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(shared)));
        assertTrue(asAlice.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(shared)));
        // nothing bob tried changed anything
        assertEquals(List.of("docs/readme.txt"), asAlice.listObjectsV2(r -> r.bucket(shared)).contents().stream()
                .map(o -> o.key()).toList());
    }

    @Test
    void aMissingKeyIs404OnlyForCallersWhoMayList() {
        policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + userArn(bob) + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + shared + "/*\"}");
        assertS3Error(404, "NoSuchKey", () -> asAlice.getObject(r -> r.bucket(shared).key("missing")));
        assertS3Error(403, "AccessDenied", () -> asBob.getObject(r -> r.bucket(shared).key("missing")));
    }

    @Test
    void aPolicyGrantsOneUserReadAccessAndNothingElse() {
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"BobReads\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":[\"" + userArn(bob) + "\"]},\"Action\":[\"s3:GetObject\"],"
                + "\"Resource\":[\"arn:aws:s3:::" + shared + "/docs/*\"]}]}";
        asAlice.putBucketPolicy(r -> r.bucket(shared).policy(document));
        assertEquals(document, asAlice.getBucketPolicy(r -> r.bucket(shared)).policy(), "GetBucketPolicy returns what was put");
        assertFalse(asAlice.getBucketPolicyStatus(r -> r.bucket(shared)).policyStatus().isPublic());

        assertEquals("hello", asBob.getObjectAsBytes(r -> r.bucket(shared).key("docs/readme.txt")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> asBob.putObject(r -> r.bucket(shared).key("docs/new"), RequestBody.fromString("x")));
        assertS3Error(403, "AccessDenied", () -> asBob.listObjectsV2(r -> r.bucket(shared)));
        assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(shared).key("docs/readme.txt")));
        // only the owner manages the policy
        assertS3Error(403, "AccessDenied", () -> asBob.getBucketPolicy(r -> r.bucket(shared)));
        assertS3Error(403, "AccessDenied", () -> asBob.deleteBucketPolicy(r -> r.bucket(shared)));
        assertS3Error(403, "AccessDenied", () -> asBob.putBucketPolicy(r -> r.bucket(shared).policy(document)));

        asAlice.deleteBucketPolicy(r -> r.bucket(shared));
        assertS3Error(404, "NoSuchBucketPolicy", () -> asAlice.getBucketPolicy(r -> r.bucket(shared)));
        assertS3Error(403, "AccessDenied", () -> asBob.getObject(r -> r.bucket(shared).key("docs/readme.txt")));
    }

    @Test
    void aPublicReadPolicyServesAnonymousGetsOnly() {
        policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + shared + "/*\"}");
        assertTrue(asAlice.getBucketPolicyStatus(r -> r.bucket(shared)).policyStatus().isPublic());
        assertEquals("hello", anonymous.getObjectAsBytes(r -> r.bucket(shared).key("docs/readme.txt")).asUtf8String());
        // a plain unsigned HTTP GET, as a browser sends it
        RawResponse raw = RawRequest.of("GET", shared, "docs/readme.txt").unsigned().send();
        assertEquals(200, raw.status);
        assertEquals("hello", raw.bodyText());
        assertS3Error(403, "AccessDenied", () -> anonymous.putObject(r -> r.bucket(shared).key("docs/readme.txt"),
                RequestBody.fromString("defaced")));
        assertS3Error(403, "AccessDenied", () -> anonymous.deleteObject(r -> r.bucket(shared).key("docs/readme.txt")));
        assertS3Error(403, "AccessDenied", () -> anonymous.listObjectsV2(r -> r.bucket(shared)));
        assertEquals("hello", asAlice.getObjectAsBytes(r -> r.bucket(shared).key("docs/readme.txt")).asUtf8String());
    }

    @Test
    void explicitDenyBeatsTheOwnerButNotOnThePolicyItself() {
        asAlice.putObject(r -> r.bucket(shared).key("protected/keep.txt"), RequestBody.fromString("keep"));
        policy("{\"Sid\":\"NoDeletes\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:DeleteObject\","
                + "\"Resource\":\"arn:aws:s3:::" + shared + "/protected/*\"}");
        assertS3Error(403, "AccessDenied", () -> asAlice.deleteObject(r -> r.bucket(shared).key("protected/keep.txt")));
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(r -> r.bucket(shared).key("protected/keep.txt")));
        asAlice.deleteObject(r -> r.bucket(shared).key("docs/readme.txt"));
        assertEquals("keep", asAlice.getObjectAsBytes(r -> r.bucket(shared).key("protected/keep.txt")).asUtf8String());
        // the owner can always remove the policy that locks her out
        policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::" + shared
                + "\",\"arn:aws:s3:::" + shared + "/*\"]}");
        assertS3Error(403, "AccessDenied", () -> asAlice.listObjectsV2(r -> r.bucket(shared)));
        asAlice.deleteBucketPolicy(r -> r.bucket(shared));
        assertEquals(1, asAlice.listObjectsV2(r -> r.bucket(shared)).keyCount());
    }

    @Test
    void conditionsOnPrefixAndTransport() {
        policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + userArn(bob) + "\"},\"Action\":\"s3:ListBucket\","
                + "\"Resource\":\"arn:aws:s3:::" + shared + "\",\"Condition\":{\"StringLike\":{\"s3:prefix\":\"docs/*\"}}}");
        assertEquals(1, asBob.listObjectsV2(r -> r.bucket(shared).prefix("docs/")).keyCount());
        assertS3Error(403, "AccessDenied", () -> asBob.listObjectsV2(r -> r.bucket(shared)));
        assertS3Error(403, "AccessDenied", () -> asBob.listObjectsV2(r -> r.bucket(shared).prefix("private/")));

        // Deny everything that does not come over TLS: these requests are plain HTTP.
        policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + shared + "/*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + shared
                + "/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}");
        assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(shared).key("docs/readme.txt")));
        assertS3Error(403, "AccessDenied", () -> asAlice.getObject(r -> r.bucket(shared).key("docs/readme.txt")));

        // Source address: the tests connect over loopback.
        policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + shared
                + "/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"127.0.0.0/8\",\"::1/128\"]}}}");
        assertEquals("hello", anonymous.getObjectAsBytes(r -> r.bucket(shared).key("docs/readme.txt")).asUtf8String());
        policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + shared
                + "/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}}");
        assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(shared).key("docs/readme.txt")));
    }

    @Test
    void deleteObjectsIsAuthorizedPerKey() {
        asAlice.putObject(r -> r.bucket(shared).key("bob/1"), RequestBody.fromString("1"));
        policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + userArn(bob) + "\"},\"Action\":\"s3:DeleteObject\","
                + "\"Resource\":\"arn:aws:s3:::" + shared + "/bob/*\"}");
        DeleteObjectsResponse response = asBob.deleteObjects(r -> r.bucket(shared).delete(Delete.builder().objects(
                ObjectIdentifier.builder().key("bob/1").build(), ObjectIdentifier.builder().key("docs/readme.txt").build()).build()));
        assertEquals(List.of("bob/1"), response.deleted().stream().map(d -> d.key()).toList());
        assertEquals(1, response.errors().size());
        assertEquals("docs/readme.txt", response.errors().get(0).key());
        assertEquals("AccessDenied", response.errors().get(0).code());
        assertEquals("hello", asAlice.getObjectAsBytes(r -> r.bucket(shared).key("docs/readme.txt")).asUtf8String());
    }

    @Test
    void malformedPoliciesAreRefusedAndChangeNothing() {
        String good = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + userArn(bob)
                + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + shared + "/*\"}]}";
        asAlice.putBucketPolicy(r -> r.bucket(shared).policy(good));
        for (String bad : List.of("not json", "[]", "{\"Version\":\"2012-10-17\"}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ec2:RunInstances\","
                        + "\"Resource\":\"arn:aws:s3:::" + shared + "/*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::some-other-bucket/*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::" + shared + "/*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::" + shared + "/*\",\"Condition\":{\"StringSortOf\":{\"s3:prefix\":\"a\"}}}]}")) {
            assertS3Error(400, "MalformedPolicy", () -> asAlice.putBucketPolicy(r -> r.bucket(shared).policy(bad)));
        }
        RawResponse raw = RawRequest.of("PUT", shared, null).query("policy", "").credentials(alice.accessKeyId(), alice.secretKey())
                .body("{\"Statement\": [".getBytes(StandardCharsets.UTF_8)).send();
        assertEquals(400, raw.status);
        assertEquals("MalformedPolicy", raw.xmlElement("Code"));
        assertEquals(good, asAlice.getBucketPolicy(r -> r.bucket(shared)).policy(), "the stored policy is unchanged");
    }
}
