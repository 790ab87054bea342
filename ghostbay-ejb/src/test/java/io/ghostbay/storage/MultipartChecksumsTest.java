package io.ghostbay.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MultipartChecksumsTest {

    private static String checksum(ChecksumAlgorithm a, byte[] data) {
        ChecksumAlgorithm.Hasher h = a.newHasher();
        h.update(data, 0, data.length);
        return h.digestBase64();
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void fullObjectChecksumEqualsTheChecksumOfTheWholeObject(ChecksumAlgorithm a) {
        Random random = new Random(42);
        byte[] whole = new byte[300_001];
        random.nextBytes(whole);
        int[] cuts = {0, 100_000, 100_001, 250_000, whole.length};
        List<MultipartChecksums.Part> parts = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.length; i++) {
            byte[] part = Arrays.copyOfRange(whole, cuts[i], cuts[i + 1]);
            parts.add(new MultipartChecksums.Part(checksum(a, part), part.length));
        }
        assertEquals(checksum(a, whole), MultipartChecksums.fullObject(a, parts));
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "SHA1", "SHA256"})
    void compositeChecksumIsTheChecksumOfThePartChecksums(ChecksumAlgorithm a) {
        byte[] p1 = "part one".getBytes();
        byte[] p2 = "part two".getBytes();
        String c1 = checksum(a, p1);
        String c2 = checksum(a, p2);
        byte[] raw1 = java.util.Base64.getDecoder().decode(c1);
        byte[] raw2 = java.util.Base64.getDecoder().decode(c2);
        byte[] concat = new byte[raw1.length + raw2.length];
        System.arraycopy(raw1, 0, concat, 0, raw1.length);
        System.arraycopy(raw2, 0, concat, raw1.length, raw2.length);
        String composite = MultipartChecksums.composite(a, List.of(new MultipartChecksums.Part(c1, p1.length),
                new MultipartChecksums.Part(c2, p2.length)));
        assertEquals(checksum(a, concat) + "-2", composite);
        assertTrue(MultipartChecksums.supportsComposite(a));
    }
}
