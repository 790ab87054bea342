package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replaced and deleted blobs are collected: their files disappear once the garbage grace period has
 * passed (the CI servers run with a 2 s grace and a 2 s collector interval), while the current
 * version's blob stays.
 */
class BlobCollectionIT extends S3TestBase {

    private Set<Path> blobFiles() throws IOException {
        Path dir = cfg.dataDir.resolve("blobs");
        if (!Files.exists(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    private Path newBlobAfter(Runnable write) throws IOException {
        Set<Path> before = blobFiles();
        write.run();
        Set<Path> added = new HashSet<>(blobFiles());
        added.removeAll(before);
        assertEquals(1, added.size(), "one new blob file per write: " + added);
        return added.iterator().next();
    }

    private static boolean waitUntilGone(Path file, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        return !Files.exists(file);
    }

    @Test
    void replacedAndDeletedBlobsAreCollectedAndTheCurrentOneIsKept() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(cfg.dataDir.resolve("blobs")), "the server's data directory is on this machine");
        // Over 128 KiB, so each version gets a blob file of its own (smaller ones go into packs: PackIT).
        byte[] one = randomBytes(200 * 1024);
        byte[] two = randomBytes(200 * 1024);
        Path first = newBlobAfter(() -> put("k", one));
        Path second = newBlobAfter(() -> put("k", two));
        assertTrue(waitUntilGone(first, 60_000), "the replaced blob is deleted after the grace period: " + first);
        assertTrue(Files.exists(second), "the current version's blob is kept");
        assertArrayEquals(two, s3.getObjectAsBytes(r -> r.bucket(bucket).key("k")).asByteArray());

        s3.deleteObject(r -> r.bucket(bucket).key("k"));
        assertTrue(waitUntilGone(second, 60_000), "a deleted object's blob is deleted after the grace period");
        assertFalse(exists("k"));
    }
}
