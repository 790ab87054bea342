package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Raw HTTP with valid signatures (unless stated) carrying malformed or hostile input. */
class MalformedInputIT extends S3TestBase {

    private byte[] storeOld(String key) {
        byte[] old = randomBytes(256);
        put(key, old);
        return old;
    }

    @Test
    void malformedXmlToDeleteObjects() {
        put("k", "v");
        String xml = "<Delete><Object><Key>k</Key></Object>"; // truncated
        RawResponse r = RawRequest.of("POST", bucket, null).query("delete", "")
                .header("Content-MD5", md5Base64(xml.getBytes())).body(xml).send();
        r.assertError(400, "MalformedXML");
        assertTrue(exists("k"), "object deleted by a malformed DeleteObjects");

        String notDelete = "<Foo><Bar/></Foo>";
        RawRequest.of("POST", bucket, null).query("delete", "")
                .header("Content-MD5", md5Base64(notDelete.getBytes())).body(notDelete).send()
                .assertError(400, "MalformedXML");
        assertTrue(exists("k"));
    }

    @Test
    void deleteObjectsAcceptsContentMd5OrCrc32() {
        put("k1", "v");
        put("k2", "v");
        String xml = "<Delete><Object><Key>k1</Key></Object></Delete>";
        RawResponse withMd5 = RawRequest.of("POST", bucket, null).query("delete", "")
                .header("Content-MD5", md5Base64(xml.getBytes())).body(xml).send();
        assertEquals(200, withMd5.status, withMd5.describe());
        String xml2 = "<Delete><Object><Key>k2</Key></Object></Delete>";
        RawResponse withCrc = RawRequest.of("POST", bucket, null).query("delete", "")
                .header("x-amz-checksum-crc32", Checksums.base64("CRC32", xml2.getBytes()))
                .header("x-amz-sdk-checksum-algorithm", "CRC32").body(xml2).send();
        assertEquals(200, withCrc.status, withCrc.describe());
        assertFalse(exists("k1"));
        assertFalse(exists("k2"));
    }

