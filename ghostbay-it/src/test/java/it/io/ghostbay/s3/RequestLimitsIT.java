package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Request limits over HTTP (docs/operations.md, "Limits"): a key's request rate and its requests in
 * flight, set per key with the admin API, answered with 503 SlowDown and Retry-After before any body
 * is read; other keys unaffected; user metadata over 2 KB; an XML document over the cap; a stalled
 * upload cut off after the server's read timeout (only when the server runs with a short one: set
 * {@code ghostbay.it.read-timeout-seconds} to it).
 *
 * <p>Raw requests are used where the SDK would retry a SlowDown by itself and hide it.
 */
class RequestLimitsIT extends S3TestBase {
    /** The server's ghostbay.limits.xml-body-bytes (the default unless the run says otherwise). */
    private static final int XML_BODY_BYTES = Integer.getInteger("ghostbay.it.xml-body-bytes", 8 * 1024 * 1024);

    private AdminApi.User dave;
    private String daveBucket;

    @AfterEach
    void deleteDave() {
        if (dave == null) {
            return;
        }
        if (daveBucket != null) {
            try {
                emptyAndDelete(daveBucket);
            } catch (RuntimeException e) {
                System.err.println("cleanup of bucket " + daveBucket + " failed: " + e);
            }
        }
        AdminApi.deleteUser(dave.userName());
    }

