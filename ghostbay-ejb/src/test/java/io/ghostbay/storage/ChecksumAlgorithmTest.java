package io.ghostbay.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected values computed independently with python3 (zlib, hashlib, bitwise CRC reference implementations). */
class ChecksumAlgorithmTest {

    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    private static String b64(ChecksumAlgorithm a, byte[] data) {
        ChecksumAlgorithm.Hasher h = a.newHasher();
        h.update(data, 0, data.length);
        return h.digestBase64();
    }

    @Test
    void crc64NvmeCheckValue() {
        assertEquals(0xae8b14860a799888L, Crc64Nvme.compute(CHECK, 0, CHECK.length));
        assertEquals(0x8d29d5c3f6ea8ebeL, Crc64Nvme.compute(HELLO, 0, HELLO.length));
        assertEquals(0L, Crc64Nvme.compute(new byte[0], 0, 0));
    }

    @Test
    void crc64NvmeSlicedMatchesBytewiseAndPython() {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        assertEquals(0x849baa14c18c6e4eL, Crc64Nvme.compute(data, 0, data.length));

        Random r = new Random(42);
        byte[] big = new byte[70_001];
        r.nextBytes(big);
        Crc64Nvme bulk = new Crc64Nvme();
        bulk.update(big, 0, big.length);
        Crc64Nvme single = new Crc64Nvme();
        for (byte b : big) {
            single.update(b);
        }
        Crc64Nvme pieces = new Crc64Nvme();
        int off = 0;
        while (off < big.length) {
            int n = Math.min(1 + r.nextInt(37), big.length - off);
            pieces.update(big, off, n);
            off += n;
        }
        assertEquals(single.getValue(), bulk.getValue());
        assertEquals(single.getValue(), pieces.getValue());
        bulk.reset();
        bulk.update(CHECK, 0, CHECK.length);
        assertEquals(0xae8b14860a799888L, bulk.getValue());
    }

    @Test
    void base64DigestsOfHelloWorld() {
        assertEquals("DUoRhQ==", b64(ChecksumAlgorithm.CRC32, HELLO));
        assertEquals("yZRlqg==", b64(ChecksumAlgorithm.CRC32C, HELLO));
        assertEquals("jSnVw/bqjr4=", b64(ChecksumAlgorithm.CRC64NVME, HELLO));
        assertEquals("Kq5sNclPz7QV2+lfQIuc6R7oRu0=", b64(ChecksumAlgorithm.SHA1, HELLO));
        assertEquals("uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=", b64(ChecksumAlgorithm.SHA256, HELLO));
        assertEquals("AAAAAA==", b64(ChecksumAlgorithm.CRC32, new byte[0]));
        assertEquals("AAAAAAAAAAA=", b64(ChecksumAlgorithm.CRC64NVME, new byte[0]));
    }

    @Test
    void digestLengthsAndBigEndian() {
        ChecksumAlgorithm.Hasher h = ChecksumAlgorithm.CRC32C.newHasher();
        h.update(CHECK);
        assertArrayEquals(new byte[] {(byte) 0xe3, 0x06, (byte) 0x92, (byte) 0x83}, h.digest());
        assertEquals(8, ChecksumAlgorithm.CRC64NVME.newHasher().digest().length);
        assertEquals(20, ChecksumAlgorithm.SHA1.newHasher().digest().length);
        assertEquals(32, ChecksumAlgorithm.SHA256.newHasher().digest().length);
    }

    @Test
    void names() {
        assertEquals(Optional.of(ChecksumAlgorithm.CRC32), ChecksumAlgorithm.fromName("CRC32"));
        assertEquals(Optional.of(ChecksumAlgorithm.CRC32C), ChecksumAlgorithm.fromName("crc32c"));
        assertEquals(Optional.of(ChecksumAlgorithm.CRC64NVME), ChecksumAlgorithm.fromName("Crc64Nvme"));
        assertEquals(Optional.of(ChecksumAlgorithm.SHA1), ChecksumAlgorithm.fromName("sha1"));
        assertEquals(Optional.of(ChecksumAlgorithm.SHA256), ChecksumAlgorithm.fromName("SHA256"));
        assertEquals(Optional.empty(), ChecksumAlgorithm.fromName("MD5"));
        assertEquals(Optional.empty(), ChecksumAlgorithm.fromName(null));
        assertEquals("x-amz-checksum-crc64nvme", ChecksumAlgorithm.CRC64NVME.headerName());
        assertEquals("ChecksumCRC64NVME", ChecksumAlgorithm.CRC64NVME.xmlName());
        assertEquals("ChecksumSHA256", ChecksumAlgorithm.SHA256.xmlName());
        assertEquals(Optional.of(ChecksumAlgorithm.CRC32C), ChecksumAlgorithm.fromHeaderName("X-Amz-Checksum-CRC32C"));
        assertEquals(Optional.empty(), ChecksumAlgorithm.fromHeaderName("x-amz-checksum-algorithm"));
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            assertEquals(Optional.of(a), ChecksumAlgorithm.fromHeaderName(a.headerName()));
        }
    }
}