    @Test
    void wrongContentMd5IsBadDigestAndKeepsOldObject() throws IOException {
        byte[] old = storeOld("k");
        Set<Path> blobsBefore = blobFiles();
        byte[] body = randomBytes(100);
        RawRequest.of("PUT", bucket, "k").header("Content-MD5", md5Base64(randomBytes(100))).body(body).send()
                .assertError(400, "BadDigest");
        assertArrayEquals(old, get("k"), "previously stored object changed by a BadDigest PUT");
        RawRequest.of("PUT", bucket, "new").header("Content-MD5", md5Base64(randomBytes(5))).body(body).send()
                .assertError(400, "BadDigest");
        assertFalse(exists("new"), "a BadDigest PUT created the key");
        assertNoNewBlobs(blobsBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 !!", "AAAA", "dGVzdA==", "", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void invalidContentMd5IsInvalidDigest(String md5) {
        byte[] old = storeOld("k");
        RawRequest.of("PUT", bucket, "k").header("Content-MD5", md5).body("new content").send()
                .assertError(400, "InvalidDigest");
        assertArrayEquals(old, get("k"));
    }

    @Test
    void wrongFlexibleChecksumIsRejected() {
        byte[] old = storeOld("k");
        RawResponse r = RawRequest.of("PUT", bucket, "k")
                .header("x-amz-checksum-crc32", Checksums.base64("CRC32", "other".getBytes()))
                .body("new content").send();
        assertEquals(400, r.status, r.describe());
        assertTrue("BadDigest".equals(r.errorCode()) || "XAmzContentChecksumMismatch".equals(r.errorCode()),
                r.describe());
        assertNotNull(r.header("x-amz-request-id"));
        assertArrayEquals(old, get("k"));
    }

    @Test
    void sdkChecksumAlgorithmWithoutValueIsRejected() {
        RawResponse r = RawRequest.of("PUT", bucket, "k").header("x-amz-sdk-checksum-algorithm", "CRC32")
                .body("content").send();
        assertEquals(400, r.status, r.describe());
        assertEquals("InvalidRequest", r.errorCode(), r.describe());
        assertFalse(exists("k"));
    }

    @Test
    void contentSha256MismatchIsRejected() {
        byte[] old = storeOld("k");
        RawRequest.of("PUT", bucket, "k").payloadHash(SigV4.sha256Hex("something else".getBytes()))
                .body("new content").send().assertError(400, "XAmzContentSHA256Mismatch");
        assertArrayEquals(old, get("k"));
    }

    @Test
    void badSignatureIsSignatureDoesNotMatchAndStoresNothing() {
        byte[] old = storeOld("k");
        RawRequest.of("PUT", bucket, "k").tamperSignature().body("evil").send()
                .assertError(403, "SignatureDoesNotMatch");
        RawRequest.of("PUT", bucket, "new").tamperSignature().body("evil").send()
                .assertError(403, "SignatureDoesNotMatch");
        RawRequest.of("PUT", bucket, "new2").credentials(cfg.accessKey, cfg.secretKey + "x").body("evil").send()
                .assertError(403, "SignatureDoesNotMatch");
        RawRequest.of("GET", bucket, "k").tamperSignature().send().assertError(403, "SignatureDoesNotMatch");
        assertArrayEquals(old, get("k"));
        assertFalse(exists("new"));
        assertFalse(exists("new2"));
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() {
        RawRequest.of("PUT", bucket, "k").credentials("NOSUCHACCESSKEY00000", "whatever").body("x").send()
                .assertError(403, "InvalidAccessKeyId");
        RawRequest.of("GET", bucket, null).credentials("NOSUCHACCESSKEY00000", "whatever").send()
                .assertError(403, "InvalidAccessKeyId");
        assertFalse(exists("k"));
    }

    @Test
    void noAuthIsAccessDenied() {
        byte[] old = storeOld("k");
        RawRequest.of("PUT", bucket, "k").unsigned().body("anonymous").send().assertError(403, "AccessDenied");
        RawRequest.of("PUT", bucket, "anon").unsigned().body("anonymous").send().assertError(403, "AccessDenied");
        RawResponse get = RawRequest.of("GET", bucket, "k").unsigned().send();
        get.assertError(403, "AccessDenied");
        RawRequest.of("GET", bucket, null).unsigned().send().assertError(403, "AccessDenied");
        RawRequest.of("GET", null, null).unsigned().send().assertError(403, "AccessDenied");
        assertArrayEquals(old, get("k"));
        assertFalse(exists("anon"));
    }

    @Test
    void truncatedBodyLeavesOldObjectAndNoNewKey() throws Exception {
        byte[] old = storeOld("k");
        Set<Path> blobsBefore = blobFiles();
        Set<Path> stagingBefore = stagingFiles();
        byte[] full = randomBytes(1000);
        for (String key : new String[] {"k", "fresh"}) {
            RawRequest req = RawRequest.of("PUT", bucket, key).body(full);
            try (Socket s = RawRequest.openSocket()) {
                OutputStream out = s.getOutputStream();
                out.write(req.head(1000L, false));
                out.write(full, 0, 10);
                out.flush();
                Thread.sleep(300);
            } // closed after 10 of 1000 bytes
        }
        Thread.sleep(2000);
        assertArrayEquals(old, get("k"), "a truncated PUT replaced the object");
        assertFalse(exists("fresh"), "a truncated PUT created a key");
        assertEquals(java.util.List.of("k"), listAllKeys());
        assertNoNewBlobs(blobsBefore);
        waitNoNewFiles(stagingBefore, this::stagingFiles, "staging file left behind by a truncated upload");
    }

    @Test
    void staleDateIsRequestTimeTooSkewed() {
        RawResponse r = RawRequest.of("PUT", bucket, "k").time(Instant.now().minus(20, ChronoUnit.MINUTES))
                .body("x").send();
        r.assertError(403, "RequestTimeTooSkewed");
        assertNotNull(r.xmlElement("ServerTime"), "RequestTimeTooSkewed carries ServerTime: " + r);
        RawRequest.of("GET", bucket, null).time(Instant.now().plus(20, ChronoUnit.MINUTES)).send()
                .assertError(403, "RequestTimeTooSkewed");
        assertFalse(exists("k"));
    }

    @Test
    void unimplementedPutSubresourceIsNotImplementedAndKeepsObject() {
        byte[] old = storeOld("k");
        String website = "<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix></IndexDocument></WebsiteConfiguration>";
        RawRequest.of("PUT", bucket, "k").query("website", "").body(website).send().assertError(501, "NotImplemented");
        assertArrayEquals(old, get("k"), "PUT ?website overwrote the object");
        // PUT ?tagging is implemented: malformed tagging is refused and the object's bytes stay as they were
        RawRequest.of("PUT", bucket, "k").query("tagging", "").body("<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>")
                .send().assertError(400, "MalformedXML");
        assertArrayEquals(old, get("k"), "PUT ?tagging overwrote the object");
        // PUT ?acl is implemented: on a bucket with ACLs disabled (the default) it is refused, the object untouched
        String acl = "<AccessControlPolicy><Owner><ID>x</ID></Owner><AccessControlList/></AccessControlPolicy>";
        RawRequest.of("PUT", bucket, "k").query("acl", "").body(acl).send().assertError(400, "AccessControlListNotSupported");
        assertArrayEquals(old, get("k"), "PUT ?acl overwrote the object");
        RawRequest.of("PUT", bucket, "k").query("legal-hold", "").body("<LegalHold><Status>ON</Status></LegalHold>")
                .send().assertError(501, "NotImplemented");
        assertArrayEquals(old, get("k"), "PUT ?legal-hold overwrote the object");
        RawRequest.of("PUT", bucket, "other").query("retention", "").body("<Retention/>").send()
                .assertError(501, "NotImplemented");
        assertFalse(exists("other"), "PUT ?retention created an object");
    }

    @Test
    void unimplementedGetSubresourceIsNotImplementedAndDoesNotReadObject() {
        byte[] old = storeOld("k");
        RawRequest.of("GET", bucket, null).query("website", "").send().assertError(501, "NotImplemented");
        RawRequest.of("GET", bucket, null).query("replication", "").send().assertError(501, "NotImplemented");
        RawResponse torrent = RawRequest.of("GET", bucket, "k").query("torrent", "").send();
        torrent.assertError(501, "NotImplemented");
        RawResponse acl = RawRequest.of("GET", bucket, "k").query("acl", "").send();
        assertFalse(java.util.Arrays.equals(old, acl.body), "GET ?acl returned the object bytes");
        assertTrue(acl.status == 200 && acl.bodyText().contains("<AccessControlPolicy"), "GET ?acl answers the ACL: " + acl);
        RawRequest.of("DELETE", bucket, null).query("website", "").send().assertError(501, "NotImplemented");
        assertArrayEquals(old, get("k"));
        assertTrue(exists("k"));
    }

    @Test
    void errorResponsesAreXmlWithRequestId() {
        RawRequest.of("GET", bucket, "missing").send().assertError(404, "NoSuchKey");
        RawResponse r = RawRequest.of("GET", bucket, "missing").send();
        assertTrue(r.bodyText().contains("<Error>"));
        assertNotNull(r.xmlElement("Message"), "Message element");
        assertNotNull(r.xmlElement("RequestId"), "RequestId element");
        assertEquals(r.header("x-amz-request-id"), r.xmlElement("RequestId"), "RequestId matches the header");
        RawResponse r2 = RawRequest.of("GET", bucket, "missing").send();
        assertNotEquals(r.header("x-amz-request-id"), r2.header("x-amz-request-id"), "request ids are unique");
        String ct = r.header("Content-Type");
        assertNotNull(ct);
        assertTrue(ct.contains("xml"), "error Content-Type " + ct);
    }

    @Test
    void putWithoutContentLengthIsMissingContentLength() throws Exception {
        RawRequest req = RawRequest.of("PUT", bucket, "k").payloadHash("UNSIGNED-PAYLOAD").body("hello");
        try (Socket s = RawRequest.openSocket()) {
            OutputStream out = s.getOutputStream();
            byte[] head = new String(req.head(null, true), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .replace("\r\n\r\n", "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            out.write(head);
            out.write("5\r\nhello\r\n0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            RawResponse r = RawRequest.readResponse(s.getInputStream(), false, true);
            r.assertError(411, "MissingContentLength");
        }
        assertFalse(exists("k"));
    }

    @Test
    void expectContinueIsAnsweredWith100Continue() throws Exception {
        byte[] body = randomBytes(5000);
        RawRequest req = RawRequest.of("PUT", bucket, "k").header("Expect", "100-continue").body(body);
        try (Socket s = RawRequest.openSocket()) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(req.head((long) body.length, true));
            out.flush();
            String interim;
            try {
                interim = RawRequest.readLine(in);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no interim response within 10 s to Expect: 100-continue", e);
            }
            assertEquals("HTTP/1.1 100 Continue", interim, "interim status line");
            String line;
            while ((line = RawRequest.readLine(in)) != null && !line.isEmpty()) {
                // RFC 9110 8.6: no Content-Length in a 1xx (server.xml: RemoveCLHeaderInTempStatusRespRFC7230compat)
                assertFalse(line.toLowerCase(Locale.ROOT).startsWith("content-length:"), "interim header " + line);
            }
            out.write(body);
            out.flush();
            RawResponse r = RawRequest.readResponse(in, false, true);
            assertEquals(200, r.status, r.describe());
            assertEquals(quotedMd5(body), r.header("ETag"));
        }
        assertArrayEquals(body, get("k"));
    }

    /**
     * A path that is not UTF-8 once decoded is refused by the JAX-RS runtime through the web.xml error page:
     * still an S3 error document, and without the empty "$WSEP" header Liberty adds to error pages
     * (server.xml: suppressErrorPageODRHeader).
     */
    @Test
    void pathThatIsNotUtf8IsAnS3ErrorWithoutLibertyHeaders() {
        RawResponse r = RawRequest.path("PUT", "/" + bucket + "/a%C3b").body("x").sendSocket();
        assertEquals(400, r.status, r.describe());
        assertNotNull(r.errorCode(), r.describe());
        assertNotNull(r.header("x-amz-request-id"), r.describe());
        assertFalse(r.headers.keySet().stream().anyMatch(h -> h.startsWith("$")), r.describe());
        assertTrue(listAllKeys().isEmpty());
    }

    @Test
    void badSignatureWithExpectContinueGets403WithoutTheBodyBeingSent() throws Exception {
        byte[] body = randomBytes(5000);
        RawRequest req = RawRequest.of("PUT", bucket, "k").header("Expect", "100-continue").tamperSignature()
                .body(body);
        try (Socket s = RawRequest.openSocket()) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(req.head((long) body.length, true));
            out.flush();
            RawResponse r;
            try {
                r = RawRequest.readResponse(in, false, false);
                if (r.status == 100) {
                    // Liberty's HTTP channel answers "100 Continue" as soon as it dispatches a request with
                    // Expect: 100-continue (before any application code runs; see README "Known gaps"). The
                    // final answer must still be the authentication error, without the body ever being sent.
                    r = RawRequest.readResponse(in, false, false);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no final response within 10 s to a badly signed Expect: 100-continue", e);
            }
            r.assertError(403, "SignatureDoesNotMatch");
        }
        assertFalse(exists("k"));
    }

    // ---- data directory checks ----

    /**
     * Blob files, and each pack file as {@code <pack>#<its size>}: a rejected upload must neither leave a blob file
     * nor append to a pack (small bodies go into packs, PackIT), so a pack that grew shows up as a new entry.
     */
    private Set<Path> blobFiles() throws IOException {
        Set<Path> files = filesUnder(cfg.dataDir.resolve("blobs"));
        for (Path pack : PackFiles.all(cfg.dataDir)) {
            try {
                files.add(Path.of(pack + "#" + Files.size(pack)));
            } catch (java.nio.file.NoSuchFileException e) {
                // collected meanwhile: a pack that went away is not one that grew
            }
        }
        return files;
    }

    private Set<Path> stagingFiles() {
        try {
            return filesUnder(cfg.dataDir.resolve("staging"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Path> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new HashSet<>();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    /** No blob file appeared that is not referenced: only checked when the data dir is on this machine. */
    private void assertNoNewBlobs(Set<Path> before) throws IOException {
        if (!Files.isDirectory(cfg.dataDir.resolve("blobs"))) {
            return;
        }
        waitNoNewFiles(before, () -> {
            try {
                return blobFiles();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "orphan blob written by a rejected upload");
    }

    private static void waitNoNewFiles(Set<Path> before, java.util.function.Supplier<Set<Path>> now, String what) {
        Set<Path> extra = Set.of();
        for (int i = 0; i < 25; i++) {
            extra = new HashSet<>(now.get());
            extra.removeAll(before);
            if (extra.isEmpty()) {
                return;
            }
            RawRequest.sleep(200);
        }
        throw new AssertionError(what + ": " + extra);
    }

    @Test
    void contentMd5MustBeBase64OfBinaryNotHex() {
        byte[] body = "x".getBytes();
        String hexAsBase64 = Base64.getEncoder().encodeToString(md5Hex(body).getBytes());
        RawRequest.of("PUT", bucket, "k").header("Content-MD5", hexAsBase64).body(body).send()
                .assertError(400, "InvalidDigest");
        assertFalse(exists("k"));
    }
}
