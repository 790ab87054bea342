package io.ghostbay.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs hold many small bodies end to end; each is read back exactly from its offset. */
class PackFileTest {
    @TempDir
    Path dataDir;

    private BlobStore store;

    @BeforeEach
    void start() {
        store = new BlobStore();
        store.config = new GhostBayConfig() {
            @Override
            public Path dataDir() {
                return dataDir;
            }

            @Override
            public boolean directIo() {
                return true;
            }
        };
        store.init();
    }

    @Test
    void appendedBodiesAreLaidEndToEndAndReadBackFromTheirOffsets() throws IOException {
        String id = "0123456789abcdef0123456789abcdef";
        List<byte[]> bodies = new ArrayList<>();
        long[] offsets;
        long[] more;
        try (PackFile pack = store.createPack(id)) {
            bodies.add(random(4096, 1));
            bodies.add(random(1, 2));
            bodies.add(random(100_000, 3));
            offsets = pack.append(bodies);
            assertEquals(List.of(0L, 4096L, 4097L), Arrays.stream(offsets).boxed().toList());
            List<byte[]> second = List.of(random(777, 4), random(5000, 5));
            more = pack.append(second);
            bodies.addAll(second);
            assertEquals(4097L + 100_000, more[0], "a second batch starts where the first ended");
            assertEquals(4097L + 100_000 + 777, pack.size() - 5000);
        }
        long[] all = {offsets[0], offsets[1], offsets[2], more[0], more[1]};
        assertEquals(all[4] + 5000, Files.size(store.packPath(id)), "nothing but the bodies is in the file");
        for (int i = 0; i < all.length; i++) {
            byte[] body = bodies.get(i);
            BlobRangeReader.Piece piece = new BlobRangeReader.Piece(id, all[i], body.length);
            assertArrayEquals(body, read(List.of(piece), 0, body.length - 1), "body " + i);
            if (body.length > 10) {
                assertArrayEquals(Arrays.copyOfRange(body, 3, body.length - 4), read(List.of(piece), 3, body.length - 5),
                        "a range inside body " + i);
                try (BlobRangeReader r = BlobRangeReader.open(store, List.of(piece), 2, body.length - 1);
                     InputStream in = r.asInputStream()) {
                    assertArrayEquals(Arrays.copyOfRange(body, 2, body.length), in.readAllBytes(), "as a stream, body " + i);
                }
            }
        }
        store.deletePack(id);
        assertEquals(false, Files.exists(store.packPath(id)));
    }

    @Test
    void aPackIdMustLookLikeOne() {
        assertThrows(IllegalArgumentException.class, () -> store.createPack("../../etc/passwd"));
    }

    @Test
    void bufferedBodiesAreCountedAndHashedLikeStagedOnes() {
        byte[] body = random(3000, 6);
        BlobStore.BufferedBody buffered = store.buffer(new ByteArrayInputStream(body), body.length, Set.of(ChecksumAlgorithm.CRC32));
        assertArrayEquals(body, buffered.bytes());
        StagedBlob staged = store.stage(new ByteArrayInputStream(body), body.length, Long.MAX_VALUE, Set.of(ChecksumAlgorithm.CRC32));
        assertEquals(HexFormat.of().formatHex(staged.md5()), buffered.digests().md5Hex());
        assertEquals(staged.checksums(), buffered.digests().checksums());
        assertEquals(null, buffered.digests().blobId(), "a buffered body has no blob file");

        S3Exception shorter = assertThrows(S3Exception.class,
                () -> store.buffer(new ByteArrayInputStream(body), body.length + 1, Set.of()));
        assertEquals(S3ErrorCode.INCOMPLETE_BODY, shorter.code());
        S3Exception longer = assertThrows(S3Exception.class,
                () -> store.buffer(new ByteArrayInputStream(body), body.length - 1, Set.of()));
        assertEquals(S3ErrorCode.INVALID_REQUEST, longer.code());
    }

    private byte[] read(List<BlobRangeReader.Piece> pieces, long first, long last) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BlobRangeReader r = BlobRangeReader.open(store, pieces, first, last)) {
            r.writeTo(out);
        }
        return out.toByteArray();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
