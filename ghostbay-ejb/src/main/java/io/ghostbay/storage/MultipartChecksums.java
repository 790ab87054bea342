package io.ghostbay.storage;

import java.util.Base64;
import java.util.List;

/**
 * The checksum of a completed multipart object from its parts' checksums, without reading any data:
 * <ul>
 *   <li>COMPOSITE (all algorithms but CRC64NVME): the algorithm applied to the concatenated binary part
 *       checksums, then {@code -N} (AWS's "checksum of checksums");</li>
 *   <li>FULL_OBJECT (CRC32, CRC32C, CRC64NVME): the CRC of the whole object, obtained by combining the
 *       part CRCs with their lengths (zlib's crc32_combine, in GF(2)), as if the object were read in one go.</li>
 * </ul>
 */
public final class MultipartChecksums {
    private MultipartChecksums() {
    }

    /** One part's checksum (base64, as stored) and size. */
    public record Part(String checksumBase64, long size) {
    }

    public static boolean supportsFullObject(ChecksumAlgorithm a) {
        return a == ChecksumAlgorithm.CRC32 || a == ChecksumAlgorithm.CRC32C || a == ChecksumAlgorithm.CRC64NVME;
    }

    public static boolean supportsComposite(ChecksumAlgorithm a) {
        return a != ChecksumAlgorithm.CRC64NVME;
    }

    /** AWS's default type when CreateMultipartUpload names an algorithm but no type. */
    public static String defaultType(ChecksumAlgorithm a) {
        return a == ChecksumAlgorithm.CRC64NVME ? "FULL_OBJECT" : "COMPOSITE";
    }

    public static String composite(ChecksumAlgorithm a, List<Part> parts) {
        ChecksumAlgorithm.Hasher h = a.newHasher();
        for (Part p : parts) {
            byte[] raw = Base64.getDecoder().decode(p.checksumBase64());
            h.update(raw, 0, raw.length);
        }
        return h.digestBase64() + "-" + parts.size();
    }

    public static String fullObject(ChecksumAlgorithm a, List<Part> parts) {
        int width = a == ChecksumAlgorithm.CRC64NVME ? 64 : 32;
        long poly = switch (a) {
            case CRC32 -> 0xEDB88320L;
            case CRC32C -> 0x82F63B78L;
            case CRC64NVME -> Crc64Nvme.POLY_REFLECTED;
            default -> throw new IllegalArgumentException(a + " has no full-object multipart checksum");
        };
        long crc = 0;
        boolean first = true;
        for (Part p : parts) {
            long partCrc = toLong(Base64.getDecoder().decode(p.checksumBase64()));
            crc = first ? partCrc : combine(crc, partCrc, p.size(), poly, width);
            first = false;
        }
        return Base64.getEncoder().encodeToString(toBytes(crc, width / 8));
    }

    /** CRC of A followed by B, from crc(A), crc(B) and |B| (zlib's crc32_combine, for any reflected CRC width). */
    static long combine(long crc1, long crc2, long len2, long poly, int width) {
        if (len2 <= 0) {
            return crc1;
        }
        long[] even = new long[width];
        long[] odd = new long[width];
        odd[0] = poly; // operator for one zero bit
        long row = 1;
        for (int n = 1; n < width; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        do {
            square(even, odd); // first pass: one zero byte
            if ((len2 & 1) != 0) {
                crc1 = times(even, crc1);
            }
            len2 >>>= 1;
            if (len2 == 0) {
                break;
            }
            square(odd, even);
            if ((len2 & 1) != 0) {
                crc1 = times(odd, crc1);
            }
            len2 >>>= 1;
        } while (len2 != 0);
        return crc1 ^ crc2;
    }

    private static long times(long[] mat, long vec) {
        long sum = 0;
        int i = 0;
        while (vec != 0) {
            if ((vec & 1) != 0) {
                sum ^= mat[i];
            }
            vec >>>= 1;
            i++;
        }
        return sum;
    }

    private static void square(long[] square, long[] mat) {
        for (int n = 0; n < mat.length; n++) {
            square[n] = times(mat, mat[n]);
        }
    }

    private static long toLong(byte[] bigEndian) {
        long v = 0;
        for (byte b : bigEndian) {
            v = (v << 8) | (b & 0xff);
        }
        return v;
    }

    private static byte[] toBytes(long v, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }
}
