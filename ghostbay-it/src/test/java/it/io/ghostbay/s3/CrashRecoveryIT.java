package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Kills the server (SIGKILL) in the middle of an upload and between a multipart upload's parts and its
 * completion, restarts it, and checks what S3 users rely on: the old object is intact, nothing half-written
 * is visible, the upload can still be completed or aborted, and no staging leftover survives the restart.
 * Needs the test server's Liberty directory (system properties set by ghostbay-it/pom.xml).
 */
class CrashRecoveryIT extends S3TestBase {
    private static final int MIB = 1024 * 1024;

    private Path wlp;
    private String serverName;

    @BeforeEach
    void needsAServerThisTestMayKill() {
        String dir = System.getProperty("ghostbay.it.wlp-dir");
        serverName = System.getProperty("ghostbay.it.server-name");
        Assumptions.assumeTrue(dir != null && serverName != null, "only against the CI servers, which this test may restart");
        wlp = Path.of(dir);
    }

    private void killAndRestart() throws Exception {
        long pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/" + serverName + ".pid")).trim());
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("server process " + pid + " not found"));
        handle.destroyForcibly();
        handle.onExit().get();
        Process start = new ProcessBuilder(wlp.resolve("bin/server").toString(), "start", serverName).inheritIO().start();
        assertEquals(0, start.waitFor(), "server restart");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(cfg.endpoint + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("server not ready within 240 s after the restart");
    }

    private long stagingFiles() throws IOException {
        try (Stream<Path> files = Files.list(cfg.dataDir.resolve("staging"))) {
            return files.count();
        }
    }

    @Test
    void crashMidUploadLeavesTheOldObjectIntact() throws Exception {
        byte[] old = randomBytes(4096);
        put("k", old);
        RawRequest req = RawRequest.of("PUT", bucket, "k").payloadHash("UNSIGNED-PAYLOAD");
        Socket socket = RawRequest.openSocket();
        OutputStream out = socket.getOutputStream();
        out.write(req.head(40L * MIB, false));
        byte[] chunk = randomBytes(MIB);
        for (int i = 0; i < 8; i++) {
            out.write(chunk);
        }
        out.flush();
        Thread.sleep(1000); // the server is now streaming the body into a staging file
        assertTrue(stagingFiles() > 0, "the interrupted upload was being staged");

        killAndRestart();
        socket.close();

        assertArrayEquals(old, s3.getObjectAsBytes(r -> r.bucket(bucket).key("k")).asByteArray(), "old object intact");
        assertEquals(List.of("k"), s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(o -> o.key()).toList());
        assertEquals(0, stagingFiles(), "staging leftovers are removed at start-up");
    }

    @Test
    void acknowledgedSmallObjectsInAPackSurviveACrash() throws Exception {
        // Written concurrently, so that they share group commits and pack appends.
        int count = 32;
        byte[][] bodies = new byte[count][];
        java.util.List<java.util.concurrent.Future<?>> puts = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < count; i++) {
                bodies[i] = randomBytes(1000 + 97 * i);
                final int n = i;
                puts.add(pool.submit(() -> put("small-" + n, bodies[n])));
            }
            for (java.util.concurrent.Future<?> f : puts) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        put("small-0", bodies[1]); // a replaced packed object: the newest version counts

        killAndRestart();

        assertArrayEquals(bodies[1], s3.getObjectAsBytes(r -> r.bucket(bucket).key("small-0")).asByteArray());
        for (int i = 1; i < count; i++) {
            final int n = i;
            assertArrayEquals(bodies[n], s3.getObjectAsBytes(r -> r.bucket(bucket).key("small-" + n)).asByteArray(),
                    "small-" + n + " after the crash");
        }
        byte[] after = randomBytes(2000);
        put("after-restart", after);
        assertArrayEquals(after, s3.getObjectAsBytes(r -> r.bucket(bucket).key("after-restart")).asByteArray(),
                "the restarted server writes small objects again (into a new pack)");
    }

    @Test
    void multipartUploadsSurviveACrashAndCanBeCompletedOrAborted() throws Exception {
        byte[] p1 = randomBytes(5 * MIB);
        byte[] p2 = randomBytes(777);
        String completeMe = s3.createMultipartUpload(r -> r.bucket(bucket).key("mp")).uploadId();
        String e1 = s3.uploadPart(r -> r.bucket(bucket).key("mp").uploadId(completeMe).partNumber(1), RequestBody.fromBytes(p1)).eTag();
        String e2 = s3.uploadPart(r -> r.bucket(bucket).key("mp").uploadId(completeMe).partNumber(2), RequestBody.fromBytes(p2)).eTag();
        String abortMe = s3.createMultipartUpload(r -> r.bucket(bucket).key("gone")).uploadId();
        s3.uploadPart(r -> r.bucket(bucket).key("gone").uploadId(abortMe).partNumber(1), RequestBody.fromBytes(randomBytes(1000)));

        killAndRestart();

        s3.completeMultipartUpload(r -> r.bucket(bucket).key("mp").uploadId(completeMe).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
        byte[] whole = new byte[p1.length + p2.length];
        System.arraycopy(p1, 0, whole, 0, p1.length);
        System.arraycopy(p2, 0, whole, p1.length, p2.length);
        assertArrayEquals(whole, s3.getObjectAsBytes(r -> r.bucket(bucket).key("mp")).asByteArray());
        s3.abortMultipartUpload(r -> r.bucket(bucket).key("gone").uploadId(abortMe));
        assertS3Error(404, "NoSuchUpload", () -> s3.listParts(r -> r.bucket(bucket).key("gone").uploadId(abortMe)));
    }
}
