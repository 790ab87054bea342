package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bit rot is detected and never served: a stored blob is damaged on disk; the scrubber (every 4 s on the
 * CI servers) finds it, GET then fails with InternalError instead of returning wrong bytes, readiness and
 * metrics report it, other objects are unaffected, and a new PUT of the key heals it.
 */
class ScrubberIT extends S3TestBase {

    private Set<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(cfg.dataDir.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    @BeforeEach
    void needsAFastScrubberAndTheDataDirectory() {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("ghostbay.it.short-multipart-expiry", "false")),
                "the server under test scrubs every few seconds (CI configuration)");
        Assumptions.assumeTrue(Files.isDirectory(cfg.dataDir.resolve("blobs")), "the server's data directory is on this machine");
    }

    @Test
    void aDamagedBlobIsDetectedAndNeverServed() throws Exception {
        byte[] healthy = randomBytes(2048);
        put("healthy", healthy);
        Set<Path> before = blobFiles();
        put("victim", randomBytes(200 * 1024)); // over 128 KiB: a blob file of its own
        Set<Path> added = new HashSet<>(blobFiles());
        added.removeAll(before);
        assertEquals(1, added.size(), added.toString());
        flipByte(added.iterator().next(), 100);
        assertDetectedAndHealed(healthy);
    }

    @Test
    void aDamagedObjectInAPackIsDetectedAndItsNeighboursStillServed() throws Exception {
        byte[] healthy = randomBytes(2048);
        put("healthy", healthy);
        byte[] victim = randomBytes(4096);
        put("victim", victim);
        PackFiles.Location at = PackFiles.find(cfg.dataDir, victim);
        assertNotNull(at, "a 4 KiB object is stored in a pack");
        flipByte(at.pack(), at.offset() + 100);
        assertDetectedAndHealed(healthy);
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 0xff);
        }
    }

    private void assertDetectedAndHealed(byte[] healthy) throws Exception {

        long deadline = System.currentTimeMillis() + 90_000;
        Integer status = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                s3.getObjectAsBytes(r -> r.bucket(bucket).key("victim"));
                Thread.sleep(1000);
            } catch (S3Exception e) {
                status = e.statusCode();
                if (status == 500 && "InternalError".equals(e.awsErrorDetails().errorCode())) {
                    break;
                }
                throw e;
            }
        }
        assertEquals(Integer.valueOf(500), status, "GET of the damaged object fails with InternalError once detected");
        assertArrayEquals(healthy, s3.getObjectAsBytes(r -> r.bucket(bucket).key("healthy")).asByteArray());

        HttpClient http = HttpClient.newHttpClient();
        String ready = http.send(HttpRequest.newBuilder(URI.create(cfg.endpoint + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(ready.matches("(?s).*\"corruptObjects\":[1-9].*"), ready);
        String metrics = http.send(HttpRequest.newBuilder(URI.create(cfg.endpoint + "/metrics?scope=application")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("ghostbay_scrub_corrupt_objects_total"), "corruption is counted in the metrics");

        byte[] fresh = randomBytes(4096);
        put("victim", fresh);
        assertArrayEquals(fresh, s3.getObjectAsBytes(r -> r.bucket(bucket).key("victim")).asByteArray(), "a new PUT heals the key");
    }
}
