package io.ghostbay.web.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.client.audit.AuditChain;
import io.ghostbay.web.auth.S3AuthenticationFilter;
import io.ghostbay.web.error.RequestIds;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;

import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The request record's JSON: every member present, values escaped, one line, and what is never in it. */
class AuditRecordTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00.250Z");

    /** An HttpServletRequest answering from maps: only what AuditRecord.of reads. */
    private static HttpServletRequest request(String method, Map<String, Object> attributes, Map<String, String> headers,
                                              String query) {
        return (HttpServletRequest) Proxy.newProxyInstance(AuditRecordTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getQueryString" -> query;
                    case "getRemoteAddr" -> "192.0.2.10";
                    case "getMethod" -> method;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void signedRequestRecordCarriesWhoWhatAndHowMuch() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(RequestIds.ATTRIBUTE, "0123456789ABCDEF");
        attributes.put(S3AuthenticationFilter.OPERATION_ATTRIBUTE, "PutObject");
        attributes.put(AuditAttributes.BUCKET, "photos");
        attributes.put(AuditAttributes.KEY, "2026/cat \"1\".jpg");
        attributes.put(AuditAttributes.AUTH, AuditAttributes.SIGNED);
        attributes.put(AuditAttributes.PRINCIPAL, "alice");
        attributes.put(AuditAttributes.KEY_ID, "GBALICE");
        AuditRecord r = AuditRecord.of(request("PUT", attributes, Map.of("User-Agent", "aws-sdk-java/2"), null), 200,
                null, T, 12_345_678, 1024, 0);
        String fields = r.fieldsJson();
        assertFalse(fields.contains("\n"), fields);
        JsonObject o = parse(fields);
        assertEquals(List.of("requestId", "principal", "keyId", "auth", "sourceIp", "method", "operation", "bucket",
                "key", "status", "errorCode", "failureReason", "bytesIn", "bytesOut", "latencyMs", "userAgent"),
                List.copyOf(o.keySet()));
        assertEquals("0123456789ABCDEF", o.getString("requestId"));
        assertEquals("alice", o.getString("principal"));
        assertEquals("GBALICE", o.getString("keyId"));
        assertEquals("signed", o.getString("auth"));
        assertEquals("192.0.2.10", o.getString("sourceIp"));
        assertEquals("PUT", o.getString("method"));
        assertEquals("PutObject", o.getString("operation"));
        assertEquals("photos", o.getString("bucket"));
        assertEquals("2026/cat \"1\".jpg", o.getString("key"));
        assertEquals(200, o.getInt("status"));
        assertEquals(JsonValue.NULL, o.get("errorCode"));
        assertEquals(JsonValue.NULL, o.get("failureReason"));
        assertEquals(1024, o.getJsonNumber("bytesIn").longValue());
        assertEquals(0, o.getJsonNumber("bytesOut").longValue());
        assertEquals(new BigDecimal("12.345"), o.getJsonNumber("latencyMs").bigDecimalValue());
        assertEquals("aws-sdk-java/2", o.getString("userAgent"));

        // and it fits the chain's envelope
        String line = AuditChain.recordLine(1, AuditChain.GENESIS, r.time(), fields);
        assertEquals(1, AuditChain.parse(line.getBytes(StandardCharsets.UTF_8)).seq());
        assertEquals("2026-03-01T12:00:00.250Z", parse(line).getString("time"));
    }

    @Test
    void failedAuthenticationKeepsTheReasonAndTheClaimedKeyButNoSignature() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(S3AuthenticationFilter.OPERATION_ATTRIBUTE, "GetObject");
        attributes.put(AuditAttributes.AUTH, AuditAttributes.FAILED);
        attributes.put(AuditAttributes.AUTH_FAILURE_CODE, "SignatureDoesNotMatch");
        attributes.put(AuditAttributes.AUTH_FAILURE_MESSAGE, "The request signature we calculated does not match.");
        String signature = "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024";
        String authorization = "AWS4-HMAC-SHA256 Credential=GBMALLORY/20260301/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + signature;
        AuditRecord r = AuditRecord.of(request("GET", attributes, Map.of("Authorization", authorization), null), 403,
                "SignatureDoesNotMatch", T, 1_000, 0, 300);
        String fields = r.fieldsJson();
        JsonObject o = parse(fields);
        assertEquals("failed", o.getString("auth"));
        assertEquals(JsonValue.NULL, o.get("principal"));
        assertEquals("GBMALLORY", o.getString("keyId"));
        assertEquals("SignatureDoesNotMatch", o.getString("errorCode"));
        assertEquals("SignatureDoesNotMatch: The request signature we calculated does not match.",
                o.getString("failureReason"));
        assertFalse(fields.contains(signature), fields);
        assertFalse(fields.contains("Signature="), fields);
    }

    @Test
    void anonymousRequestHasNoPrincipal() {
        Map<String, Object> attributes = Map.of(AuditAttributes.AUTH, AuditAttributes.ANONYMOUS);
        JsonObject o = parse(AuditRecord.of(request("GET", attributes, Map.of(), null), 403, "AccessDenied", T, 0, 0, 0)
                .fieldsJson());
        assertEquals("anonymous", o.getString("auth"));
        assertEquals(JsonValue.NULL, o.get("principal"));
        assertEquals(JsonValue.NULL, o.get("keyId"));
        assertEquals("Unknown", o.getString("operation"), "no operation attribute");
        assertEquals("0000000000000000", o.getString("requestId"));
    }

    @Test
    void adminRequestRecordsTheAdminResourceNotABucket() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(S3AuthenticationFilter.OPERATION_ATTRIBUTE, "Admin");
        attributes.put(AuditAttributes.BUCKET, "_ghostbay");
        attributes.put(AuditAttributes.KEY, "admin/v1/users/alice/keys");
        JsonObject o = parse(AuditRecord.of(request("POST", attributes, Map.of(), null), 201, null, T, 0, 0, 0)
                .fieldsJson());
        assertEquals(JsonValue.NULL, o.get("bucket"));
        assertEquals("/v1/users/alice/keys", o.getString("key"));
    }

    @Test
    void claimedKeyIdComesFromTheHeaderOrThePresignedQuery() {
        assertEquals("AKID", AuditRecord.claimedKeyId("AWS4-HMAC-SHA256 Credential=AKID/20260301/r/s3/aws4_request,"
                + " SignedHeaders=host, Signature=00", null));
        assertEquals("AKID", AuditRecord.claimedKeyId(null,
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260301%2Fr%2Fs3%2Faws4_request&X-Amz-Signature=ab"));
        assertNull(AuditRecord.claimedKeyId(null, "X-Amz-Credential=%zz"));
        assertNull(AuditRecord.claimedKeyId("Bearer token", "prefix=a"));
        assertEquals(AuditRecord.MAX_CLAIMED_KEY_ID + 3,
                AuditRecord.claimedKeyId("Credential=" + "K".repeat(500) + "/x", null).length());
    }

    @Test
    void controlCharactersAndLongUserAgentsStayOnOneBoundedLine() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(AuditAttributes.KEY, "line1\nline2\r\u0000\u2028é😀");
        String userAgent = "x".repeat(5000);
        AuditRecord r = AuditRecord.of(request("GET", attributes, Map.of("User-Agent", userAgent), null), 200, null, T, 0,
                0, 0);
        String fields = r.fieldsJson();
        assertFalse(fields.contains("\n") || fields.contains("\r"), fields);
        JsonObject o = parse(fields);
        assertEquals("line1\nline2\r\u0000\u2028é😀", o.getString("key"));
        assertEquals(AuditRecord.MAX_USER_AGENT + 3, o.getString("userAgent").length());
        assertTrue(o.getString("userAgent").endsWith("..."));
    }

    @Test
    void everyCharacterThatNeedsEscapingRoundTripsThroughAJsonParser() {
        StringBuilder nasty = new StringBuilder("q\"b\\s/\u007f\u00ff\ud83d\ude00");
        for (char c = 0; c < 0x20; c++) {
            nasty.append(c);
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(AuditAttributes.KEY, nasty.toString());
        attributes.put(AuditAttributes.BUCKET, "");
        String fields = AuditRecord.of(request("GET", attributes, Map.of(), null), 200, null, T, 999, 0, 0).fieldsJson();
        for (char c = 0; c < 0x20; c++) {
            assertTrue(fields.indexOf(c) < 0, "raw control character " + (int) c + " in " + fields);
        }
        JsonObject o = parse(fields);
        assertEquals(nasty.toString(), o.getString("key"));
        assertEquals("", o.getString("bucket"));
        assertEquals(new BigDecimal("0.000"), o.getJsonNumber("latencyMs").bigDecimalValue());
        assertTrue(fields.contains("\"latencyMs\":0.000,"), fields);
    }
}
