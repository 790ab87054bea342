package io.ghostbay.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

class SigV4SignerTest {

    private static final String AK = "AKIDEXAMPLE";
    private static final String SK = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /** AWS's published SigV4 test suite, case "get-vanilla". */
    @Test
    void getVanillaTestVector() {
        SigV4Signer signer = new SigV4Signer(AK, SK, "us-east-1", "service");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "example.amazonaws.com");
        headers.put("X-Amz-Date", "20150830T123600Z");
        String auth = signer.authorization("GET", "/", "", headers, SigV4Signer.EMPTY_SHA256,
                "20150830T123600Z");
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", auth);
    }

    /** AWS test suite "get-vanilla-query-order-key-case": parameters sorted by name. */
    @Test
    void queryOrderTestVector() {
        SigV4Signer signer = new SigV4Signer(AK, SK, "us-east-1", "service");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("Param2", "value2");
        q.put("Param1", "value1");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "example.amazonaws.com");
        headers.put("X-Amz-Date", "20150830T123600Z");
        String auth = signer.authorization("GET", "/", SigV4Signer.canonicalQuery(q), headers,
                SigV4Signer.EMPTY_SHA256, "20150830T123600Z");
        assertEquals("Param1=value1&Param2=value2", SigV4Signer.canonicalQuery(q));
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", auth);
    }

    /**
     * The presigned GET in AWS's S3 API reference, "Authenticating Requests: Using Query
     * Parameters (AWS Signature Version 4)": bucket examplebucket (virtual-host style), key
     * test.txt, signed 2013-05-24T00:00:00Z in us-east-1, valid 86400 seconds.
     */
    @Test
    void presignedUrlMatchesAwsDocumentationExample() {
        SigV4Signer signer = new SigV4Signer("AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3");
        URI url = signer.presignedUrl("GET", URI.create("https://examplebucket.s3.amazonaws.com"),
                "/test.txt", Map.of(), Instant.parse("2013-05-24T00:00:00Z"), 86400);
        assertEquals("https://examplebucket.s3.amazonaws.com/test.txt"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z"
                + "&X-Amz-Expires=86400"
                + "&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                url.toString());
    }

    @Test
    void presignedUrlKeepsEndpointPortAndBasePathButNotDefaultPort() {
        SigV4Signer signer = new SigV4Signer(AK, SK, "us-east-1", "s3");
        Instant when = Instant.parse("2024-02-29T23:59:59Z");
        String withPort = signer.presignedUrl("GET", URI.create("http://127.0.0.1:9000/gb/"),
                "/b/k", Map.of(), when, 60).toString();
        assertEquals("http://127.0.0.1:9000/gb/b/k?", withPort.substring(0, withPort.indexOf('?') + 1));
        // Same signature as presigning for that host and path directly.
        assertEquals(withPort.substring(withPort.indexOf('?') + 1), signer.presignedQuery("GET",
                "127.0.0.1:9000", "/gb/b/k", Map.of(), "20240229T235959Z", 60));
        assertEquals("example.com", SigV4Signer.hostHeader(URI.create("https://example.com:443")));
        assertEquals("example.com", SigV4Signer.hostHeader(URI.create("http://example.com:80")));
        assertEquals("example.com:443", SigV4Signer.hostHeader(URI.create("http://example.com:443")));
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "604801"})
    void presignedExpiryOutsideOneSecondToSevenDaysIsRefused(long seconds) {
        SigV4Signer signer = new SigV4Signer(AK, SK, "us-east-1", "s3");
        assertThrows(IllegalArgumentException.class, () -> signer.presignedQuery("GET", "h", "/b/k",
                Map.of(), "20240229T235959Z", seconds));
    }

    /** Cross-check presigned URLs against the AWS SDK v2 signer's query-string mode. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET | /bucket/test.txt           | 86400  | ",
        "PUT | /bucket/dir one/ke+y=€ü&x  | 604800 | ",
        "GET | /bucket/k                  | 1      | response-content-type=text/plain; charset=utf-8",
        "PUT | /bucket/big                | 3600   | partNumber=3&uploadId=2~a+b/c=_d",
    })
    void presignedUrlMatchesAwsSdkSigner(String method, String rawPath, long expires,
                                         String rawQuery) {
        String host = "127.0.0.1:18081";
        String region = "eu-west-3";
        Instant when = Instant.parse("2024-02-29T23:59:59Z");
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String kv : rawQuery.split("&")) {
                int eq = kv.indexOf('=');
                query.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        String encodedPath = SigV4Signer.uriEncode(rawPath, true);

        String ours = new SigV4Signer(AK, SK, region, "s3").presignedQuery(method, host,
                encodedPath, query, SigV4Signer.amzDate(when), expires);

        SdkHttpRequest.Builder rb = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("https://" + host + encodedPath));
        query.forEach(rb::putRawQueryParameter);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(AK, SK))
                .request(rb.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(expires))
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(when, ZoneOffset.UTC)));
        Map<String, java.util.List<String>> sdkQuery = signed.request().rawQueryParameters();
        Map<String, String> oursQuery = new LinkedHashMap<>();
        for (String kv : ours.split("&")) {
            int eq = kv.indexOf('=');
            oursQuery.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        assertEquals(SigV4Signer.uriEncode(sdkQuery.get("X-Amz-Credential").get(0), false),
                oursQuery.get("X-Amz-Credential"));
        assertEquals(sdkQuery.get("X-Amz-SignedHeaders").get(0), oursQuery.get("X-Amz-SignedHeaders"));
        assertEquals(sdkQuery.get("X-Amz-Expires").get(0), oursQuery.get("X-Amz-Expires"));
        assertEquals(sdkQuery.get("X-Amz-Signature").get(0), oursQuery.get("X-Amz-Signature"));
    }

    @Test
    void uriEncoding() {
        assertEquals("a/b%20c/%E2%82%AC~_-.", SigV4Signer.uriEncode("a/b c/\u20ac~_-.", true));
        assertEquals("a%2Fb%2Bc%3D", SigV4Signer.uriEncode("a/b+c=", false));
    }

    /** Cross-check against the AWS SDK v2 signer on the requests the benchmark actually sends. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET    | /bench-1/gbbench-x/small/obj-17         |                                     | false",
        "PUT    | /bench-1/gbbench-x/small/obj-17         |                                     | true",
        "PUT    | /bench-1/dir one/ke+y=€ü&x              |                                     | true",
        "DELETE | /bench-1/gbbench-x/list/dir-001/obj-00100 |                                   | false",
        "PUT    | /bench-1                                |                                     | false",
        "GET    | /bench-1                                | list-type=2&max-keys=1000&prefix=gbbench-x/list/&delimiter=/ | false",
        "GET    | /bench-1                                | list-type=2&max-keys=1000&continuation-token=1/ab+c==&prefix=a b | false",
        "POST   | /bench-1/gbbench-x/large/multipart      | uploads=                            | false",
        "PUT    | /bench-1/gbbench-x/large/multipart      | partNumber=12&uploadId=2~a+b/c=_d    | true",
        "POST   | /bench-1/gbbench-x/large/multipart      | uploadId=2~a+b/c=_d                  | true",
        "DELETE | /bench-1/gbbench-x/large/multipart      | uploadId=2~a+b/c=_d                  | false",
        "HEAD   | /bench-1/gbbench-x/large/multipart      |                                     | false",
    })
    void matchesAwsSdkSigner(String method, String rawPath, String rawQuery, boolean unsignedBody) {
        String host = "127.0.0.1:18081";
        String region = "eu-west-3";
        String amzDate = "20240229T235959Z";
        Instant when = Instant.parse("2024-02-29T23:59:59Z");

        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String kv : rawQuery.split("&")) {
                int eq = kv.indexOf('=');
                query.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        String encodedPath = SigV4Signer.uriEncode(rawPath, true);
        String payloadHash = unsignedBody ? SigV4Signer.UNSIGNED_PAYLOAD : SigV4Signer.EMPTY_SHA256;

        // Ours
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("x-amz-content-sha256", payloadHash);
        headers.put("x-amz-date", amzDate);
        String ours = new SigV4Signer(AK, SK, region, "s3").authorization(method, encodedPath,
                SigV4Signer.canonicalQuery(query), headers, payloadHash, amzDate);

        // AWS SDK v2
        SdkHttpRequest.Builder rb = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                // https: the SDK only honours PAYLOAD_SIGNING_ENABLED=false (UNSIGNED-PAYLOAD) over
                // TLS. The scheme is not part of what is signed.
                .uri(URI.create("https://" + host + encodedPath))
                .putHeader("x-amz-content-sha256", payloadHash);
        query.forEach(rb::putRawQueryParameter);
        byte[] body = unsignedBody ? "hello".getBytes(StandardCharsets.UTF_8) : new byte[0];
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(AK, SK))
                .request(rb.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, !unsignedBody)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(when, ZoneOffset.UTC)));
        SdkHttpRequest sdk = signed.request();
        assertEquals(amzDate, sdk.firstMatchingHeader("X-Amz-Date").orElseThrow());
        assertEquals(payloadHash, sdk.firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        assertEquals(sdk.firstMatchingHeader("Authorization").orElseThrow(), ours);
    }
}
