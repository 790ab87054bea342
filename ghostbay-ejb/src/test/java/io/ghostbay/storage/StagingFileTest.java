package io.ghostbay.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StagingFileTest {
    @TempDir
    Path dir;

    /** Lengths around the block and buffer boundaries, written in uneven slices. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4095, 4096, 4097, DirectIo.BUFFER_SIZE - 1, DirectIo.BUFFER_SIZE,
            DirectIo.BUFFER_SIZE + 1, 3 * DirectIo.BUFFER_SIZE + 12345})
    void directFileHoldsExactlyTheBytesWritten(int length) throws IOException {
        DirectIo io = DirectIo.probe(dir);
        assumeTrue(io.enabled(), () -> "no O_DIRECT on the test's temp directory: " + io.disabledReason());
        assertWritesExactly(io, true, length);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4097, DirectIo.BUFFER_SIZE + 1})
    void bufferedFileHoldsExactlyTheBytesWritten(int length) throws IOException {
        assertWritesExactly(DirectIo.disabled("test"), true, length);
        assertWritesExactly(DirectIo.probe(dir), false, length + 7);
    }

    @Test
    void disabledDirectIoWritesBuffered() throws IOException {
        try (StagingFile f = StagingFile.create(dir.resolve("b"), DirectIo.disabled("test"), true)) {
            assertFalse(f.isDirect());
        }
    }

    @Test
    void neverOverwritesAnExistingFile() throws IOException {
        Path existing = Files.writeString(dir.resolve("x"), "keep");
        DirectIo io = DirectIo.probe(dir);
        assertThrows(FileAlreadyExistsException.class, () -> StagingFile.create(existing, io, true));
        assertEquals("keep", Files.readString(existing));
    }

    @Test
    void probeLeavesNoFileBehind() throws IOException {
        DirectIo.probe(dir);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    private void assertWritesExactly(DirectIo io, boolean direct, int length) throws IOException {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        Path p = dir.resolve("f-" + direct + "-" + length + "-" + io.enabled());
        try (StagingFile f = StagingFile.create(p, io, direct)) {
            assertEquals(direct && io.enabled(), f.isDirect());
            // Slices of 1..70,000 bytes: never aligned to the block or the buffer.
            Random slices = new Random(7);
            int off = 0;
            byte[] chunk = new byte[70_000];
            while (off < length) {
                int n = Math.min(length - off, 1 + slices.nextInt(chunk.length));
                System.arraycopy(data, off, chunk, 0, n);
                f.write(chunk, 0, n);
                off += n;
            }
            f.finish();
        }
        assertEquals(length, Files.size(p));
        assertArrayEquals(data, Files.readAllBytes(p));
    }
}
