package io.ghostbay.web.auth;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PayloadSha256VerifyingInputStreamTest {

    static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);
    /** python3: hashlib.sha256(b"hello world").hexdigest() */
    static final String HELLO_SHA = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

    @Test
    void matchingDigestPasses() throws IOException {
        PayloadSha256VerifyingInputStream in = new PayloadSha256VerifyingInputStream(
                new ByteArrayInputStream(HELLO), HELLO_SHA.toUpperCase());
        assertArrayEquals(HELLO, in.readAllBytes());
        assertEquals(HELLO_SHA, in.computedSha256Hex());
        assertEquals(-1, in.read());
    }

    @Test
    void emptyBody() throws IOException {
        PayloadSha256VerifyingInputStream in = new PayloadSha256VerifyingInputStream(
                new ByteArrayInputStream(new byte[0]), SigV4.EMPTY_SHA256);
        assertEquals(-1, in.read());
    }

    @Test
    void mismatchRaisesAtEof() throws IOException {
        PayloadSha256VerifyingInputStream in = new PayloadSha256VerifyingInputStream(
                new ByteArrayInputStream(HELLO), SigV4.EMPTY_SHA256);
        byte[] b = new byte[11];
        assertEquals(11, in.read(b, 0, 11));
        S3Exception e = assertThrows(S3Exception.class, () -> in.read(b, 0, 11));
        assertEquals(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH, e.code());
        Map<String, String> x = e.extraElements().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(SigV4.EMPTY_SHA256, x.get("ClientComputedContentSHA256"));
        assertEquals(HELLO_SHA, x.get("S3ComputedContentSHA256"));
        assertThrows(S3Exception.class, in::read);
    }
}