    private S3Client daveClient() {
        return newClient(b -> b.credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(dave.accessKeyId(), dave.secretKey()))));
    }

    private JsonObject setLimits(String json) {
        return AdminApi.expect(200, "PUT", "/keys/" + dave.accessKeyId() + "/limits", json);
    }

    /** ListBuckets signed with dave's key: cheap, allowed to every user, never retried. */
    private RawResponse daveListBuckets() {
        return RawRequest.path("GET", "/").credentials(dave.accessKeyId(), dave.secretKey()).send();
    }

    private static void assertSlowDown(RawResponse r) {
        r.assertError(503, "SlowDown");
        String retryAfter = r.header("Retry-After");
        assertNotNull(retryAfter, "Retry-After missing; " + r.describe());
        assertTrue(Long.parseLong(retryAfter) >= 1, "Retry-After " + retryAfter);
    }

    /**
     * Repeats {@code call} while it answers 503 SlowDown, for at most 15 s: the permit of a request is
     * given back just after its last byte has left the server, a moment after the client has it.
     */
    private static RawResponse once503Clears(Supplier<RawResponse> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            RawResponse r = call.get();
            if (r.status != 503 || System.nanoTime() > deadline) {
                return r;
            }
            RawRequest.sleep(100);
        }
    }

    // ---- the admin API side ----

    @Test
    void limitsAreSetShownAndClearedThroughTheAdminApi() {
        dave = AdminApi.createUser("dave");
        JsonObject fresh = AdminApi.expect(200, "GET", "/keys/" + dave.accessKeyId(), null);
        assertEquals(0, fresh.getJsonObject("limits").size(), "no overrides on a new key: " + fresh);

        JsonObject set = setLimits("{\"requestsPerSecond\": 5, \"burst\": 10, \"maxConcurrent\": 2}");
        assertEquals(5, set.getJsonObject("limits").getInt("requestsPerSecond"));
        assertEquals(10, set.getJsonObject("limits").getInt("burst"));
        assertEquals(2, set.getJsonObject("limits").getInt("maxConcurrent"));
        assertEquals(set.getJsonObject("limits"),
                AdminApi.expect(200, "GET", "/keys/" + dave.accessKeyId(), null).getJsonObject("limits"));

        // an absent field stays, null clears
        JsonObject cleared = setLimits("{\"burst\": null}");
        assertEquals(Map.of("requestsPerSecond", 5, "maxConcurrent", 2), Map.of(
                "requestsPerSecond", cleared.getJsonObject("limits").getInt("requestsPerSecond"),
                "maxConcurrent", cleared.getJsonObject("limits").getInt("maxConcurrent")));
        assertFalse(cleared.getJsonObject("limits").containsKey("burst"), cleared.toString());

        AdminApi.expect(400, "PUT", "/keys/" + dave.accessKeyId() + "/limits", "{\"requestsPerSecond\": -1}");
        AdminApi.expect(400, "PUT", "/keys/" + dave.accessKeyId() + "/limits", "{\"burst\": 0}");
        AdminApi.expect(400, "PUT", "/keys/" + dave.accessKeyId() + "/limits", "{\"rate\": 5}");
        AdminApi.expect(400, "PUT", "/keys/" + dave.accessKeyId() + "/limits", "{\"maxConcurrent\": \"two\"}");
        AdminApi.expect(404, "PUT", "/keys/GBNOSUCHKEY000000000/limits", "{\"burst\": 1}");
        // nothing was changed by the refused calls
        assertEquals(5, AdminApi.expect(200, "GET", "/keys/" + dave.accessKeyId(), null).getJsonObject("limits")
                .getInt("requestsPerSecond"));
    }

    // ---- request rate ----

    @Test
    void aKeyOverItsRateGetsSlowDownWithRetryAfterOthersDoNotAndItRecovers() {
        dave = AdminApi.createUser("dave");
        assertEquals(200, daveListBuckets().status);
        setLimits("{\"requestsPerSecond\": 2, \"burst\": 2}");

        // The burst of 2 goes through; at 2 per second, one of the next few requests must be refused.
        List<Integer> statuses = new ArrayList<>();
        RawResponse refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            RawResponse r = daveListBuckets();
            statuses.add(r.status);
            if (r.status == 503) {
                refused = r;
            } else {
                assertEquals(200, r.status, r.describe());
            }
        }
        assertNotNull(refused, "no SlowDown in " + statuses);
        assertTrue(statuses.size() >= 3, "the burst of 2 was allowed first: " + statuses);
        assertSlowDown(refused);

        // another key (the test's root key) is not slowed down by dave's limit
        assertEquals(200, RawRequest.path("GET", "/").send().status);

        // after Retry-After the key works again
        RawRequest.sleep(Long.parseLong(refused.header("Retry-After")) * 1000 + 200);
        RawResponse again = daveListBuckets();
        assertEquals(200, again.status, again.describe());
    }

    @Test
    void aChangedOverrideAppliesToTheKeysNextRequest() {
        dave = AdminApi.createUser("dave");
        setLimits("{\"requestsPerSecond\": 1, \"burst\": 1}");
        RawResponse r = null;
        for (int i = 0; i < 20; i++) {
            r = daveListBuckets();
            if (r.status == 503) {
                break;
            }
        }
        assertSlowDown(r);
        // Lift the limit for this key only (0 = unlimited), then back to the server's default (null).
        setLimits("{\"requestsPerSecond\": 0}");
        for (int i = 0; i < 10; i++) {
            assertEquals(200, daveListBuckets().status);
        }
        setLimits("{\"requestsPerSecond\": null, \"burst\": null}");
        assertEquals(200, daveListBuckets().status);
    }

    // ---- requests in flight ----

    @Test
    void withOneRequestInFlightAllowedASecondGetsSlowDownUntilTheFirstIsDone() throws Exception {
        dave = AdminApi.createUser("dave");
        daveBucket = randomBucketName();
        byte[] big = randomBytes(16 * 1024 * 1024);
        try (S3Client c = daveClient()) {
            c.createBucket(b -> b.bucket(daveBucket));
            c.putObject(b -> b.bucket(daveBucket).key("big"), RequestBody.fromBytes(big));
        }
        setLimits("{\"maxConcurrent\": 1}");

        // 1. An upload in flight (its body trickles in) holds the key's only place.
        byte[] body = randomBytes(1000);
        RawRequest upload = RawRequest.of("PUT", daveBucket, "slow").credentials(dave.accessKeyId(), dave.secretKey())
                .payloadHash("UNSIGNED-PAYLOAD");
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (Socket s = RawRequest.openSocket()) {
            OutputStream out = s.getOutputStream();
            int[] sent = {0};
            synchronized (sent) {
                out.write(upload.head((long) body.length, true));
                out.write(body, 0, 10);
                out.flush();
                sent[0] = 10;
            }
            // one byte every half second keeps the upload alive whatever the server's read timeout
            trickle.scheduleAtFixedRate(() -> {
                synchronized (sent) {
                    try {
                        if (sent[0] < body.length - 1) {
                            out.write(body[sent[0]]);
                            out.flush();
                            sent[0]++;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, 500, 500, TimeUnit.MILLISECONDS);
            RawRequest.sleep(1000); // let the server admit the upload before anything else of dave's

            // 2. Meanwhile another request of the same key is refused, before its body is sent.
            RawResponse second = eventuallyRefused(this::daveListBuckets);
            assertSlowDown(second);
            assertSlowDownBeforeTheBody(RawRequest.of("PUT", daveBucket, "second")
                    .credentials(dave.accessKeyId(), dave.secretKey()).payloadHash("UNSIGNED-PAYLOAD")
                    .header("Expect", "100-continue"));
            assertEquals(0, s.getInputStream().available(), "the upload itself got an answer already");

            // 3. Other keys are not affected.
            assertEquals(200, RawRequest.path("GET", "/").send().status);

            // 4. The upload completes; then the key may send again.
            trickle.shutdownNow();
            trickle.awaitTermination(5, TimeUnit.SECONDS);
            synchronized (sent) {
                out.write(body, sent[0], body.length - sent[0]);
                out.flush();
            }
            s.setSoTimeout(60_000);
            RawResponse done = RawRequest.readResponse(s.getInputStream(), false, true);
            assertEquals(200, done.status, done.describe());
            assertEquals(quotedMd5(body), done.header("ETag"));
        } finally {
            trickle.shutdownNow();
        }
        RawResponse after = once503Clears(this::daveListBuckets);
        assertEquals(200, after.status, after.describe());

        // 5. A download holds the place until its last byte is written, not just until it starts.
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(16 * 1024); // the server cannot hand 16 MiB to the kernel and be done
            s.connect(new java.net.InetSocketAddress(cfg.endpoint.getHost(), cfg.port()), 10_000);
            s.setSoTimeout(60_000);
            s.getOutputStream().write(RawRequest.of("GET", daveBucket, "big")
                    .credentials(dave.accessKeyId(), dave.secretKey()).head(null, true));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            String statusLine = RawRequest.readLine(in);
            assertEquals("HTTP/1.1 200 OK", statusLine);
            String line;
            while ((line = RawRequest.readLine(in)) != null && !line.isEmpty()) {
                // response headers
            }
            assertSlowDown(daveListBuckets());
            byte[] received = in.readAllBytes();
            assertEquals(big.length, received.length);
        }
        after = once503Clears(this::daveListBuckets);
        assertEquals(200, after.status, after.describe());

        // 6. Error answers give their place back too: one request after another, never a SlowDown.
        for (int i = 0; i < 5; i++) {
            RawResponse missing = once503Clears(() -> RawRequest.of("GET", daveBucket, "missing")
                    .credentials(dave.accessKeyId(), dave.secretKey()).send());
            missing.assertError(404, "NoSuchKey");
        }
        assertEquals(200, once503Clears(this::daveListBuckets).status);
    }

    /** Sends {@code call} until it is refused with 503, for at most 15 s (the first request may not be admitted yet). */
    private static RawResponse eventuallyRefused(Supplier<RawResponse> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            RawResponse r = call.get();
            if (r.status == 503) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                fail("never refused while another request of the key was in flight; last: " + r.describe());
            }
            RawRequest.sleep(200);
        }
    }

    /** An upload with Expect: 100-continue is refused with SlowDown although its body is never sent. */
    private static void assertSlowDownBeforeTheBody(RawRequest request) throws IOException {
        try (Socket s = RawRequest.openSocket()) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.head(5000L, true));
            s.getOutputStream().flush();
            RawResponse r;
            try {
                r = RawRequest.readResponse(s.getInputStream(), false, false);
                if (r.status == 100) {
                    // Liberty answers 100 Continue on dispatch, before GhostBay runs (MalformedInputIT says more)
                    r = RawRequest.readResponse(s.getInputStream(), false, false);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer within 10 s to an upload whose body was not sent", e);
            }
            assertSlowDown(r);
        }
    }

    // ---- sizes ----

    @Test
    void userMetadataOver2KbIsMetadataTooLargeAndNothingIsStored() {
        // names (without x-amz-meta-) and values as UTF-8: "m" + 2047 bytes is exactly 2 KB
        s3.putObject(r -> r.bucket(bucket).key("fits").metadata(Map.of("m", "v".repeat(2047))),
                RequestBody.fromString("body"));
        assertEquals(2047, s3.headObject(r -> r.bucket(bucket).key("fits")).metadata().get("m").length());

        assertS3Error(400, "MetadataTooLarge", () -> s3.putObject(r -> r.bucket(bucket).key("big-meta")
                .metadata(Map.of("m", "v".repeat(2048))), RequestBody.fromString("body")));
        assertFalse(exists("big-meta"));
        // two-byte characters count twice
        assertS3Error(400, "MetadataTooLarge", () -> s3.putObject(r -> r.bucket(bucket).key("big-meta")
                .metadata(Map.of("m", "\u00e9".repeat(1024))), RequestBody.fromString("body")));
        assertFalse(exists("big-meta"));
        assertS3Error(400, "MetadataTooLarge", () -> s3.createMultipartUpload(r -> r.bucket(bucket).key("big-mpu")
                .metadata(Map.of("a", "v".repeat(1500), "b", "v".repeat(1500)))));
        assertTrue(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads().isEmpty());
    }

    @Test
    void anXmlDocumentOverTheCapIsMaxMessageLengthExceeded() {
        put("k", "v");
        String open = "<Delete><Object><Key>k</Key></Object>";
        String close = "</Delete>";
        byte[] xml = (open + " ".repeat(XML_BODY_BYTES + 1 - open.length() - close.length()) + close)
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(XML_BODY_BYTES + 1, xml.length);
        RawResponse r = RawRequest.of("POST", bucket, null).query("delete", "").header("Content-MD5", md5Base64(xml))
                .body(xml).send();
        r.assertError(400, "MaxMessageLengthExceeded");
        assertTrue(exists("k"), "the oversized Delete document deleted something");
    }

    @Test
    void theLargestDeleteObjectsDocumentStillFits() {
        // 1,000 keys of 1,024 bytes: S3's maximum per request
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String prefix = String.format("%04d-", i);
            ids.add(ObjectIdentifier.builder().key(prefix + "k".repeat(1024 - prefix.length())).build());
        }
        put(ids.get(999).key(), "last");
        DeleteObjectsResponse response = s3.deleteObjects(r -> r.bucket(bucket)
                .delete(Delete.builder().objects(ids).quiet(false).build()));
        assertEquals(1000, response.deleted().size(), response.errors().toString());
        assertFalse(exists(ids.get(999).key()));
    }

    /**
     * Known gap (README): Liberty refuses a request over its header limits itself, before GhostBay runs,
     * with a bare 400 instead of S3's RequestHeaderSectionTooLarge. The request never reaches the store.
     */
    @Test
    void headersOverTheLimitsAreRefusedByLibertyWithABare400() {
        int fieldBytes = Integer.getInteger("ghostbay.it.header-field-bytes", 32768);
        int count = Integer.getInteger("ghostbay.it.header-count", 500);
        RawResponse longHeader = sendRefusedEarly(RawRequest.of("PUT", bucket, "long-header")
                .header("x-amz-meta-big", "v".repeat(fieldBytes + 100)).body("x"));
        if (longHeader != null) {
            assertEquals(400, longHeader.status, longHeader.describe());
            assertEquals(0, longHeader.body.length, "Liberty's answer has no body; " + longHeader.describe());
            assertEquals(null, longHeader.header("x-amz-request-id"), "GhostBay never saw it; " + longHeader.describe());
        }

        RawRequest many = RawRequest.of("PUT", bucket, "many-headers").body("x");
        for (int i = 0; i <= count; i++) {
            many.header("x-amz-meta-h" + i, "v");
        }
        RawResponse manyHeaders = sendRefusedEarly(many);
        if (manyHeaders != null) {
            assertEquals(400, manyHeaders.status, manyHeaders.describe());
            assertEquals(null, manyHeaders.header("x-amz-request-id"), manyHeaders.describe());
        }
        assertFalse(exists("long-header"));
        assertFalse(exists("many-headers"));

        // under Liberty's limits, GhostBay's own 8 KiB header-section limit answers as S3 does
        RawRequest large = RawRequest.of("PUT", bucket, "large-headers").body("x");
        for (int i = 0; i < 10; i++) {
            large.header("x-custom-" + i, "v".repeat(1000));
        }
        RawResponse tooLarge = large.sendSocket();
        tooLarge.assertError(400, "RequestHeaderSectionTooLarge");
        assertFalse(exists("large-headers"));

        // within every limit, the same kind of request is stored
        RawRequest fits = RawRequest.of("PUT", bucket, "fits").body("x");
        for (int i = 0; i < 5; i++) {
            fits.header("x-custom-" + i, "v".repeat(1000));
        }
        RawResponse ok = fits.sendSocket();
        assertEquals(200, ok.status, ok.describe());
    }

    /**
     * Sends a request that Liberty refuses while reading its headers. Liberty answers and closes at once, so
     * the rest of the request may meet a closed socket (broken pipe): the answer is read anyway. Null when the
     * connection was reset before an answer could be read; either way GhostBay never saw the request, which
     * the callers check by the object not existing.
     */
    private static RawResponse sendRefusedEarly(RawRequest request) {
        try (Socket s = RawRequest.openSocket()) {
            try {
                OutputStream out = s.getOutputStream();
                out.write(request.head((long) request.bodyBytes().length, true));
                out.write(request.bodyBytes());
                out.flush();
            } catch (IOException e) {
                // the server stopped reading; its answer may already be in our receive buffer
            }
            try {
                return RawRequest.readResponse(s.getInputStream(), false, true);
            } catch (IOException | RuntimeException e) {
                return null; // reset or closed before a status line
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- slow bodies ----

    @Test
    void aStalledUploadIsCutOffAfterTheReadTimeoutAndNothingIsStored() throws IOException {
        Integer readTimeout = Integer.getInteger("ghostbay.it.read-timeout-seconds");
        Assumptions.assumeTrue(readTimeout != null && readTimeout <= 30,
                "the server's read timeout is not known to be short (set ghostbay.it.read-timeout-seconds)");
        RawRequest upload = RawRequest.of("PUT", bucket, "stalled").payloadHash("UNSIGNED-PAYLOAD");
        try (Socket s = RawRequest.openSocket()) {
            s.setSoTimeout((readTimeout + 60) * 1000);
            OutputStream out = s.getOutputStream();
            out.write(upload.head(100_000L, true));
            out.write(randomBytes(1000));
            out.flush();
            // ... and nothing more: the server must give up on the body, not wait for ever
            RawResponse r;
            try {
                r = RawRequest.readResponse(s.getInputStream(), false, true);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("still waiting for the body " + (readTimeout + 60) + " s later", e);
            }
            r.assertError(400, "RequestTimeout");
        }
        assertFalse(exists("stalled"));
    }
}
