package io.ghostbay.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ghostbay.config.GhostBayConfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Range reads through the page cache and with O_DIRECT return the same bytes. */
class BlobRangeReaderTest {
    private static final int LARGE = 20 * 1024 * 1024 + 123;

    @TempDir
    Path dataDir;

    private BlobStore store;

    @BeforeEach
    void start() {
        store = storeWithDirectIo(true);
    }

    private BlobStore storeWithDirectIo(boolean direct) {
        BlobStore s = new BlobStore();
        s.config = new GhostBayConfig() {
            @Override
            public Path dataDir() {
                return dataDir;
            }

            @Override
            public boolean directIo() {
                return direct;
            }
        };
        s.init();
        return s;
    }

    @Test
    void freshlyWrittenLargeBlobIsReadDirectlyUntilItIsCached() throws IOException {
        assumeTrue(store.directIo().enabled(), () -> store.directIo().disabledReason());
        byte[] data = random(LARGE, 1);
        StagedBlob blob = stageAndPromote(data);
        try (FileChannel ch = store.open(blob.blobId())) {
            assertFalse(store.readDirectly(blob.blobId(), ch, 0, BlobStore.DIRECT_READ_MIN_BYTES - 2),
                    "small ranges stay buffered");
            assertTrue(store.readDirectly(blob.blobId(), ch, 0, LARGE - 1),
                    "a blob written with O_DIRECT is not in the page cache");
            assertFalse(store.readDirectly(blob.blobId(), ch, 0, LARGE - 1),
                    "a blob read again a moment later is hot: read through the cache");
        }
        Files.readAllBytes(store.blobPath(blob.blobId())); // a buffered read fills the cache
        try (FileChannel ch = store.open(blob.blobId())) {
            assertFalse(store.readDirectly("0".repeat(32), ch, 0, LARGE - 1), "a cached blob is read from the cache");
        }
    }

    @Test
    void rangesOfADirectlyWrittenObjectMatchTheBody() throws IOException {
        byte[] a = random(LARGE, 2);
        byte[] b = random(9 * 1024 * 1024 + 5, 3);
        StagedBlob ba = stageAndPromote(a);
        StagedBlob bb = stageAndPromote(b);
        List<BlobRangeReader.Piece> pieces = List.of(new BlobRangeReader.Piece(ba.blobId(), a.length),
                new BlobRangeReader.Piece(bb.blobId(), b.length));
        byte[] whole = new byte[a.length + b.length];
        System.arraycopy(a, 0, whole, 0, a.length);
        System.arraycopy(b, 0, whole, a.length, b.length);
        long[][] ranges = {{0, whole.length - 1}, {4097, whole.length - 6}, {1, a.length + 4095},
                {a.length - 1, whole.length - 1}, {a.length, a.length + 8 * 1024 * 1024}, {12345, 12345 + 9_000_000}};
        for (long[] r : ranges) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // A new store per range forgets the previous reads: each large range is a first, direct read again.
            BlobStore fresh = storeWithDirectIo(true);
            try (BlobRangeReader reader = BlobRangeReader.open(fresh, pieces, r[0], r[1])) {
                reader.writeTo(out);
            }
            assertArrayEquals(Arrays.copyOfRange(whole, (int) r[0], (int) r[1] + 1), out.toByteArray(),
                    () -> "range " + r[0] + "-" + r[1]);
        }
    }

    @Test
    void aBlobShorterThanItsCatalogSizeIsAnErrorNotAShortBody() throws IOException {
        byte[] a = random(LARGE, 4);
        StagedBlob blob = stageAndPromote(a);
        List<BlobRangeReader.Piece> pieces = List.of(new BlobRangeReader.Piece(blob.blobId(), a.length + 10_000));
        try (BlobRangeReader reader = BlobRangeReader.open(store, pieces, 0, a.length + 9_999)) {
            assertThrows(IOException.class, () -> reader.writeTo(new ByteArrayOutputStream()));
        }
    }

    @Test
    void withDirectIoOffLargeBodiesAreStillStoredExactly() throws IOException {
        BlobStore buffered = storeWithDirectIo(false);
        assertFalse(buffered.directIo().enabled());
        byte[] a = random(LARGE, 5);
        StagedBlob blob = buffered.stage(new ByteArrayInputStream(a), a.length, Long.MAX_VALUE, Set.of());
        buffered.promote(blob);
        assertArrayEquals(a, Files.readAllBytes(buffered.blobPath(blob.blobId())));
    }

    private StagedBlob stageAndPromote(byte[] data) {
        StagedBlob blob = store.stage(new ByteArrayInputStream(data), data.length, Long.MAX_VALUE, Set.of());
        store.promote(blob);
        return blob;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
