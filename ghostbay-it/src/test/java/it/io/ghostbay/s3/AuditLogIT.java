package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The audit log as an operator sees it: the server's files under {@code <data dir>/audit} hold one
 * record per request (signed, refused for a bad signature, anonymous), found by the request id the
 * client got, and the built {@code ghostbay admin audit verify} accepts a copy of the files and
 * rejects a copy with one record edited and one with a record removed.
 */
class AuditLogIT extends S3TestBase {
    private static final long POLL_MS = 15_000;
    private static final Pattern FILE = Pattern.compile("audit-[0-9]{10,19}\\.jsonl");

    @Test
    void requestsAreRecordedAndTheChainDetectsTampering(@TempDir Path tmp) throws Exception {
        Path auditDir = cfg.dataDir.resolve("audit");
        Assumptions.assumeTrue(Files.isDirectory(cfg.dataDir), "the server's data directory is on this machine");
        double failuresBefore = authFailures("SignatureDoesNotMatch");

        String key = "audit/hello world.txt";
        byte[] data = "an audited object".getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = put(key, data);
        String putId = put.responseMetadata().requestId();
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
        String getId = got.response().responseMetadata().requestId();
        RawResponse badSignature = RawRequest.of("GET", bucket, key).tamperSignature().send()
                .assertError(403, "SignatureDoesNotMatch");
        String badId = badSignature.header("x-amz-request-id");
        RawResponse anonymous = RawRequest.of("GET", bucket, key).unsigned().header("User-Agent", "audit-it/1.0")
                .send().assertError(403, "AccessDenied");
        String anonymousId = anonymous.header("x-amz-request-id");

        Map<String, JsonObject> records = awaitRecords(auditDir, List.of(putId, getId, badId, anonymousId));
        String rootUser = AdminApi.expect(200, "GET", "/keys/" + cfg.accessKey, null).getString("userName");

        JsonObject p = records.get(putId);
        assertEquals(rootUser, p.getString("principal"), p::toString);
        assertEquals(cfg.accessKey, p.getString("keyId"), p::toString);
        assertEquals("signed", p.getString("auth"), p::toString);
        assertEquals("PutObject", p.getString("operation"), p::toString);
        assertEquals("PUT", p.getString("method"), p::toString);
        assertEquals(bucket, p.getString("bucket"), p::toString);
        assertEquals(key, p.getString("key"), p::toString);
        assertEquals(200, p.getInt("status"), p::toString);
        assertEquals(JsonValue.NULL, p.get("errorCode"), p::toString);
        // the SDK sends aws-chunked with a trailer: the wire bytes include the framing
        assertTrue(p.getJsonNumber("bytesIn").longValue() >= data.length, p::toString);
        assertEquals(0, p.getJsonNumber("bytesOut").longValue(), p::toString);
        assertTrue(p.getJsonNumber("latencyMs").doubleValue() > 0, p::toString);
        assertTrue(p.getString("userAgent").contains("aws-sdk-java"), p::toString);
        assertFalse(p.getString("sourceIp").isBlank(), p::toString);
        assertTrue(p.getString("time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), p::toString);

        JsonObject g = records.get(getId);
        assertEquals("GetObject", g.getString("operation"), g::toString);
        assertEquals(rootUser, g.getString("principal"), g::toString);
        assertEquals(200, g.getInt("status"), g::toString);
        assertEquals(data.length, g.getJsonNumber("bytesOut").longValue(), g::toString);
        assertEquals(0, g.getJsonNumber("bytesIn").longValue(), g::toString);
        assertTrue(g.getJsonNumber("seq").longValue() > p.getJsonNumber("seq").longValue(),
                "records are chained in the order requests complete");

        JsonObject b = records.get(badId);
        assertEquals("failed", b.getString("auth"), b::toString);
        assertEquals(JsonValue.NULL, b.get("principal"), b::toString);
        assertEquals(cfg.accessKey, b.getString("keyId"), "the key id the request claimed; " + b);
        assertEquals(403, b.getInt("status"), b::toString);
        assertEquals("SignatureDoesNotMatch", b.getString("errorCode"), b::toString);
        assertTrue(b.getString("failureReason").startsWith("SignatureDoesNotMatch: "), b::toString);
        assertEquals("GetObject", b.getString("operation"), b::toString);
        assertEquals(key, b.getString("key"), b::toString);
        assertFalse(b.toString().contains("Signature="), "no signature in the record: " + b);

        JsonObject a = records.get(anonymousId);
        assertEquals("anonymous", a.getString("auth"), a::toString);
        assertEquals(JsonValue.NULL, a.get("principal"), a::toString);
        assertEquals(JsonValue.NULL, a.get("keyId"), a::toString);
        assertEquals(403, a.getInt("status"), a::toString);
        assertEquals("AccessDenied", a.getString("errorCode"), a::toString);
        assertEquals(JsonValue.NULL, a.get("failureReason"), a::toString);
        assertEquals("audit-it/1.0", a.getString("userAgent"), a::toString);

        assertTrue(authFailures("SignatureDoesNotMatch") >= failuresBefore + 1,
                "ghostbay_auth_failures_total{reason=\"SignatureDoesNotMatch\"} counted the bad signature");

        // The chain, checked by the built CLI on copies of the files
        Path intact = copyAuditFiles(auditDir, tmp.resolve("intact"));
        CliResult ok = verify(intact);
        assertEquals(0, ok.exitStatus(), ok::toString);
        assertTrue(ok.stdout().contains("Result:       INTACT"), ok::toString);

        Path edited = copyAuditFiles(auditDir, tmp.resolve("edited"));
        rewriteLineOf(edited, putId, line -> line.replace("\"status\":200", "\"status\":403"));
        CliResult editedRun = verify(edited);
        assertEquals(1, editedRun.exitStatus(), editedRun::toString);
        assertTrue(editedRun.stdout().contains("EDITED  seq " + p.getJsonNumber("seq").longValue() + " was edited"),
                editedRun::toString);

        Path removed = copyAuditFiles(auditDir, tmp.resolve("removed"));
        rewriteLineOf(removed, getId, line -> null);
        CliResult removedRun = verify(removed);
        assertEquals(1, removedRun.exitStatus(), removedRun::toString);
        assertTrue(removedRun.stdout().contains("MISSING  seq " + g.getJsonNumber("seq").longValue() + " is missing"),
                removedRun::toString);
    }

    // ---- reading the audit files ----

    /** Polls the audit files until a record of every request id is there. */
    private static Map<String, JsonObject> awaitRecords(Path auditDir, List<String> requestIds) throws Exception {
        long deadline = System.currentTimeMillis() + POLL_MS;
        Map<String, JsonObject> found = new HashMap<>();
        while (true) {
            found.clear();
            if (Files.isDirectory(auditDir)) {
                for (Path file : auditFiles(auditDir)) {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        for (String id : requestIds) {
                            if (line.contains("\"requestId\":\"" + id + "\"")) {
                                found.put(id, parse(line));
                            }
                        }
                    }
                }
            }
            if (found.size() == requestIds.size()) {
                return found;
            }
            if (System.currentTimeMillis() > deadline) {
                fail("no audit record within " + POLL_MS + " ms in " + auditDir + " for request ids "
                        + requestIds.stream().filter(id -> !found.containsKey(id)).toList());
            }
            Thread.sleep(200);
        }
    }

    private static List<Path> auditFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> FILE.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private static JsonObject parse(String line) {
        try (JsonReader r = Json.createReader(new StringReader(line))) {
            return r.readObject();
        }
    }

    private static Path copyAuditFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (Path f : auditFiles(from)) {
            Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }

    /** Replaces (or, when the function answers null, removes) the line of one request in a copy. */
    private static void rewriteLineOf(Path dir, String requestId, java.util.function.UnaryOperator<String> change)
            throws IOException {
        for (Path f : auditFiles(dir)) {
            String content = Files.readString(f, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("\"requestId\":\"" + requestId + "\"")) {
                    String changed = change.apply(lines.get(i));
                    if (changed == null) {
                        lines.remove(i);
                    } else {
                        assertFalse(changed.equals(lines.get(i)), "the change must change something");
                        lines.set(i, changed);
                    }
                    Files.writeString(f, String.join("\n", lines), StandardCharsets.UTF_8);
                    return;
                }
            }
        }
        fail("no line of " + requestId + " in " + dir);
    }

    private static double authFailures(String reason) {
        String text = RawRequest.path("GET", "/metrics").unsigned().send().bodyText();
        Matcher m = Pattern.compile("(?m)^ghostbay_auth_failures_total\\{[^}]*reason=\"" + reason + "\"[^}]*\\}\\s+(\\S+)")
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    // ---- running the built launcher ----

    private record CliResult(int exitStatus, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitStatus + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** {@code ghostbay admin audit verify <dir>} with this JVM's Java and no credentials at all. */
    private static CliResult verify(Path dir) {
        Path launcher = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("../ghostbay-cli/bin/ghostbay").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(launcher), launcher + " (build ghostbay-cli first)");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "admin", "audit", "verify", dir.toString());
        builder.environment().remove("JAVA");
        builder.environment().remove("AWS_ACCESS_KEY_ID");
        builder.environment().remove("AWS_SECRET_ACCESS_KEY");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Path out = Files.createTempFile("audit-verify", ".out");
            Path err = Files.createTempFile("audit-verify", ".err");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("ghostbay admin audit verify did not finish in 60 s");
                }
                return new CliResult(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
