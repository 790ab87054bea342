package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class BucketIT extends S3TestBase {

    @Test
    void createHeadListDelete() {
        String b = randomBucketName();
        cleanupBuckets.add(b);
        s3.createBucket(r -> r.bucket(b));
        assertEquals(200, s3.headBucket(r -> r.bucket(b)).sdkHttpResponse().statusCode());

        List<String> names = s3.listBuckets().buckets().stream().map(Bucket::name).collect(Collectors.toList());
        assertTrue(names.contains(b), "ListBuckets " + names + " lacks " + b);
        assertTrue(names.contains(bucket), "ListBuckets " + names + " lacks " + bucket);
        s3.listBuckets().buckets().stream().filter(x -> x.name().equals(b))
                .forEach(x -> assertNotNull(x.creationDate(), "CreationDate"));

        assertEquals(204, s3.deleteBucket(r -> r.bucket(b)).sdkHttpResponse().statusCode());
        assertS3Error(404, null, () -> s3.headBucket(r -> r.bucket(b)));
        assertFalse(s3.listBuckets().buckets().stream().anyMatch(x -> x.name().equals(b)),
                "deleted bucket still listed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPPER", "a", "ab", "bad..name", "192.168.1.1", "-dash", "dash-", "under_score",
            "xn--punycode", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void invalidBucketNameIsRejected(String name) {
        // raw request: the SDK may refuse some of these names client-side
        RawResponse r = RawRequest.of("PUT", name, null).send();
        r.assertError(400, "InvalidBucketName");
        RawResponse head = RawRequest.of("HEAD", name, null).send();
        assertTrue(head.status >= 400, "HEAD of an invalid bucket name answered " + head);
    }

    @Test
    void recreateOwnBucketIsBucketAlreadyOwnedByYou() {
        S3Exception e = assertS3Error(409, "BucketAlreadyOwnedByYou", () -> s3.createBucket(r -> r.bucket(bucket)));
        assertNotNull(e.requestId(), "request id");
    }

    @Test
    void deleteNonEmptyBucketIsBucketNotEmpty() {
        put("k", "v");
        assertS3Error(409, "BucketNotEmpty", () -> s3.deleteBucket(r -> r.bucket(bucket)));
        assertEquals(200, s3.headBucket(r -> r.bucket(bucket)).sdkHttpResponse().statusCode());
        assertEquals("v", new String(get("k")));
    }

    @Test
    void missingBucketIsNoSuchBucket() {
        String missing = randomBucketName();
        S3Exception head = assertS3Error(404, null, () -> s3.headBucket(r -> r.bucket(missing)));
        assertTrue(head instanceof NoSuchBucketException, "HeadBucket 404 maps to NoSuchBucketException: " + head);
        assertS3Error(404, "NoSuchBucket", () -> s3.listObjectsV2(r -> r.bucket(missing)));
        assertS3Error(404, "NoSuchBucket", () -> s3.listObjects(r -> r.bucket(missing)));
        assertS3Error(404, "NoSuchBucket", () -> s3.deleteBucket(r -> r.bucket(missing)));
        assertS3Error(404, "NoSuchBucket", () -> s3.getObject(r -> r.bucket(missing).key("k")));

        RawResponse raw = RawRequest.of("GET", missing, null).query("list-type", "2").send();
        raw.assertError(404, "NoSuchBucket");
        RawResponse rawHead = RawRequest.of("HEAD", missing, null).sendSocket();
        assertEquals(404, rawHead.status, rawHead.describe());
        assertEquals(0, rawHead.body.length, "HEAD response has a body");
    }

    @Test
    void getBucketLocation() {
        GetBucketLocationResponse loc = s3.getBucketLocation(r -> r.bucket(bucket));
        String c = loc.locationConstraintAsString();
        // AWS answers an empty LocationConstraint for us-east-1
        assertTrue(c == null || c.isEmpty(), "LocationConstraint for us-east-1 should be empty, was " + c);
        assertS3Error(404, "NoSuchBucket", () -> s3.getBucketLocation(r -> r.bucket(randomBucketName())));
    }

    @Test
    void createBucketWithMismatchingLocationConstraintFails() {
        String b = randomBucketName();
        cleanupBuckets.add(b);
        S3Exception e = assertS3Error(400, null, () -> s3.createBucket(r -> r.bucket(b)
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))));
        String code = e.awsErrorDetails().errorCode();
        assertTrue("IllegalLocationConstraintException".equals(code) || "InvalidLocationConstraint".equals(code),
                "error code " + code);
        assertS3Error(404, null, () -> s3.headBucket(r -> r.bucket(b)));
    }

    @Test
    void createBucketWithoutLocationConstraintIsListedAndEmpty() {
        assertEquals(0, s3.listObjectsV2(r -> r.bucket(bucket)).keyCount());
    }
}
