package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** The admin REST API's contract (docs/admin-api.md): who may call it, its answers and its errors. */
class AdminApiIT extends S3TestBase {

    private static String errorCode(RawResponse r) {
        return AdminApi.json(r).getJsonObject("error").getString("code");
    }

    @Test
    void onlyAdminUsersMayCallIt() {
        AdminApi.User dave = AdminApi.createUser("dave");
        try {
            RawResponse asDave = RawRequest.path("GET", AdminApi.ROOT + "/users").credentials(dave.accessKeyId(), dave.secretKey()).send();
            assertEquals(403, asDave.status);
            assertEquals("application/json", asDave.header("Content-Type"));
            assertEquals("AccessDenied", errorCode(asDave));
            RawResponse unsigned = RawRequest.path("GET", AdminApi.ROOT + "/users").unsigned().send();
            assertEquals(403, unsigned.status);
            RawResponse badSignature = RawRequest.path("GET", AdminApi.ROOT + "/users").tamperSignature().send();
            assertEquals(403, badSignature.status);
            assertEquals("SignatureDoesNotMatch", errorCode(badSignature));
        } finally {
            AdminApi.deleteUser(dave.userName());
        }
    }

    @Test
    void usersCanBeCreatedListedAndDeleted() {
        String name = "erin-" + Long.toHexString(System.nanoTime());
        JsonObject created = AdminApi.expect(201, "POST", "/users", "{\"userName\":\"" + name + "\"}");
        assertEquals(name, created.getString("userName"));
        assertEquals(64, created.getString("canonicalId").length());
        assertFalse(created.getBoolean("admin"));
        assertEquals("arn:aws:iam::ghostbay:user/" + name, created.getString("arn"));
        assertEquals("UserAlreadyExists", errorCode(AdminApi.call("POST", "/users", "{\"userName\":\"" + name + "\"}")));
        assertEquals(409, AdminApi.call("POST", "/users", "{\"userName\":\"" + name + "\"}").status);
        assertTrue(AdminApi.expect(200, "GET", "/users", null).getJsonArray("users").stream()
                .anyMatch(u -> u.asJsonObject().getString("userName").equals(name)));
        assertEquals(created, AdminApi.expect(200, "GET", "/users/" + name, null));
        AdminApi.expect(204, "DELETE", "/users/" + name, null);
        assertEquals("NoSuchUser", errorCode(AdminApi.call("GET", "/users/" + name, null)));
    }

    @Test
    void badRequestsGetJsonErrors() {
        assertEquals("InvalidArgument", errorCode(AdminApi.call("POST", "/users", "{\"userName\":\"has space\"}")));
        assertEquals("InvalidArgument", errorCode(AdminApi.call("POST", "/users", "{}")));
        assertEquals("MalformedJSON", errorCode(AdminApi.call("POST", "/users", "{\"userName\": ")));
        assertEquals("MalformedJSON", errorCode(AdminApi.call("POST", "/users", "{\"userName\": 42}")));
        RawResponse unknown = AdminApi.call("GET", "/no-such-thing", null);
        assertEquals(404, unknown.status);
        assertEquals("NotFound", errorCode(unknown));
        assertEquals("NoSuchAccessKey", errorCode(AdminApi.call("POST", "/keys/GBNOSUCHKEY/disable", null)));
    }

    @Test
    void bucketsCreatedForAUserBelongToThatUser() {
        AdminApi.User frank = AdminApi.createUser("frank");
        String name = randomBucketName();
        try {
            JsonObject b = AdminApi.expect(201, "POST", "/buckets", "{\"name\":\"" + name + "\",\"owner\":\"" + frank.userName() + "\"}");
            assertEquals(frank.userName(), b.getString("owner"));
            assertEquals(frank.canonicalId(), b.getString("ownerCanonicalId"));
            try (S3Client asFrank = newClient(c -> c.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(frank.accessKeyId(), frank.secretKey()))))) {
                assertTrue(asFrank.listBuckets().buckets().stream().anyMatch(x -> x.name().equals(name)));
                assertEquals(frank.canonicalId(), asFrank.listBuckets().owner().id());
            }
            assertEquals("UserHasBuckets", errorCode(AdminApi.call("DELETE", "/users/" + frank.userName(), null)));
            assertEquals("InvalidBucketName", errorCode(AdminApi.call("POST", "/buckets", "{\"name\":\"Not_Valid\"}")));
            assertTrue(AdminApi.expect(200, "GET", "/buckets", null).getJsonArray("buckets").stream()
                    .anyMatch(x -> x.asJsonObject().getString("name").equals(name)));
            AdminApi.expect(204, "DELETE", "/buckets/" + name, null);
            assertEquals("NoSuchBucket", errorCode(AdminApi.call("DELETE", "/buckets/" + name, null)));
        } finally {
            AdminApi.call("DELETE", "/buckets/" + name, null);
            AdminApi.deleteUser(frank.userName());
        }
    }

    @Test
    void theExplainerAnswersWithTheDecidingStatements() {
        AdminApi.User grace = AdminApi.createUser("grace");
        try {
            s3.putBucketPolicy(r -> r.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Sid\":\"GraceReads\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::ghostbay:user/" + grace.userName()
                    + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"},"
                    + "{\"Sid\":\"NoSecrets\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"
                    + bucket + "/secret/*\"}]}"));
            JsonObject allow = AdminApi.expect(200, "POST", "/policy/explain", "{\"bucket\":\"" + bucket + "\",\"principal\":\""
                    + grace.userName() + "\",\"action\":\"s3:GetObject\",\"key\":\"public/a.txt\"}");
            assertEquals("Allow", allow.getString("decision"));
            assertTrue(allow.getJsonArray("statements").getJsonObject(0).getBoolean("matched"));
            JsonObject deny = AdminApi.expect(200, "POST", "/policy/explain", "{\"bucket\":\"" + bucket + "\",\"principal\":\""
                    + grace.userName() + "\",\"action\":\"s3:GetObject\",\"key\":\"secret/a.txt\"}");
            assertEquals("ExplicitDeny", deny.getString("decision"));
            assertTrue(deny.getString("reason").contains("NoSecrets"), deny.getString("reason"));
            JsonObject anonymous = AdminApi.expect(200, "POST", "/policy/explain", "{\"bucket\":\"" + bucket
                    + "\",\"principal\":\"*\",\"action\":\"s3:GetObject\",\"key\":\"public/a.txt\"}");
            assertEquals("ImplicitDeny", anonymous.getString("decision"));
        } finally {
            s3.deleteBucketPolicy(r -> r.bucket(bucket));
            AdminApi.deleteUser(grace.userName());
        }
    }
}
