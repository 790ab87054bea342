package io.ghostbay.web.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressingTest {

    @Test
    void splitsRawPathsAndDecodesOnce() {
        assertArrayEquals(new String[] {null, null}, S3Paths.split("/"));
        assertArrayEquals(new String[] {"b", null}, S3Paths.split("/b"));
        assertArrayEquals(new String[] {"b", null}, S3Paths.split("/b/"));
        assertArrayEquals(new String[] {"b", "a/../b"}, S3Paths.split("/b/a/../b"));
        assertArrayEquals(new String[] {"b", "/lead//x/"}, S3Paths.split("/b//lead//x/"));
        assertArrayEquals(new String[] {"b", "plus+sign"}, S3Paths.split("/b/plus+sign"));
        assertArrayEquals(new String[] {"b", "with space"}, S3Paths.split("/b/with%20space"));
        assertArrayEquals(new String[] {"b", "percent%41"}, S3Paths.split("/b/percent%2541"));
        assertArrayEquals(new String[] {"b", "emoji\uD83D\uDE00"}, S3Paths.split("/b/emoji%F0%9F%98%80"));
    }

    @Test
    void virtualHostBucketComesFromTheHostUnderTheDomain() {
        Optional<String> domain = Optional.of("s3.example.com");
        assertEquals(Optional.of("photos"), VirtualHostResolver.bucketFromHost("photos.s3.example.com", domain));
        assertEquals(Optional.of("photos"), VirtualHostResolver.bucketFromHost("Photos.S3.example.com:9000", domain));
        assertEquals(Optional.of("my.dotted.bucket"), VirtualHostResolver.bucketFromHost("my.dotted.bucket.s3.example.com", domain));
        assertEquals(Optional.empty(), VirtualHostResolver.bucketFromHost("s3.example.com", domain));
        assertEquals(Optional.empty(), VirtualHostResolver.bucketFromHost("127.0.0.1:9000", domain));
        assertEquals(Optional.empty(), VirtualHostResolver.bucketFromHost("[::1]:9000", domain));
        assertEquals(Optional.empty(), VirtualHostResolver.bucketFromHost("photos.s3.example.com", Optional.empty()));
    }
}
