package io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket", "my.bucket.name", "a1b", "123"})
    void validBucketNames(String name) {
        assertTrue(BucketNames.isValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "UPPER", "bad..name", "-start", "end-", "192.168.1.1", "under_score", "xn--abc",
            "a.-b", "this-name-is-far-too-long-for-any-bucket-because-it-has-more-than-63-chars"})
    void invalidBucketNames(String name) {
        assertFalse(BucketNames.isValid(name));
        assertEquals(S3ErrorCode.INVALID_BUCKET_NAME, assertThrows(S3Exception.class, () -> BucketNames.requireValid(name)).code());
    }

    @Test
    void keysUpTo1024Utf8BytesAndNoNul() {
        assertEquals(1024, ObjectKeys.validate("b", "k".repeat(1024)).length);
        assertEquals(S3ErrorCode.KEY_TOO_LONG, assertThrows(S3Exception.class, () -> ObjectKeys.validate("b", "k".repeat(1025))).code());
        // 342 three-byte characters = 1026 bytes although only 342 chars
        assertEquals(S3ErrorCode.KEY_TOO_LONG, assertThrows(S3Exception.class, () -> ObjectKeys.validate("b", "\u20AC".repeat(342))).code());
        assertEquals(S3ErrorCode.INVALID_ARGUMENT, assertThrows(S3Exception.class, () -> ObjectKeys.validate("b", "a\0b")).code());
        assertArrayEquals("../x".getBytes(StandardCharsets.UTF_8), ObjectKeys.validate("b", "../x"));
    }

    @Test
    void utf8BinaryOrderDiffersFromJavaStringOrder() {
        byte[] privateUse = "\uE000".getBytes(StandardCharsets.UTF_8);
        byte[] emoji = "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        assertTrue(ObjectKeys.compare(privateUse, emoji) < 0, "UTF-8: U+E000 sorts before U+1F600");
        assertTrue("\uE000".compareTo("\uD83D\uDE00") > 0, "Java's UTF-16 order is the other way round");
    }

    @Test
    void prefixUpperBoundAndSuccessor() {
        assertArrayEquals(b("photos/20240"), ObjectKeys.prefixUpperBound(b("photos/2024/")));
        assertArrayEquals(new byte[] {'a', 0}, ObjectKeys.successor(b("a")));
        assertNull(ObjectKeys.prefixUpperBound(new byte[] {(byte) 0xff}));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rangesAsS3ParsesThem() {
        assertEquals(new ByteRange(0, 9, 100, true), ByteRange.parse("bytes=0-9", 100));
        assertEquals(new ByteRange(90, 99, 100, true), ByteRange.parse("bytes=90-", 100));
        assertEquals(new ByteRange(90, 99, 100, true), ByteRange.parse("bytes=-10", 100));
        assertEquals(new ByteRange(0, 99, 100, true), ByteRange.parse("bytes=-1000", 100));
        assertEquals(new ByteRange(50, 99, 100, true), ByteRange.parse("bytes=50-5000", 100));
        assertEquals("bytes 0-9/100", ByteRange.parse("bytes=0-9", 100).contentRange());
        assertFalse(ByteRange.parse("bytes=0-1,5-6", 100).partial(), "multi-range is ignored, as S3 does");
        assertFalse(ByteRange.parse("items=0-1", 100).partial());
        assertFalse(ByteRange.parse("bytes=9-1", 100).partial());
        assertFalse(ByteRange.parse(null, 100).partial());
        assertEquals(S3ErrorCode.INVALID_RANGE, assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=100-", 100)).code());
        assertEquals(S3ErrorCode.INVALID_RANGE, assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=-0", 100)).code());
        assertEquals(S3ErrorCode.INVALID_RANGE, assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=0-", 0)).code());
    }
}
