package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

class PresignedIT extends S3TestBase {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "expect", "connection");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private S3Presigner presigner;

    @BeforeEach
    void createPresigner() {
        presigner = S3Presigner.builder()
                .endpointOverride(cfg.endpoint)
                .region(Region.of(cfg.region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(cfg.accessKey, cfg.secretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    @AfterEach
    void closePresigner() {
        presigner.close();
    }

    private static HttpRequest.Builder withSignedHeaders(HttpRequest.Builder b, Map<String, List<String>> signed) {
        signed.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return b;
    }

    @Test
    void presignedGet() throws Exception {
        byte[] data = randomBytes(12345);
        put("dir/pre signed+key", data);
        PresignedGetObjectRequest p = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(bucket).key("dir/pre signed+key")));
        HttpResponse<byte[]> resp = http.send(withSignedHeaders(HttpRequest.newBuilder(p.url().toURI()),
                p.signedHeaders()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, resp.statusCode(), new String(resp.body()));
        assertArrayEquals(data, resp.body());
        assertEquals(quotedMd5(data), resp.headers().firstValue("ETag").orElse(null));
    }

    @Test
    void presignedPut() throws Exception {
        byte[] data = randomBytes(54321);
        PresignedPutObjectRequest p = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(g -> g.bucket(bucket).key("uploaded").contentType("application/x-test")));
        HttpResponse<byte[]> resp = http.send(withSignedHeaders(HttpRequest.newBuilder(p.url().toURI()),
                p.signedHeaders()).PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, resp.statusCode(), new String(resp.body()));
        assertEquals(quotedMd5(data), resp.headers().firstValue("ETag").orElse(null));
        assertArrayEquals(data, get("uploaded"));
        assertEquals("application/x-test", s3.headObject(r -> r.bucket(bucket).key("uploaded")).contentType());
    }

    @Test
    void tamperedPresignedUrlIsRejected() throws Exception {
        put("k", "x");
        PresignedGetObjectRequest p = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(bucket).key("k")));
        String url = p.url().toString().replace("/k?", "/other?");
        HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        RawResponse r = new RawResponse(resp.statusCode(), "HTTP " + resp.statusCode(), resp.headers().map(), resp.body());
        r.assertError(403, "SignatureDoesNotMatch");
    }

    @Test
    void expiredPresignedUrlIsAccessDenied() throws Exception {
        put("k", "secret");
        PresignedGetObjectRequest get = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofSeconds(1))
                .getObjectRequest(g -> g.bucket(bucket).key("k")));
        PresignedPutObjectRequest putReq = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofSeconds(1))
                .putObjectRequest(g -> g.bucket(bucket).key("late")));
        Thread.sleep(2000);
        HttpResponse<byte[]> resp = http.send(withSignedHeaders(HttpRequest.newBuilder(get.url().toURI()),
                get.signedHeaders()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        new RawResponse(resp.statusCode(), "HTTP " + resp.statusCode(), resp.headers().map(), resp.body())
                .assertError(403, "AccessDenied");
        HttpResponse<byte[]> resp2 = http.send(withSignedHeaders(HttpRequest.newBuilder(putReq.url().toURI()),
                putReq.signedHeaders()).PUT(HttpRequest.BodyPublishers.ofString("late")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        new RawResponse(resp2.statusCode(), "HTTP " + resp2.statusCode(), resp2.headers().map(), resp2.body())
                .assertError(403, "AccessDenied");
        assertFalse(exists("late"));
    }

    @Test
    void aPresignedUrlIsBoundToItsMethodHostAndSignedHeaders() throws Exception {
        put("k", "original");
        PresignedGetObjectRequest get = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(bucket).key("k")));
        // the GET URL used for a PUT
        HttpResponse<byte[]> asPut = http.send(HttpRequest.newBuilder(get.url().toURI())
                .PUT(HttpRequest.BodyPublishers.ofString("overwritten")).build(), HttpResponse.BodyHandlers.ofByteArray());
        new RawResponse(asPut.statusCode(), "HTTP " + asPut.statusCode(), asPut.headers().map(), asPut.body())
                .assertError(403, "SignatureDoesNotMatch");
        // the same URL sent to another Host name
        String target = get.url().toURI().getRawPath() + "?" + get.url().toURI().getRawQuery();
        RawResponse otherHost = RawRequest.path("GET", target).unsigned().host("evil.example:" + cfg.port()).sendSocket();
        otherHost.assertError(403, "SignatureDoesNotMatch");
        // a signed header (Content-Type of a presigned PUT) changed by the sender
        PresignedPutObjectRequest p = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(g -> g.bucket(bucket).key("k").contentType("text/plain")));
        HttpResponse<byte[]> wrongType = http.send(HttpRequest.newBuilder(p.url().toURI()).header("Content-Type", "text/html")
                .PUT(HttpRequest.BodyPublishers.ofString("<script>")).build(), HttpResponse.BodyHandlers.ofByteArray());
        new RawResponse(wrongType.statusCode(), "HTTP " + wrongType.statusCode(), wrongType.headers().map(), wrongType.body())
                .assertError(403, "SignatureDoesNotMatch");
        assertEquals("original", new String(get("k")));
    }
}
