package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * ACLs as S3 applies them: disabled under BucketOwnerEnforced (the default), canned ACLs and grant
 * headers on buckets and objects, AccessControlPolicy documents, ObjectWriter ownership, and the
 * PublicAccessBlock settings; with alice (owner), bob and anonymous requests.
 */
class AclIT extends ThreePrincipalsTestBase {
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    /** A bucket of alice's with ACLs enabled (ObjectWriter). */
    private String aclBucket(BucketCannedACL acl) {
        String name = randomBucketName();
        asAlice.createBucket(r -> {
            r.bucket(name).objectOwnership(ObjectOwnership.OBJECT_WRITER);
            if (acl != null) {
                r.acl(acl);
            }
        });
        cleanupBuckets.add(name);
        return name;
    }

    @Test
    void aclsAreDisabledByDefault() {
        String b = randomBucketName();
        asAlice.createBucket(r -> r.bucket(b));
        cleanupBuckets.add(b);
        assertEquals(ObjectOwnership.BUCKET_OWNER_ENFORCED,
                asAlice.getBucketOwnershipControls(r -> r.bucket(b)).ownershipControls().rules().get(0).objectOwnership());
        var acl = asAlice.getBucketAcl(r -> r.bucket(b));
        assertEquals(alice.canonicalId(), acl.owner().id());
        assertEquals(alice.userName(), acl.owner().displayName());
        assertEquals(1, acl.grants().size());
        assertEquals(Permission.FULL_CONTROL, acl.grants().get(0).permission());
        assertS3Error(400, "AccessControlListNotSupported", () -> asAlice.putObject(r -> r.bucket(b).key("k")
                .acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")));
        assertS3Error(400, "AccessControlListNotSupported", () -> asAlice.putBucketAcl(r -> r.bucket(b).acl(BucketCannedACL.PUBLIC_READ)));
        asAlice.putObject(r -> r.bucket(b).key("k").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL), RequestBody.fromString("x"));
        assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(b).key("k")));
        assertS3Error(400, "InvalidBucketAclWithObjectOwnership", () -> asAlice.createBucket(r -> r.bucket(randomBucketName())
                .acl(BucketCannedACL.PUBLIC_READ)));
    }

    @Test
    void cannedObjectAclsAndPutObjectAcl() {
        String b = aclBucket(null);
        asAlice.putObject(r -> r.bucket(b).key("public.txt").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("hi"));
        asAlice.putObject(r -> r.bucket(b).key("private.txt"), RequestBody.fromString("secret"));
        assertEquals("hi", anonymous.getObjectAsBytes(r -> r.bucket(b).key("public.txt")).asUtf8String());
        assertEquals("hi", asBob.getObjectAsBytes(r -> r.bucket(b).key("public.txt")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(b).key("private.txt")));
        assertS3Error(403, "AccessDenied", () -> anonymous.listObjectsV2(r -> r.bucket(b)));
        assertS3Error(403, "AccessDenied", () -> anonymous.getObjectAcl(r -> r.bucket(b).key("public.txt")));

        GetObjectAclResponse acl = asAlice.getObjectAcl(r -> r.bucket(b).key("public.txt"));
        assertEquals(alice.canonicalId(), acl.owner().id());
        assertTrue(acl.grants().stream().anyMatch(g -> g.grantee().type() == Type.GROUP && ALL_USERS.equals(g.grantee().uri())
                && g.permission() == Permission.READ), acl.grants().toString());

        asAlice.putObjectAcl(r -> r.bucket(b).key("public.txt").acl(ObjectCannedACL.PRIVATE));
        assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(b).key("public.txt")));
        assertEquals("hi", asAlice.getObjectAsBytes(r -> r.bucket(b).key("public.txt")).asUtf8String(), "data untouched");
    }

    @Test
    void grantHeadersAndAccessControlPolicyDocuments() {
        String b = aclBucket(null);
        asAlice.putObject(r -> r.bucket(b).key("for-bob.txt").grantRead("id=\"" + bob.canonicalId() + "\""), RequestBody.fromString("bob"));
        assertEquals("bob", asBob.getObjectAsBytes(r -> r.bucket(b).key("for-bob.txt")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> asBob.getObjectAcl(r -> r.bucket(b).key("for-bob.txt")));
        assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(b).key("for-bob.txt")));

        // bucket ACL as a document: WRITE for bob
        asAlice.putBucketAcl(r -> r.bucket(b).accessControlPolicy(AccessControlPolicy.builder()
                .owner(Owner.builder().id(alice.canonicalId()).build())
                .grants(Grant.builder().grantee(Grantee.builder().type(Type.CANONICAL_USER).id(alice.canonicalId()).build())
                                .permission(Permission.FULL_CONTROL).build(),
                        Grant.builder().grantee(Grantee.builder().type(Type.CANONICAL_USER).id(bob.canonicalId()).build())
                                .permission(Permission.WRITE).build()).build()));
        assertTrue(asAlice.getBucketAcl(r -> r.bucket(b)).grants().stream()
                .anyMatch(g -> bob.canonicalId().equals(g.grantee().id()) && g.permission() == Permission.WRITE));
        // ObjectWriter: bob owns what he writes, and can read it back; alice (bucket owner) keeps access too
        asBob.putObject(r -> r.bucket(b).key("from-bob.txt"), RequestBody.fromString("written by bob"));
        assertEquals(bob.canonicalId(), asBob.getObjectAcl(r -> r.bucket(b).key("from-bob.txt")).owner().id());
        assertEquals("written by bob", asBob.getObjectAsBytes(r -> r.bucket(b).key("from-bob.txt")).asUtf8String());
        assertEquals("written by bob", asAlice.getObjectAsBytes(r -> r.bucket(b).key("from-bob.txt")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> asBob.listObjectsV2(r -> r.bucket(b)));
        assertS3Error(403, "AccessDenied", () -> asBob.getBucketAcl(r -> r.bucket(b)));
        // a multipart upload bob starts is listed with bob as its initiator
        String uploadId = asBob.createMultipartUpload(r -> r.bucket(b).key("big")).uploadId();
        var upload = asAlice.listMultipartUploads(r -> r.bucket(b)).uploads().get(0);
        assertEquals(uploadId, upload.uploadId());
        assertEquals(bob.canonicalId(), upload.initiator().id());
        assertEquals(bob.userName(), upload.initiator().displayName());
        asBob.abortMultipartUpload(r -> r.bucket(b).key("big").uploadId(uploadId));

        // unknown grantees and malformed documents change nothing
        assertS3Error(400, "InvalidArgument", () -> asAlice.putObject(r -> r.bucket(b).key("x").grantRead("id=\"" + "f".repeat(64) + "\""),
                RequestBody.fromString("x")));
        RawResponse malformed = RawRequest.of("PUT", b, null).query("acl", "").credentials(alice.accessKeyId(), alice.secretKey())
                .body("<AccessControlPolicy><AccessControlList><Grant><Permission>READ</Permission></Grant></AccessControlList>"
                        + "</AccessControlPolicy>").send();
        assertEquals(400, malformed.status);
        assertEquals("MalformedACLError", malformed.xmlElement("Code"));
        assertTrue(asAlice.getBucketAcl(r -> r.bucket(b)).grants().stream().anyMatch(g -> bob.canonicalId().equals(g.grantee().id())));
        assertS3Error(404, "NoSuchKey", () -> asAlice.getObjectAcl(r -> r.bucket(b).key("x")));
    }

    @Test
    void publicBucketAclLetsAnonymousList() {
        String b = aclBucket(BucketCannedACL.PUBLIC_READ);
        asAlice.putObject(r -> r.bucket(b).key("listed"), RequestBody.fromString("x"));
        assertEquals(List.of("listed"), anonymous.listObjectsV2(r -> r.bucket(b)).contents().stream().map(o -> o.key()).toList());
        assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(b).key("listed")));
        assertS3Error(403, "AccessDenied", () -> anonymous.putObject(r -> r.bucket(b).key("intruder"), RequestBody.fromString("x")));
    }

    @Test
    void publicAccessBlockSettings() {
        String b = aclBucket(null);
        assertS3Error(404, "NoSuchPublicAccessBlockConfiguration", () -> asAlice.getPublicAccessBlock(r -> r.bucket(b)));
        asAlice.putObject(r -> r.bucket(b).key("public.txt").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("hi"));
        assertEquals("hi", anonymous.getObjectAsBytes(r -> r.bucket(b).key("public.txt")).asUtf8String());

        asAlice.putPublicAccessBlock(r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.ignorePublicAcls(true)));
        var stored = asAlice.getPublicAccessBlock(r -> r.bucket(b)).publicAccessBlockConfiguration();
        assertTrue(stored.ignorePublicAcls());
        assertEquals(false, stored.blockPublicAcls());
        assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(b).key("public.txt")));

        asAlice.putPublicAccessBlock(r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true).blockPublicPolicy(true)));
        assertS3Error(403, "AccessDenied", () -> asAlice.putObject(r -> r.bucket(b).key("more.txt").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")));
        assertS3Error(403, "AccessDenied", () -> asAlice.putObjectAcl(r -> r.bucket(b).key("public.txt").acl(ObjectCannedACL.PUBLIC_READ_WRITE)));
        String publicPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + b + "/*\"}]}";
        assertS3Error(403, "AccessDenied", () -> asAlice.putBucketPolicy(r -> r.bucket(b).policy(publicPolicy)));
        // the old public ACL counts again once IgnorePublicAcls is off
        assertEquals("hi", anonymous.getObjectAsBytes(r -> r.bucket(b).key("public.txt")).asUtf8String());

        asAlice.putPublicAccessBlock(r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
        asAlice.putBucketPolicy(r -> r.bucket(b).policy(publicPolicy));
        asAlice.putObjectAcl(r -> r.bucket(b).key("public.txt").acl(ObjectCannedACL.PRIVATE));
        assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(b).key("public.txt")));
        asAlice.deletePublicAccessBlock(r -> r.bucket(b));
        assertEquals("hi", anonymous.getObjectAsBytes(r -> r.bucket(b).key("public.txt")).asUtf8String(), "the public policy applies again");
        asAlice.deleteBucketPolicy(r -> r.bucket(b));
    }

    @Test
    void ownershipControls() {
        String b = aclBucket(null);
        assertEquals(ObjectOwnership.OBJECT_WRITER,
                asAlice.getBucketOwnershipControls(r -> r.bucket(b)).ownershipControls().rules().get(0).objectOwnership());
        asAlice.putBucketAcl(r -> r.bucket(b).acl(BucketCannedACL.PUBLIC_READ));
        assertS3Error(400, "InvalidBucketAclWithObjectOwnership", () -> asAlice.putBucketOwnershipControls(r -> r.bucket(b)
                .ownershipControls(c -> c.rules(x -> x.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)))));
        asAlice.putBucketAcl(r -> r.bucket(b).acl(BucketCannedACL.PRIVATE));
        asAlice.putBucketOwnershipControls(r -> r.bucket(b).ownershipControls(c -> c.rules(x -> x.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
        assertS3Error(400, "AccessControlListNotSupported", () -> asAlice.putObject(r -> r.bucket(b).key("k").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")));
        asAlice.deleteBucketOwnershipControls(r -> r.bucket(b));
        assertS3Error(404, "OwnershipControlsNotFoundError", () -> asAlice.getBucketOwnershipControls(r -> r.bucket(b)));
        asAlice.putObject(r -> r.bucket(b).key("k").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x"));
        assertEquals("x", anonymous.getObjectAsBytes(r -> r.bucket(b).key("k")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> asBob.putBucketOwnershipControls(r -> r.bucket(b)
                .ownershipControls(c -> c.rules(x -> x.objectOwnership(ObjectOwnership.OBJECT_WRITER)))));
    }
}
