package io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ObjectTagsTest {

    @Test
    void headerIsAUrlEncodedQueryString() {
        assertEquals(Map.of("project", "blue sky", "cost-centre", "a/b=c", "empty", ""),
                ObjectTags.parseHeader("project=blue%20sky&cost-centre=a%2Fb%3Dc&empty="));
        assertEquals(Map.of("k", "v w"), ObjectTags.parseHeader("k=v+w"));
        assertEquals(Map.of(), ObjectTags.parseHeader(null));
    }

    @Test
    void duplicateKeysAreInvalidTag() {
        assertEquals(S3ErrorCode.INVALID_TAG, assertThrows(S3Exception.class, () -> ObjectTags.parseHeader("a=1&a=2")).code());
    }

    @Test
    void limits() {
        Map<String, String> eleven = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("k" + i, "v");
        }
        assertEquals(S3ErrorCode.BAD_REQUEST, assertThrows(S3Exception.class, () -> ObjectTags.validate(eleven)).code());
        assertEquals(S3ErrorCode.INVALID_TAG, assertThrows(S3Exception.class, () -> ObjectTags.validate(Map.of("", "v"))).code());
        assertEquals(S3ErrorCode.INVALID_TAG, assertThrows(S3Exception.class,
                () -> ObjectTags.validate(Map.of("k".repeat(129), "v"))).code());
        assertEquals(S3ErrorCode.INVALID_TAG, assertThrows(S3Exception.class,
                () -> ObjectTags.validate(Map.of("k", "v".repeat(257)))).code());
        assertEquals(S3ErrorCode.INVALID_TAG, assertThrows(S3Exception.class, () -> ObjectTags.validate(Map.of("k", "<script>"))).code());
        ObjectTags.validate(Map.of("k".repeat(128), "v".repeat(256), "Ünïcödé 1:2/3@4+5=6-7_8.9", ""));
    }
}
