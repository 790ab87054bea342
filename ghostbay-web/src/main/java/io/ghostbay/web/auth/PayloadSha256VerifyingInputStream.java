package io.ghostbay.web.auth;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Passes a body through while computing its SHA-256; when the underlying stream reports EOF the
 * digest is compared with the {@code x-amz-content-sha256} hex value, and a mismatch raises
 * {@link S3Exception} X_AMZ_CONTENT_SHA256_MISMATCH instead of returning EOF. Not thread-safe.
 */
public final class PayloadSha256VerifyingInputStream extends InputStream {

    private final InputStream in;
    private final String expectedHex;
    private final MessageDigest md = SigV4.newSha256();
    private String computedHex;
    private S3Exception failure;

    public PayloadSha256VerifyingInputStream(InputStream in, String expectedSha256Hex) {
        this.in = in;
        this.expectedHex = expectedSha256Hex.strip().toLowerCase(Locale.ROOT);
    }

    /** The computed digest (lowercase hex) once EOF was reached, else null. */
    public String computedSha256Hex() {
        return computedHex;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (computedHex != null) {
            return -1;
        }
        int n = in.read(b, off, len);
        if (n > 0) {
            md.update(b, off, n);
        } else if (n < 0) {
            computedHex = SigV4.hex(md.digest());
            if (!computedHex.equals(expectedHex)) {
                failure = S3Exception.of(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH)
                        .with("ClientComputedContentSHA256", expectedHex)
                        .with("S3ComputedContentSHA256", computedHex);
                throw failure;
            }
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return computedHex != null ? 0 : in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
