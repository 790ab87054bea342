package it.io.ghostbay.s3;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/** Local computation of the S3 flexible checksums (base64 of the big-endian value / digest). */
public final class Checksums {
    private static final long CRC64NVME_POLY = 0x9a6c9329ac4bc9b5L; // reflected 0xad93d23594c93659
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ CRC64NVME_POLY : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private Checksums() {
    }

    public static long crc64nvme(byte[] data) {
        long crc = -1L;
        for (byte b : data) {
            crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
        }
        return ~crc;
    }

    /** Base64 checksum value as S3 puts it in x-amz-checksum-<alg>; alg is the S3 name (CRC32, CRC64NVME, ...). */
    public static String base64(String alg, byte[] data) {
        switch (alg) {
            case "CRC32": {
                CRC32 c = new CRC32();
                c.update(data);
                return b64Int((int) c.getValue());
            }
            case "CRC32C": {
                CRC32C c = new CRC32C();
                c.update(data);
                return b64Int((int) c.getValue());
            }
            case "CRC64NVME":
                return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(crc64nvme(data)).array());
            case "SHA1":
                return Base64.getEncoder().encodeToString(S3TestBase.digest("SHA-1", data));
            case "SHA256":
                return Base64.getEncoder().encodeToString(S3TestBase.digest("SHA-256", data));
            default:
                throw new IllegalArgumentException(alg);
        }
    }

    private static String b64Int(int v) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt(v).array());
    }
}
