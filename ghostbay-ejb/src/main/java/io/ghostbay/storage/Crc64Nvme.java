package io.ghostbay.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME (the algorithm S3 calls {@code CRC64NVME}): reflected, polynomial
 * 0xad93d23594c93659 (reversed form 0x9a6c9329ac4bc9b5), init and xorout all ones.
 * Check value for ASCII "123456789" is 0xae8b14860a799888.
 * Table-driven, slice-by-8. Not thread-safe (one instance per stream).
 */
public final class Crc64Nvme implements Checksum {

    /** Reversed (reflected) polynomial. */
    public static final long POLY_REFLECTED = 0x9a6c9329ac4bc9b5L;

    private static final long[][] T = new long[8][256];
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1L) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
            }
            T[0][i] = crc;
        }
        for (int i = 0; i < 256; i++) {
            long crc = T[0][i];
            for (int t = 1; t < 8; t++) {
                crc = (crc >>> 8) ^ T[0][(int) (crc & 0xff)];
                T[t][i] = crc;
            }
        }
    }

    /** Internal register (pre-xorout). */
    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = (crc >>> 8) ^ T[0][(int) ((crc ^ b) & 0xff)];
    }

    @Override
    public void update(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new ArrayIndexOutOfBoundsException();
        }
        long c = crc;
        final long[] t0 = T[0], t1 = T[1], t2 = T[2], t3 = T[3], t4 = T[4], t5 = T[5], t6 = T[6], t7 = T[7];
        int i = off;
        final int end = off + len;
        while (end - i >= 8) {
            c ^= (long) LONG_LE.get(b, i);
            c = t7[(int) (c & 0xff)]
                    ^ t6[(int) ((c >>> 8) & 0xff)]
                    ^ t5[(int) ((c >>> 16) & 0xff)]
                    ^ t4[(int) ((c >>> 24) & 0xff)]
                    ^ t3[(int) ((c >>> 32) & 0xff)]
                    ^ t2[(int) ((c >>> 40) & 0xff)]
                    ^ t1[(int) ((c >>> 48) & 0xff)]
                    ^ t0[(int) (c >>> 56)];
            i += 8;
        }
        while (i < end) {
            c = (c >>> 8) ^ t0[(int) ((c ^ b[i++]) & 0xff)];
        }
        crc = c;
    }

    /** The CRC value (after xorout). */
    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }

    /** The CRC as 8 big-endian bytes (the form S3 base64-encodes). */
    public byte[] digestBytes() {
        long v = getValue();
        byte[] out = new byte[8];
        for (int k = 7; k >= 0; k--) {
            out[k] = (byte) v;
            v >>>= 8;
        }
        return out;
    }

    /** One-shot convenience. */
    public static long compute(byte[] b, int off, int len) {
        Crc64Nvme c = new Crc64Nvme();
        c.update(b, off, len);
        return c.getValue();
    }
}
