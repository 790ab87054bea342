package io.ghostbay.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.SplittableRandom;

/**
 * A pseudo-random body of any length that is generated while it is sent, never held in memory.
 *
 * <p>To keep the client cheap (a byte-by-byte PRNG would cost a client core at GB/s rates), a
 * 4 MiB pool of random bytes is made once and the stream is the concatenation of 64 KiB slices
 * of it taken at pseudo-random offsets. The content does not repeat at any fixed period, so it
 * does not compress or deduplicate trivially, and writing it costs one copy into the socket.
 */
public final class GeneratedBody implements Body {

    static final int POOL = 4 << 20;
    static final int SLICE = 64 << 10;
    private static final byte[] POOL_BYTES = new byte[POOL + SLICE];

    static {
        SplittableRandom r = new SplittableRandom(0x6B05_7BA4L);
        for (int i = 0; i < POOL_BYTES.length; i += 8) {
            long v = r.nextLong();
            for (int j = 0; j < 8 && i + j < POOL_BYTES.length; j++) {
                POOL_BYTES[i + j] = (byte) (v >>> (8 * j));
            }
        }
    }

    private final long length;
    private final long seed;

    public GeneratedBody(long length, long seed) {
        this.length = length;
        this.seed = seed;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public boolean replayable() {
        return false; // too big to resend silently; a failure is reported instead
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(SLICE, left);
            out.write(POOL_BYTES, r.nextInt(POOL), n);
            left -= n;
        }
    }

    @Override
    public InputStream openStream() {
        return new InputStream() {
            private final SplittableRandom r = new SplittableRandom(seed);
            private long left = length;
            private int off;
            private int avail;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int o, int len) {
                if (left == 0) {
                    return -1;
                }
                if (avail == 0) {
                    off = r.nextInt(POOL);
                    avail = (int) Math.min(SLICE, left);
                }
                int n = Math.min(len, avail);
                System.arraycopy(POOL_BYTES, off, b, o, n);
                off += n;
                avail -= n;
                left -= n;
                return n;
            }
        };
    }
}
