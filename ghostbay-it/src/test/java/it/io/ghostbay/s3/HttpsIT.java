package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The HTTPS endpoint with the certificate Liberty generated on the first start: the AWS SDK (default
 * configuration, chunked uploads and checksums on) trusts exactly that certificate; HSTS is sent on
 * HTTPS only; aws:SecureTransport in bucket policies reflects the real scheme.
 */
class HttpsIT extends S3TestBase {
    private static TrustManagerFactory trustGenerated;

    /** Trusts only the server's own self-signed certificate, read from its keystore. */
    @BeforeAll
    static void trustTheGeneratedCertificate() throws IOException, GeneralSecurityException {
        ItConfig cfg = ItConfig.get();
        Path serverEnv = cfg.serverDir.resolve("server.env");
        String password = Files.readAllLines(serverEnv).stream().filter(l -> l.startsWith("keystore_password="))
                .map(l -> l.substring("keystore_password=".length()).trim()).findFirst()
                .orElseThrow(() -> new AssertionError("no keystore_password in " + serverEnv));
        KeyStore serverKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(cfg.serverDir.resolve("resources/security/key.p12"))) {
            serverKeys.load(in, password.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (String alias : Collections.list(serverKeys.aliases())) {
            Certificate cert = serverKeys.getCertificate(alias);
            if (cert != null) {
                trusted.setCertificateEntry(alias, cert);
            }
        }
        trustGenerated = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustGenerated.init(trusted);
    }

    private S3Client httpsClient(boolean anonymous) {
        return newClient(b -> {
            b.endpointOverride(cfg.httpsEndpoint)
                    .httpClientBuilder(ApacheHttpClient.builder().tlsTrustManagersProvider(trustGenerated::getTrustManagers));
            if (anonymous) {
                b.credentialsProvider(AnonymousCredentialsProvider.create());
            }
        });
    }

    private HttpClient javaClient() throws GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustGenerated.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    @Test
    void theSdkStoresAndFetchesOverHttps() {
        byte[] data = randomBytes(300_000);
        try (S3Client tls = httpsClient(false)) {
            tls.putObject(r -> r.bucket(bucket).key("over/tls.bin"), RequestBody.fromBytes(data));
            assertArrayEquals(data, tls.getObjectAsBytes(r -> r.bucket(bucket).key("over/tls.bin")).asByteArray());
        }
        // the same catalog and blobs as the plain endpoint
        assertArrayEquals(data, get("over/tls.bin"));
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() {
        try (S3Client untrusting = newClient(b -> b.endpointOverride(cfg.httpsEndpoint))) {
            SdkClientException e = assertThrows(SdkClientException.class, untrusting::listBuckets);
            Throwable t = e;
            while (t != null && !(t instanceof SSLHandshakeException)) {
                t = t.getCause();
            }
            assertTrue(t instanceof SSLHandshakeException, "expected a TLS handshake failure, got " + e);
        }
    }

    @Test
    void hstsOnHttpsOnly() throws Exception {
        HttpResponse<Void> secure = javaClient().send(HttpRequest.newBuilder(URI.create(cfg.httpsEndpoint + "/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(403, secure.statusCode(), "anonymous ListBuckets is refused");
        assertTrue(secure.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="),
                secure.headers().map().toString());
        assertEquals("nosniff", secure.headers().firstValue("X-Content-Type-Options").orElse(null));
        RawResponse plain = RawRequest.path("GET", "/").unsigned().send();
        assertNull(plain.header("Strict-Transport-Security"));
        assertEquals("nosniff", plain.header("X-Content-Type-Options"));
    }

    @Test
    void secureTransportConditionSeesTheRealScheme() {
        put("doc.txt", "only over tls");
        s3.putBucketPolicy(r -> r.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"));
        try (S3Client tls = httpsClient(true);
             S3Client plain = newClient(b -> b.credentialsProvider(AnonymousCredentialsProvider.create()))) {
            assertEquals("only over tls", tls.getObjectAsBytes(r -> r.bucket(bucket).key("doc.txt")).asUtf8String());
            assertS3Error(403, "AccessDenied", () -> plain.getObject(r -> r.bucket(bucket).key("doc.txt")));
        } finally {
            s3.deleteBucketPolicy(r -> r.bucket(bucket));
        }
    }
}
