package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What a crash leaves behind is collected: a blob file the catalog does not know (as after a crash between
 * promotion and commit) and a stale staging file (as after a crash mid-upload), once older than the orphan
 * grace period (30 s on the CI servers, sweep every 3 s). Stored objects are untouched.
 */
class OrphanCollectionIT extends S3TestBase {

    @Test
    void unreferencedBlobsAndStaleStagingFilesAreRemovedAndObjectsKept() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("ghostbay.it.short-multipart-expiry", "false")),
                "the server under test sweeps orphans after 30 s (CI configuration)");
        Path data = cfg.dataDir;
        Assumptions.assumeTrue(Files.isDirectory(data.resolve("blobs")), "the server's data directory is on this machine");
        byte[] content = randomBytes(10_000);
        put("kept", content);

        String id = UUID.randomUUID().toString().replace("-", "");
        Path orphan = data.resolve("blobs").resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, new byte[] {1, 2, 3});
        Path staging = data.resolve("staging").resolve(UUID.randomUUID().toString().replace("-", ""));
        Files.write(staging, new byte[] {4, 5, 6});
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(orphan, old);
        Files.setLastModifiedTime(staging, old);

        long deadline = System.currentTimeMillis() + 60_000;
        while ((Files.exists(orphan) || Files.exists(staging)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        assertTrue(!Files.exists(orphan), "the unreferenced blob was removed");
        assertTrue(!Files.exists(staging), "the stale staging file was removed");
        // Give the sweep time to look at the stored object's blob too (it is old enough after 30 s).
        Thread.sleep(35_000);
        assertArrayEquals(content, s3.getObjectAsBytes(r -> r.bucket(bucket).key("kept")).asByteArray(), "stored objects are kept");
    }
}
