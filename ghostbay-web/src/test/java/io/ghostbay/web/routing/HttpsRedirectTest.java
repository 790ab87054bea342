package io.ghostbay.web.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The pure parts of the optional HTTP→HTTPS redirect (GHOSTBAY_TLS_REDIRECT_HTTP). */
class HttpsRedirectTest {

    @Test
    void keepsHostPathAndQueryAndSwitchesPort() {
        assertEquals("https://s3.example.com:9443/photos/a%20b.jpg?versionId=null",
                S3ServletFilter.httpsLocation("s3.example.com", 9443, "/photos/a%20b.jpg", "versionId=null"));
        assertEquals("https://s3.example.com/photos", S3ServletFilter.httpsLocation("s3.example.com", 443, "/photos", null));
        assertEquals("https://[::1]:9443/", S3ServletFilter.httpsLocation("::1", 9443, "/", null));
        assertEquals("https://[::1]:9443/", S3ServletFilter.httpsLocation("[::1]", 9443, "/", null));
    }

    @Test
    void probesAreRecognisedByWholeSegments() {
        assertTrue(S3ServletFilter.isProbe("/health"));
        assertTrue(S3ServletFilter.isProbe("/health/ready"));
        assertTrue(S3ServletFilter.isProbe("/metrics"));
        assertFalse(S3ServletFilter.isProbe("/healthy/object"));
        assertFalse(S3ServletFilter.isProbe("/metrics-2026"));
        assertFalse(S3ServletFilter.isProbe("/"));
    }
}
