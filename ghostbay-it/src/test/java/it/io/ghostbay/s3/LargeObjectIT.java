package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Streams 1 GiB up and down; the CI server runs with -Xmx256m, so this proves streaming on both sides. */
class LargeObjectIT extends S3TestBase {
    static final long SIZE = 1L << 30;

    /** Deterministic pseudo-random bytes (xorshift64*), never held in memory. */
    static final class PseudoRandomStream extends InputStream {
        private final long size;
        private long pos;
        private long state;
        private long word;

        PseudoRandomStream(long size, long seed) {
            this.size = size;
            this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        }

        private byte next() {
            if ((pos & 7) == 0) {
                state ^= state >>> 12;
                state ^= state << 25;
                state ^= state >>> 27;
                word = state * 0x2545F4914F6CDD1DL;
            }
            byte b = (byte) (word >>> ((pos & 7) * 8));
            pos++;
            return b;
        }

        @Override
        public int read() {
            return pos >= size ? -1 : next() & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = next();
            }
            return n;
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void oneGibStreamsUpAndDown() throws Exception {
        long seed = System.nanoTime();
        MessageDigest local = MessageDigest.getInstance("MD5");
        try (InputStream in = new DigestInputStream(new PseudoRandomStream(SIZE, seed), local)) {
            byte[] buf = new byte[1 << 20];
            while (in.read(buf) != -1) {
                // digest only
            }
        }
        String localMd5 = HexFormat.of().formatHex(local.digest());

        try (S3Client big = newClient(b -> b.overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMinutes(10))
                .apiCallAttemptTimeout(Duration.ofMinutes(10))))) {
            PutObjectResponse put = big.putObject(r -> r.bucket(bucket).key("big").contentLength(SIZE),
                    RequestBody.fromContentProvider(() -> new PseudoRandomStream(SIZE, seed), SIZE,
                            "application/octet-stream"));
            assertEquals("\"" + localMd5 + "\"", put.eTag(), "PutObject ETag vs local MD5");

            assertEquals(SIZE, big.headObject(r -> r.bucket(bucket).key("big")).contentLength());

            MessageDigest remote = MessageDigest.getInstance("MD5");
            long read = 0;
            String etag;
            try (ResponseInputStream<GetObjectResponse> in = big.getObject(r -> r.bucket(bucket).key("big"))) {
                etag = in.response().eTag();
                assertEquals(SIZE, in.response().contentLength());
                byte[] buf = new byte[1 << 20];
                int n;
                while ((n = in.read(buf)) != -1) {
                    remote.update(buf, 0, n);
                    read += n;
                }
            }
            assertEquals(SIZE, read, "bytes downloaded");
            assertEquals(localMd5, HexFormat.of().formatHex(remote.digest()), "downloaded MD5 vs local MD5");
            assertEquals("\"" + localMd5 + "\"", etag, "GetObject ETag vs local MD5");

            // a ranged read from the middle of the large object
            long off = SIZE / 2 + 12345;
            byte[] expected = new byte[100];
            try (InputStream gen = new PseudoRandomStream(SIZE, seed)) {
                gen.skipNBytes(off);
                gen.readNBytes(expected, 0, 100);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            byte[] got = big.getObjectAsBytes(r -> r.bucket(bucket).key("big")
                    .range("bytes=" + off + "-" + (off + 99))).asByteArray();
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, got, "range in the middle of 1 GiB");
        }
    }
}
