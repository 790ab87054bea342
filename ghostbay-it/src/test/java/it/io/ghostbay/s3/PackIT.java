package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Small objects (up to 128 KiB) are stored in packs, shared append-only files, instead of a file each; larger ones
 * still get a blob file. A pack's file is deleted once no object points into it any more (after the garbage grace),
 * and never while one does.
 */
class PackIT extends S3TestBase {
    private static final int PACK_MAX = 128 * 1024;

    @BeforeEach
    void needsTheDataDirectory() {
        Assumptions.assumeTrue(Files.isDirectory(cfg.dataDir.resolve("blobs")), "the server's data directory is on this machine");
    }

    private Set<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(cfg.dataDir.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    @Test
    void smallObjectsGoIntoAPackAndLargerOnesIntoABlobFile() throws Exception {
        Set<Path> blobsBefore = blobFiles();
        byte[] small = randomBytes(5000);
        byte[] largest = randomBytes(PACK_MAX);
        put("small", small);
        put("largest-packed", largest);
        assertEquals(blobsBefore, blobFiles(), "objects of at most 128 KiB get no blob file");
        PackFiles.Location at = PackFiles.find(cfg.dataDir, small);
        assertNotNull(at, "the small body is in a pack");
        assertNotNull(PackFiles.find(cfg.dataDir, largest), "a 128 KiB body is in a pack");

        assertArrayEquals(small, get("small"));
        assertArrayEquals(largest, get("largest-packed"));
        byte[] range = s3.getObjectAsBytes(r -> r.bucket(bucket).key("small").range("bytes=1000-1999")).asByteArray();
        assertArrayEquals(Arrays.copyOfRange(small, 1000, 2000), range, "a range of a packed object");
        byte[] tail = s3.getObjectAsBytes(r -> r.bucket(bucket).key("largest-packed").range("bytes=-10")).asByteArray();
        assertArrayEquals(Arrays.copyOfRange(largest, PACK_MAX - 10, PACK_MAX), tail, "the last bytes, not the next object's");

        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("small").destinationBucket(bucket).destinationKey("copy"));
        assertArrayEquals(small, get("copy"), "a packed object is a copy source");

        byte[] large = randomBytes(PACK_MAX + 1);
        put("large", large);
        Set<Path> added = new HashSet<>(blobFiles());
        added.removeAll(blobsBefore);
        assertTrue(added.size() >= 1, "an object over 128 KiB gets a blob file of its own");
        assertArrayEquals(large, get("large"));
    }

    @Test
    void aPackIsDeletedOnlyOnceNoObjectPointsIntoIt() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("ghostbay.it.short-multipart-expiry", "false")),
                "the server under test has a garbage grace of seconds (CI configuration)");
        // The server starts a new pack when its current one is older than the grace (2 s here): wait that long, so
        // that this test's objects do not share a pack with objects of earlier tests.
        Thread.sleep(2500);
        // Most of the pack stays live, so that it is not compacted (that is the next test).
        byte[] kept = randomBytes(3000);
        byte[] replaced = randomBytes(1000);
        put("kept", kept);
        put("replaced", replaced);
        PackFiles.Location pack = PackFiles.find(cfg.dataDir, replaced);
        assertNotNull(pack);
        assertEquals(pack.pack(), PackFiles.find(cfg.dataDir, kept).pack(), "written together, stored together");

        put("replaced", randomBytes(10));
        s3.deleteObject(r -> r.bucket(bucket).key("replaced"));
        // Pack closing looks at packs twice the grace old, the collector runs every 2 s and the file goes after the
        // grace: well within 15 s a pack without objects is gone. This one still holds "kept".
        Thread.sleep(15_000);
        assertTrue(Files.exists(pack.pack()), "a pack is kept while an object points into it");
        assertArrayEquals(kept, get("kept"));
        assertFalse(exists("replaced"));

        s3.deleteObject(r -> r.bucket(bucket).key("kept"));
        long deadline = System.currentTimeMillis() + 60_000;
        while (Files.exists(pack.pack()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertFalse(Files.exists(pack.pack()), "the pack is deleted once nothing points into it: " + pack.pack());
    }

    @Test
    void aMostlyDeadPackIsCompactedAndItsLiveObjectsKept() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("ghostbay.it.short-multipart-expiry", "false")),
                "the server under test has a garbage grace of seconds (CI configuration)");
        Thread.sleep(2500); // a pack of this test's own (see above)
        byte[] live = randomBytes(3000);
        put("live", live);
        for (int i = 0; i < 10; i++) {
            put("dead-" + i, randomBytes(3000));
        }
        PackFiles.Location before = PackFiles.find(cfg.dataDir, live);
        assertNotNull(before);
        for (int i = 0; i < 10; i++) {
            final int n = i;
            s3.deleteObject(r -> r.bucket(bucket).key("dead-" + n));
        }
        // A tenth of the pack is live: the collector copies "live" to the current pack, repoints it, and the old
        // pack, then unused, is deleted after the grace.
        long deadline = System.currentTimeMillis() + 60_000;
        while (Files.exists(before.pack()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertFalse(Files.exists(before.pack()), "the sparse pack was compacted away: " + before.pack());
        assertArrayEquals(live, get("live"), "the live object survived the compaction");
        PackFiles.Location after = PackFiles.find(cfg.dataDir, live);
        assertNotNull(after, "the live object now lives in another pack");
        assertArrayEquals(java.util.Arrays.copyOfRange(live, 10, 20),
                s3.getObjectAsBytes(r -> r.bucket(bucket).key("live").range("bytes=10-19")).asByteArray());
    }
}
