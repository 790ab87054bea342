package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Empty objects (folder markers such as {@code photos/}) are stored without a blob file: everything a
 * client sees must be as for any other object (ETag of the empty MD5, checksums, Content-Length 0,
 * copies, overwrites in both directions, Range answered 416).
 */
class EmptyObjectIT extends S3TestBase {

    private static final String EMPTY_ETAG = "\"d41d8cd98f00b204e9800998ecf8427e\"";

    /** The blob files now, or null when the server's data directory is not on this machine (not checked then). */
    private Set<Path> blobFiles() throws IOException {
        Path dir = cfg.dataDir.resolve("blobs");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    @Test
    void anEmptyObjectBehavesLikeAnyOtherAndNeedsNoBlobFile() throws IOException {
        Set<Path> before = blobFiles();
        // the SDK's default upload: aws-chunked with a CRC32 trailer, around zero bytes of data
        assertEquals(EMPTY_ETAG, s3.putObject(r -> r.bucket(bucket).key("photos/"), RequestBody.empty()).eTag());
        assertEquals(EMPTY_ETAG, s3.putObject(r -> r.bucket(bucket).key("e").checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .contentType("text/plain"), RequestBody.fromBytes(new byte[0])).eTag());
        if (before != null) {
            // (the collector may delete older blobs meanwhile, so only new files count)
            Set<Path> added = new HashSet<>(blobFiles());
            added.removeAll(before);
            assertEquals(Set.of(), added, "an empty object creates no blob file");
        }

        assertArrayEquals(new byte[0], get("photos/"));
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key("e").checksumMode(ChecksumMode.ENABLED));
        assertEquals(0L, head.contentLength());
        assertEquals(EMPTY_ETAG, head.eTag());
        assertEquals("text/plain", head.contentType());
        // SHA-256 of nothing
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", head.checksumSHA256());
        assertS3Error(416, "InvalidRange", () -> s3.getObject(r -> r.bucket(bucket).key("e").range("bytes=0-0")));

        // copies of an empty object, and overwrites from empty to non-empty and back
        assertEquals(EMPTY_ETAG, s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("e").destinationBucket(bucket)
                .destinationKey("copy")).copyObjectResult().eTag());
        assertArrayEquals(new byte[0], get("copy"));
        byte[] data = randomBytes(3000);
        put("e", data);
        assertArrayEquals(data, get("e"));
        put("e", new byte[0]);
        assertArrayEquals(new byte[0], get("e"));
        assertEquals(0L, s3.headObject(r -> r.bucket(bucket).key("e")).contentLength());

        assertEquals(3, listAllKeys().size());
        s3.deleteObject(r -> r.bucket(bucket).key("photos/"));
        assertEquals(2, listAllKeys().size());
    }
}
