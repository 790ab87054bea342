package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void aDamagedBlobIsDetectedAndNeverServed() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("ghostbay.it.short-multipart-expiry", "false")),
                "the server under test scrubs every few seconds (CI configuration)");
        Assumptions.assumeTrue(Files.isDirectory(cfg.dataDir.resolve("blobs")), "the server's data directory is on this machine");
        byte[] healthy = randomBytes(2048);
        put("healthy", healthy);
        Set<Path> before = blobFiles();
        put("victim", randomBytes(4096));
        Set<Path> added = new HashSet<>(blobFiles());
        added.removeAll(before);
        assertEquals(1, added.size(), added.toString());
        try (RandomAccessFile f = new RandomAccessFile(added.iterator().next().toFile(), "rw")) {
            f.seek(100);
            int b = f.read();
            f.seek(100);
            f.write(b ^ 0xff);
        }

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
