package io.ghostbay.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessControlListTest {
    private static final String OWNER = "a".repeat(64);
    private static final String BUCKET_OWNER = "b".repeat(64);
    private static final String OTHER = "c".repeat(64);

    private static String caller(String who) {
        return switch (who) {
            case "owner" -> OWNER;
            case "bucketOwner" -> BUCKET_OWNER;
            case "other" -> OTHER;
            default -> null; // anonymous
        };
    }

    /** canned ACL | caller | action | object ACL? | ignore public | allowed */
    @ParameterizedTest(name = "{0}: {1} {2} on {3} (ignorePublic={4}) -> {5}")
    @CsvSource({
            "private, owner, s3:GetObject, object, false, true",
            "private, owner, s3:PutObjectAcl, object, false, true",
            "private, other, s3:GetObject, object, false, false",
            "private, anonymous, s3:GetObject, object, false, false",
            "private, bucketOwner, s3:GetObject, object, false, false",
            "public-read, anonymous, s3:GetObject, object, false, true",
            "public-read, anonymous, s3:GetObject, object, true, false",
            "public-read, other, s3:GetObject, object, false, true",
            "public-read, anonymous, s3:GetObjectAcl, object, false, false",
            "public-read, anonymous, s3:PutObjectAcl, object, false, false",
            "public-read, anonymous, s3:ListBucket, bucket, false, true",
            "public-read, anonymous, s3:PutObject, bucket, false, false",
            "public-read-write, anonymous, s3:PutObject, bucket, false, true",
            "public-read-write, anonymous, s3:DeleteObject, bucket, false, true",
            "public-read-write, anonymous, s3:PutObject, bucket, true, false",
            "public-read-write, anonymous, s3:PutBucketAcl, bucket, false, false",
            "authenticated-read, anonymous, s3:GetObject, object, false, false",
            "authenticated-read, other, s3:GetObject, object, false, true",
            "authenticated-read, other, s3:GetObject, object, true, false",
            "bucket-owner-read, bucketOwner, s3:GetObject, object, false, true",
            "bucket-owner-read, bucketOwner, s3:GetObjectAcl, object, false, false",
            "bucket-owner-read, other, s3:GetObject, object, false, false",
            "bucket-owner-full-control, bucketOwner, s3:GetObject, object, false, true",
            "bucket-owner-full-control, bucketOwner, s3:PutObjectAcl, object, false, true",
            "bucket-owner-full-control, other, s3:GetObjectAcl, object, false, false",
            "log-delivery-write, anonymous, s3:PutObject, bucket, false, false",
    })
    void cannedAcls(String canned, String who, String action, String on, boolean ignorePublic, boolean allowed) {
        AccessControlList acl = CannedAcl.fromHeader(canned).expand(OWNER, BUCKET_OWNER);
        assertEquals(allowed, acl.allows(caller(who), action, on.equals("object"), ignorePublic));
    }

    @Test
    void fullControlGrantsEveryPermissionButNothingElse() {
        AccessControlList acl = new AccessControlList(OWNER, List.of(new AclGrant(AclGrantee.user(OTHER), AclPermission.FULL_CONTROL)));
        for (String a : List.of("s3:ListBucket", "s3:PutObject", "s3:DeleteObject", "s3:GetBucketAcl", "s3:PutBucketAcl")) {
            assertTrue(acl.allows(OTHER, a, false, false), a);
        }
        for (String a : List.of("s3:GetObject", "s3:GetObjectAcl", "s3:PutObjectAcl")) {
            assertTrue(acl.allows(OTHER, a, true, false), a);
        }
        // ACLs never grant bucket administration beyond ACLs: policy, deletion, ownership stay with the owner
        for (String a : List.of("s3:DeleteBucket", "s3:PutBucketPolicy", "s3:PutBucketOwnershipControls")) {
            assertFalse(acl.allows(OTHER, a, false, false), a);
        }
    }

    @Test
    void writeOnAnObjectMeansNothing() {
        AccessControlList acl = new AccessControlList(OWNER, List.of(new AclGrant(AclGrantee.group(AclGrantee.ALL_USERS), AclPermission.WRITE)));
        assertFalse(acl.allows(null, "s3:GetObject", true, false));
        assertFalse(acl.allows(null, "s3:PutObjectAcl", true, false));
    }

    @Test
    void publicMeansAllUsersOrAuthenticatedUsers() {
        assertTrue(CannedAcl.PUBLIC_READ.expand(OWNER, OWNER).isPublic());
        assertTrue(CannedAcl.AUTHENTICATED_READ.expand(OWNER, OWNER).isPublic());
        assertFalse(CannedAcl.LOG_DELIVERY_WRITE.expand(OWNER, OWNER).isPublic());
        assertFalse(CannedAcl.BUCKET_OWNER_FULL_CONTROL.expand(OWNER, BUCKET_OWNER).isPublic());
    }

    @Test
    void bucketOwnerAclsAddNothingWhenTheOwnerIsTheBucketOwner() {
        assertEquals(AccessControlList.privateTo(OWNER), CannedAcl.BUCKET_OWNER_FULL_CONTROL.expand(OWNER, OWNER));
        assertEquals(2, CannedAcl.BUCKET_OWNER_FULL_CONTROL.expand(OWNER, BUCKET_OWNER).grants().size());
    }

    @Test
    void encodeDecodeRoundTrip() {
        AccessControlList acl = new AccessControlList(OWNER, List.of(
                new AclGrant(AclGrantee.user(OWNER), AclPermission.FULL_CONTROL),
                new AclGrant(AclGrantee.user(OTHER), AclPermission.READ_ACP),
                new AclGrant(AclGrantee.group(AclGrantee.ALL_USERS), AclPermission.READ)));
        assertEquals(acl, AccessControlList.decode(acl.encode()));
        assertEquals(AccessControlList.privateTo(OWNER), AccessControlList.decode(AccessControlList.privateTo(OWNER).encode()));
    }

    private static AclHeaders.Requested parse(Map<String, String> headers) {
        return AclHeaders.parse(name -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null));
    }

    @Test
    void grantHeaders() {
        AclHeaders.Requested r = parse(Map.of("x-amz-grant-read", "id=\"" + OTHER + "\", uri=\"" + AclGrantee.ALL_USERS + "\"",
                "x-amz-grant-write-acp", "id=" + BUCKET_OWNER));
        assertNull(r.canned());
        assertEquals(3, r.grants().size());
        assertTrue(r.grants().contains(new AclGrant(AclGrantee.user(OTHER), AclPermission.READ)));
        assertTrue(r.grants().contains(new AclGrant(AclGrantee.group(AclGrantee.ALL_USERS), AclPermission.READ)));
        assertTrue(r.grants().contains(new AclGrant(AclGrantee.user(BUCKET_OWNER), AclPermission.WRITE_ACP)));
        assertEquals(CannedAcl.PUBLIC_READ, parse(Map.of("x-amz-acl", "public-read")).canned());
        assertTrue(parse(Map.of()).isNone());
    }

    @Test
    void badAclHeaders() {
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of("x-amz-acl", "world-writable")));
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of("x-amz-acl", "private", "x-amz-grant-read", "id=" + OTHER)));
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of("x-amz-grant-read", "nonsense")));
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of("x-amz-grant-read", "colour=\"blue\"")));
        assertThrows(UnsupportedOperationException.class, () -> parse(Map.of("x-amz-grant-read", "emailAddress=\"a@b.c\"")));
    }
}
