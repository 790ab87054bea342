package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/**
 * Virtual-host addressing: {bucket}.{domain} in the Host header. The name does not resolve, so requests go to
 * the endpoint's address over a raw socket with the Host header set and signed.
 */
class VirtualHostIT extends S3TestBase {

    private String vhost() {
        return bucket + "." + cfg.domain.orElseThrow() + ":" + cfg.port();
    }

    @BeforeEach
    void requireDomain() {
        Assumptions.assumeTrue(cfg.domain.isPresent(), "ghostbay.it.domain not set: virtual-host tests skipped");
    }

    @Test
    void putAndGetViaVirtualHost() {
        byte[] data = randomBytes(4321);
        String key = "dir/v host+key";
        RawResponse put = RawRequest.path("PUT", "/" + SigV4.uriEncode(key, true)).host(vhost()).body(data)
                .sendSocket();
        assertEquals(200, put.status, put.describe());
        assertEquals(quotedMd5(data), put.header("ETag"));
        assertArrayEquals(data, get(key), "object stored in the bucket named by the Host header");

        RawResponse get = RawRequest.path("GET", "/" + SigV4.uriEncode(key, true)).host(vhost()).sendSocket();
        assertEquals(200, get.status, get.describe());
        assertArrayEquals(data, get.body);
    }

    @Test
    void listViaVirtualHost() {
        put("a", "1");
        RawResponse list = RawRequest.path("GET", "/").query("list-type", "2").host(vhost()).sendSocket();
        assertEquals(200, list.status, list.describe());
        assertEquals(bucket, list.xmlElement("Name"));
        assertTrue(list.bodyText().contains("<Key>a</Key>"), list.describe());
    }

    @Test
    void signatureCoversTheHostHeader() {
        // signed for the virtual host, sent with another bucket's host: must not verify
        RawRequest req = RawRequest.path("GET", "/").query("list-type", "2").host(vhost());
        byte[] head = req.head(null, true);
        String tampered = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("Host: " + vhost(), "Host: other" + vhost());
        try (java.net.Socket s = RawRequest.openSocket()) {
            s.getOutputStream().write(tampered.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            RawResponse r = RawRequest.readResponse(s.getInputStream(), false, true);
            assertTrue(r.status == 403 || r.status == 404, r.describe());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void missingBucketViaVirtualHostIsNoSuchBucket() {
        String host = randomBucketName() + "." + cfg.domain.orElseThrow() + ":" + cfg.port();
        RawRequest.path("GET", "/k").host(host).sendSocket().assertError(404, "NoSuchBucket");
    }
}
