package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

class KeyEncodingIT extends S3TestBase {

    @ParameterizedTest
    @ValueSource(strings = {"a/../b", "a//b", "/leading", "trailing/", "with space", "plus+sign", "percent%41",
            "emoji\uD83D\uDE00", "a/./b", "..", ".", "q?x=1&y", "hash#frag", "semi;colon", "at@sign",
            "tilde~", "back\\slash", "quote\"'", "<xml>&amp;", "caf\u00e9/\u4e2d\u6587", "=equals", "comma,star*",
            "%2F-encoded-slash", "a b+c%20d"})
    void keyRoundTripsAndListsUnderItsExactName(String key) {
        byte[] data = ("content of " + key).getBytes(StandardCharsets.UTF_8);
        String etag = put(key, data).eTag();
        assertEquals(quotedMd5(data), etag);
        assertArrayEquals(data, get(key), "GET " + key);
        assertEquals(data.length, s3.headObject(r -> r.bucket(bucket).key(key)).contentLength());
        List<String> listed = listAllKeys();
        assertEquals(List.of(key), listed, "ListObjectsV2");
        assertEquals(List.of(key), s3.listObjects(r -> r.bucket(bucket)).contents().stream().map(S3Object::key)
                .collect(Collectors.toList()), "ListObjects v1");
        assertEquals(List.of(key), s3.listObjectsV2(r -> r.bucket(bucket).prefix(key)).contents().stream()
                .map(S3Object::key).collect(Collectors.toList()), "ListObjectsV2 prefix=key");

        // the raw signer encodes the path exactly once, as S3 canonicalises it
        RawResponse raw = RawRequest.of("GET", bucket, key).send();
        assertEquals(200, raw.status, raw.describe());
        assertArrayEquals(data, raw.body);

        String copy = key + "-copy";
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(copy));
        assertArrayEquals(data, get(copy), "copy of " + key);

        s3.deleteObject(r -> r.bucket(bucket).key(key));
        assertFalse(exists(key));
        assertTrue(exists(copy));
    }

    @Test
    void distinctKeysThatNormaliseAlikeStayDistinct() {
        List<String> ks = List.of("x/../y", "y", "x//y", "x/y", "./y");
        for (String k : ks) {
            put(k, k);
        }
        for (String k : ks) {
            assertEquals(k, new String(get(k), StandardCharsets.UTF_8), "content of " + k);
        }
        assertEquals(ks.stream().sorted().collect(Collectors.toList()), listAllKeys());
    }

    @Test
    void keyOf1024BytesIsAccepted() {
        String key = "k/" + "\u00e9".repeat(300) + "x".repeat(1024 - 2 - 600);
        assertEquals(1024, key.getBytes(StandardCharsets.UTF_8).length);
        byte[] data = randomBytes(10);
        put(key, data);
        assertArrayEquals(data, get(key));
        assertEquals(List.of(key), listAllKeys());
    }

    @Test
    void keyOf1025BytesIsKeyTooLong() {
        String key = "x".repeat(1025);
        assertS3Error(400, "KeyTooLongError", () -> s3.putObject(r -> r.bucket(bucket).key(key),
                RequestBody.fromString("x")));
        String multiByte = "\u00e9".repeat(512) + "x"; // 1025 bytes, 513 chars
        assertS3Error(400, "KeyTooLongError", () -> s3.putObject(r -> r.bucket(bucket).key(multiByte),
                RequestBody.fromString("x")));
        assertTrue(listAllKeys().isEmpty());
    }

    /**
     * AWS accepts control characters such as TAB in keys; Liberty's web container rejects an encoded
     * control character in the request URI (CWWWC0005I) before GhostBay sees the request. What GhostBay
     * guarantees: the request fails with 400 and nothing is stored. (README: known gaps.)
     */
    @Test
    void keysWithControlCharactersAreRefusedWithoutStoringAnything() {
        RawResponse put = RawRequest.of("PUT", bucket, "tab\tx").body("x").send();
        assertEquals(400, put.status, put.describe());
        assertEquals(List.of(), listAllKeys());
    }

    /**
     * Liberty decodes and canonicalises the request URI before it chooses an application
     * (WebContainer.handleRequest): a bad escape, an encoded control character, or dot segments that climb
     * above the root get its own HTML 400 (CWWWC0005I), which no error page, filter or server.xml setting can
     * replace (README: known gaps; AWS answers a bad escape with 400 InvalidURI). What GhostBay guarantees:
     * the request fails with 400 and nothing is stored.
     */
    @ParameterizedTest
    @ValueSource(strings = {"a%zz", "a%", "%", "a%00b", "a%7Fb", "..%2F..%2Fx", "../../x"})
    void malformedUrisAreRefusedByLibertyWithoutStoringAnything(String encodedKey) {
        RawResponse put = RawRequest.path("PUT", "/" + bucket + "/" + encodedKey).body("x").sendSocket();
        assertEquals(400, put.status, put.describe());
        assertNull(put.header("x-amz-request-id"), "reached GhostBay: " + put.describe());
        assertEquals(List.of(), listAllKeys());
    }
}
