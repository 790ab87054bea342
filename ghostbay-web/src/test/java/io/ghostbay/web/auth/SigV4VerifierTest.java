package io.ghostbay.web.auth;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.ghostbay.web.auth.TestSigner.AK;
import static io.ghostbay.web.auth.TestSigner.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Examples from the S3 API reference (AKIAIOSFODNN7EXAMPLE, examplebucket, 20130524T000000Z,
 * us-east-1), confirmed against several public implementations' tests and recomputed with python3.
 */
class SigV4VerifierTest {

    static final Instant T0 = Instant.parse("2013-05-24T00:00:00Z");
    static final String DATE = "20130524T000000Z";

    static SigV4Verifier verifier(Instant now) {
        return verifier(now, "us-east-1");
    }

    static SigV4Verifier verifier(Instant now, String region) {
        return new SigV4Verifier(region, ak -> AK.equals(ak) ? Optional.of(SECRET) : Optional.empty(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    static S3Exception s3(S3ErrorCode code, Executable e) {
        S3Exception ex = assertThrows(S3Exception.class, e);
        assertEquals(code, ex.code(), ex.getMessage());
        return ex;
    }

    static Map<String, String> extras(S3Exception e) {
        return e.extraElements().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                (a, b) -> a, LinkedHashMap::new));
    }

    static Map<String, List<String>> rangeHeaders(String signature) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of("examplebucket.s3.amazonaws.com"));
        h.put("Range", List.of("bytes=0-9"));
        h.put("x-amz-content-sha256", List.of(SigV4.EMPTY_SHA256));
        h.put("x-amz-date", List.of(DATE));
        h.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" + signature));
        return h;
    }

    static final String RANGE_SIG = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

    @Test
    void getObjectRangeExample() {
        AuthenticatedRequest r = verifier(T0).verify(new SigV4Request("GET", "/test.txt", null, rangeHeaders(RANGE_SIG)));
        assertEquals(AK, r.accessKeyId());
        assertFalse(r.anonymous());
        assertFalse(r.presigned());
        assertEquals(PayloadMode.SIGNED_HEX, r.payloadMode());
        assertEquals(SigV4.EMPTY_SHA256, r.payloadSha256Hex());
        assertNull(r.chunkSigning());
    }

    @Test
    void amzDateParsedStrictly() {
        assertEquals(Instant.parse("2013-05-24T00:00:00Z"), SigV4Verifier.parseAmzDate("20130524T000000Z"));
        assertEquals(Instant.parse("2024-02-29T23:59:59Z"), SigV4Verifier.parseAmzDate("20240229T235959Z"));
        for (String bad : new String[] {null, "", "20130524T000000", "20130524T000000ZZ", "20130524 000000Z",
                "20130524T000000z", "2013-524T000000Z", "+0130524T000000Z", "20130524T0000-0Z", "20131324T000000Z",
                "20130024T000000Z", "20130230T000000Z", "20230229T000000Z", "20130524T240000Z", "20130524T006000Z",
                "20130524T000060Z", "２0130524T000000Z"}) {
            assertNull(SigV4Verifier.parseAmzDate(bad), bad);
        }
    }

    @Test
    void headerSpacingVariantsTolerated() {
        Map<String, List<String>> h = rangeHeaders(RANGE_SIG);
        h.put("Authorization", List.of("AWS4-HMAC-SHA256  Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request ,"
                + " SignedHeaders=host;range;x-amz-content-sha256;x-amz-date , Signature=" + RANGE_SIG.toUpperCase()));
        assertEquals(AK, verifier(T0).verify(new SigV4Request("GET", "/test.txt", null, h)).accessKeyId());
        h.put("Authorization", List.of("AWS4-HMAC-SHA256 \tCredential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,,"
                + "\r\nSignedHeaders=host;range;x-amz-content-sha256;x-amz-date,\u000B\fSignature=" + RANGE_SIG + ","));
        assertEquals(AK, verifier(T0).verify(new SigV4Request("GET", "/test.txt", null, h)).accessKeyId());
    }

    @Test
    void signatureMismatchCarriesDiagnostics() {
        Map<String, List<String>> h = rangeHeaders(RANGE_SIG);
        h.put("Range", List.of("bytes=0-10"));
        S3Exception e = s3(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                () -> verifier(T0).verify(new SigV4Request("GET", "/test.txt", null, h)));
        Map<String, String> x = extras(e);
        assertEquals(AK, x.get("AWSAccessKeyId"));
        assertEquals(RANGE_SIG, x.get("SignatureProvided"));
        assertTrue(x.get("StringToSign").startsWith("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"));
        assertTrue(x.get("CanonicalRequest").contains("range:bytes=0-10\n"));
        assertEquals(List.of("AWSAccessKeyId", "StringToSign", "SignatureProvided", "StringToSignBytes",
                "CanonicalRequest", "CanonicalRequestBytes"), List.copyOf(x.keySet()));
        // the path is covered too
        s3(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                () -> verifier(T0).verify(new SigV4Request("GET", "/test.txT", null, rangeHeaders(RANGE_SIG))));
        // and the query
        s3(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                () -> verifier(T0).verify(new SigV4Request("GET", "/test.txt", "acl", rangeHeaders(RANGE_SIG))));
    }

    @Test
    void skewWithinAndBeyondFifteenMinutes() {
        SigV4Request req = new SigV4Request("GET", "/test.txt", null, rangeHeaders(RANGE_SIG));
        verifier(T0.plusSeconds(900)).verify(req);
        verifier(T0.minusSeconds(900)).verify(req);
        S3Exception e = s3(S3ErrorCode.REQUEST_TIME_TOO_SKEWED, () -> verifier(T0.plusSeconds(901)).verify(req));
        Map<String, String> x = extras(e);
        assertEquals(DATE, x.get("RequestTime"));
        assertEquals("2013-05-24T00:15:01Z", x.get("ServerTime"));
        assertEquals("900000", x.get("MaxAllowedSkewMilliseconds"));
        s3(S3ErrorCode.REQUEST_TIME_TOO_SKEWED, () -> verifier(T0.minusSeconds(901)).verify(req));
    }

    @Test
    void wrongRegion() {
        S3Exception e = s3(S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED, () -> verifier(T0, "eu-west-1")
                .verify(new SigV4Request("GET", "/test.txt", null, rangeHeaders(RANGE_SIG))));
        assertEquals("The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
                e.getMessage());
        assertEquals("eu-west-1", extras(e).get("Region"));
    }

    @Test
    void unknownAccessKey() {
        Map<String, List<String>> h = rangeHeaders(RANGE_SIG);
        h.put("Authorization", List.of(h.get("Authorization").get(0).replace(AK, "AKIDNOPE")));
        S3Exception e = s3(S3ErrorCode.INVALID_ACCESS_KEY_ID,
                () -> verifier(T0).verify(new SigV4Request("GET", "/test.txt", null, h)));
        assertEquals("AKIDNOPE", extras(e).get("AWSAccessKeyId"));
    }

    @Test
    void missingContentSha256() {
        Map<String, List<String>> h = rangeHeaders(RANGE_SIG);
        h.remove("x-amz-content-sha256");
        S3Exception e = s3(S3ErrorCode.INVALID_REQUEST,
                () -> verifier(T0).verify(new SigV4Request("GET", "/test.txt", null, h)));
        assertEquals("Missing required header for this request: x-amz-content-sha256", e.getMessage());
    }

    @Test
    void malformedAuthorizationHeaders() {
        String[] bad = {
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host",
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/aws4_request, SignedHeaders=host, Signature=ab",
            "AWS4-HMAC-SHA256 garbage",
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=range;x-amz-date, Signature=" + RANGE_SIG,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=" + RANGE_SIG,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130523/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=" + RANGE_SIG,
            "AWS4-HMAC-SHA256",
        };
        for (String a : bad) {
            Map<String, List<String>> h = rangeHeaders(RANGE_SIG);
            h.put("Authorization", List.of(a));
            s3(S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED,
                    () -> verifier(T0).verify(new SigV4Request("GET", "/test.txt", null, h)));
        }
        Map<String, List<String>> h = rangeHeaders(RANGE_SIG);
        h.put("Authorization", List.of("AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg="));
        s3(S3ErrorCode.INVALID_REQUEST, () -> verifier(T0).verify(new SigV4Request("GET", "/test.txt", null, h)));
    }

    @Test
    void missingOrBadDate() {
        Map<String, List<String>> h = rangeHeaders(RANGE_SIG);
        h.remove("x-amz-date");
        s3(S3ErrorCode.ACCESS_DENIED, () -> verifier(T0).verify(new SigV4Request("GET", "/test.txt", null, h)));
        h.put("x-amz-date", List.of("2013-05-24T00:00:00Z"));
        s3(S3ErrorCode.ACCESS_DENIED, () -> verifier(T0).verify(new SigV4Request("GET", "/test.txt", null, h)));
    }

    @Test
    void dateHeaderFallback() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of("examplebucket.s3.amazonaws.com"));
        h.put("Date", List.of("Fri, 24 May 2013 00:00:00 GMT"));
        h.put("x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"));
        TestSigner.sign("GET", "/test.txt", null, h, "UNSIGNED-PAYLOAD", DATE, "us-east-1");
        AuthenticatedRequest r = verifier(T0).verify(new SigV4Request("GET", "/test.txt", null, h));
        assertEquals(PayloadMode.UNSIGNED, r.payloadMode());
        assertNull(r.payloadSha256Hex());
    }

    @Test
    void chunkedUploadExampleSeed() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of("s3.amazonaws.com"));
        h.put("x-amz-date", List.of(DATE));
        h.put("x-amz-storage-class", List.of("REDUCED_REDUNDANCY"));
        h.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                + "x-amz-decoded-content-length;x-amz-storage-class,"
                + "Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"));
        h.put("x-amz-content-sha256", List.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"));
        h.put("Content-Encoding", List.of("aws-chunked"));
        h.put("x-amz-decoded-content-length", List.of("66560"));
        h.put("Content-Length", List.of("66824"));
        AuthenticatedRequest r = verifier(T0).verify(new SigV4Request("PUT", "/examplebucket/chunkObject.txt", null, h));
        assertEquals(PayloadMode.STREAMING_SIGNED, r.payloadMode());
        ChunkSigningContext c = r.chunkSigning();
        assertNotNull(c);
        assertEquals("4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", c.seedSignature());
        assertEquals(DATE, c.amzDate());
        assertEquals("20130524/us-east-1/s3/aws4_request", c.scope());
    }

    @Test
    void payloadModes() {
        assertEquals(PayloadMode.UNSIGNED, SigV4Verifier.payloadMode("UNSIGNED-PAYLOAD"));
        assertEquals(PayloadMode.STREAMING_SIGNED, SigV4Verifier.payloadMode("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"));
        assertEquals(PayloadMode.STREAMING_SIGNED_TRAILER, SigV4Verifier.payloadMode("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"));
        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER, SigV4Verifier.payloadMode("STREAMING-UNSIGNED-PAYLOAD-TRAILER"));
        assertEquals(PayloadMode.SIGNED_HEX, SigV4Verifier.payloadMode(SigV4.EMPTY_SHA256.toUpperCase()));
        s3(S3ErrorCode.NOT_IMPLEMENTED, () -> SigV4Verifier.payloadMode("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"));
        s3(S3ErrorCode.INVALID_ARGUMENT, () -> SigV4Verifier.payloadMode("abc"));
    }

    @Test
    void ecdsaStreamingRejected() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of("localhost:9080"));
        h.put("x-amz-date", List.of(DATE));
        h.put("x-amz-content-sha256", List.of("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"));
        TestSigner.sign("PUT", "/b/k", null, h, "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", DATE, "us-east-1");
        s3(S3ErrorCode.NOT_IMPLEMENTED, () -> verifier(T0).verify(new SigV4Request("PUT", "/b/k", null, h)));
    }

    @Test
    void anonymous() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of("localhost"));
        AuthenticatedRequest r = verifier(T0).verify(new SigV4Request("GET", "/b/k", "list-type=2", h));
        assertTrue(r.anonymous());
        assertNull(r.accessKeyId());
        assertEquals(PayloadMode.UNSIGNED, r.payloadMode());
        h.put("x-amz-content-sha256", List.of("STREAMING-UNSIGNED-PAYLOAD-TRAILER"));
        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER,
                verifier(T0).verify(new SigV4Request("PUT", "/b/k", null, h)).payloadMode());
    }

    @Test
    void keyEdgeCasesRoundTrip() {
        // The client encodes the key per AWS rules and signs the canonical form.
        String[][] keys = {
            {"/bucket/my%20file.txt", "/bucket/my%20file.txt"},
            {"/bucket/a%2Bb", "/bucket/a%2Bb"},
            {"/bucket/100%25", "/bucket/100%25"},
            {"/bucket/%F0%9F%98%80", "/bucket/%F0%9F%98%80"},
            {"/bucket/a/../b", "/bucket/a/../b"},
            {"/bucket//double", "/bucket//double"},
            {"/bucket/a+b", "/bucket/a%2Bb"},  // raw '+' sent, canonical form signed
            {"/bucket/a+b", "/bucket/a+b"},    // raw '+' sent and signed as sent (fallback)
            {"/bucket/k%3a1", "/bucket/k%3a1"}, // lowercase escape signed as sent (fallback)
        };
        for (String[] k : keys) {
            Map<String, List<String>> h = new LinkedHashMap<>();
            h.put("Host", List.of("localhost:9080"));
            h.put("x-amz-date", List.of(DATE));
            h.put("x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"));
            TestSigner.sign("GET", k[1], "versionId=&prefix=a%20b", h, "UNSIGNED-PAYLOAD", DATE, "us-east-1");
            assertEquals(AK, verifier(T0).verify(new SigV4Request("GET", k[0], "prefix=a%20b&versionId", h)).accessKeyId(),
                    k[0] + " signed as " + k[1]);
        }
    }

    // ------------------------------------------------------------------ presigned

    static final String PRESIGNED_QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524"
            + "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    static SigV4Request presigned(String query) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of("examplebucket.s3.amazonaws.com"));
        return new SigV4Request("GET", "/test.txt", query, h);
    }

    @Test
    void presignedExample() {
        AuthenticatedRequest r = verifier(T0.plusSeconds(3600)).verify(presigned(PRESIGNED_QUERY));
        assertEquals(AK, r.accessKeyId());
        assertTrue(r.presigned());
        assertEquals(PayloadMode.UNSIGNED, r.payloadMode());
        // at the very last valid second
        verifier(T0.plusSeconds(86400)).verify(presigned(PRESIGNED_QUERY));
    }

    @Test
    void presignedExpired() {
        S3Exception e = s3(S3ErrorCode.ACCESS_DENIED, () -> verifier(T0.plusSeconds(86401)).verify(presigned(PRESIGNED_QUERY)));
        assertEquals("Request has expired", e.getMessage());
        Map<String, String> x = extras(e);
        assertEquals("86400", x.get("X-Amz-Expires"));
        assertEquals("2013-05-25T00:00:00Z", x.get("Expires"));
        assertEquals("2013-05-25T00:00:01Z", x.get("ServerTime"));
    }

    @Test
    void presignedNotYetValid() {
        verifier(T0.minusSeconds(900)).verify(presigned(PRESIGNED_QUERY));
        S3Exception e = s3(S3ErrorCode.ACCESS_DENIED, () -> verifier(T0.minusSeconds(901)).verify(presigned(PRESIGNED_QUERY)));
        assertEquals("Request is not valid yet", e.getMessage());
    }

    @Test
    void presignedTampered() {
        s3(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, () -> verifier(T0).verify(presigned(PRESIGNED_QUERY + "&extra=1")));
        s3(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, () -> verifier(T0).verify(
                presigned(PRESIGNED_QUERY.replace("X-Amz-Expires=86400", "X-Amz-Expires=86401"))));
    }

    @Test
    void presignedParameterErrors() {
        S3Exception e = s3(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, () -> verifier(T0).verify(
                presigned(PRESIGNED_QUERY.replace("X-Amz-Expires=86400", "X-Amz-Expires=604801"))));
        assertEquals("X-Amz-Expires must be less than a week (in seconds) that is; 604800", e.getMessage());
        s3(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, () -> verifier(T0).verify(
                presigned(PRESIGNED_QUERY.replace("X-Amz-Expires=86400", "X-Amz-Expires=0"))));
        s3(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, () -> verifier(T0).verify(
                presigned(PRESIGNED_QUERY.replace("X-Amz-Expires=86400", "X-Amz-Expires=abc"))));
        s3(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, () -> verifier(T0).verify(
                presigned(PRESIGNED_QUERY.replace("&X-Amz-SignedHeaders=host", ""))));
        s3(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, () -> verifier(T0).verify(
                presigned(PRESIGNED_QUERY.replace("X-Amz-Date=20130524T000000Z", "X-Amz-Date=2013"))));
        S3Exception r = s3(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                () -> verifier(T0, "eu-west-1").verify(presigned(PRESIGNED_QUERY)));
        assertEquals("eu-west-1", extras(r).get("Region"));
        s3(S3ErrorCode.INVALID_ACCESS_KEY_ID, () -> verifier(T0).verify(
                presigned(PRESIGNED_QUERY.replace("AKIAIOSFODNN7EXAMPLE", "AKIDNOPE"))));
    }

    @Test
    void bothAuthMechanismsRejected() {
        SigV4Request p = presigned(PRESIGNED_QUERY);
        Map<String, List<String>> h = new LinkedHashMap<>(p.headers());
        h.put("Authorization", rangeHeaders(RANGE_SIG).get("Authorization"));
        s3(S3ErrorCode.INVALID_ARGUMENT, () -> verifier(T0).verify(new SigV4Request("GET", "/test.txt", PRESIGNED_QUERY, h)));
    }
}
