package io.ghostbay.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shared pack channels: one open file per pack, positional reads only, closed only when no lease is left. */
class PackChannelsTest {
    @TempDir
    Path dir;

    private Path pack(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private static String read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining() && ch.read(buf, position + buf.position()) > 0) {
            // positional reads until full
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
    }

    @Test
    void leasesOfOnePackShareOneChannelAndReadAtTheirOwnPositions() throws IOException {
        Path p = pack("a", "0123456789");
        PackChannels channels = new PackChannels(4);
        try (FileChannel one = channels.lease("a", p); FileChannel two = channels.lease("a", p)) {
            assertEquals("345", read(one, 3, 3));
            assertEquals("89", read(two, 8, 5));
            assertEquals("012", read(one, 0, 3));
            assertEquals(10, one.size());
            assertEquals(1, channels.openCount());
            assertThrows(UnsupportedOperationException.class, () -> one.position(2));
            assertThrows(UnsupportedOperationException.class, () -> one.read(ByteBuffer.allocate(1)));
        }
        assertEquals(1, channels.openCount(), "an idle pack stays open for the next reader");
    }

    @Test
    void aClosedLeaseCannotReadButOthersGoOn() throws IOException {
        Path p = pack("a", "abcdef");
        PackChannels channels = new PackChannels(4);
        FileChannel one = channels.lease("a", p);
        FileChannel two = channels.lease("a", p);
        one.close();
        one.close(); // a second close releases nothing more
        assertThrows(ClosedChannelException.class, () -> read(one, 0, 1));
        assertEquals("cd", read(two, 2, 2));
        two.close();
    }

    @Test
    void aForgottenPackIsReadableByItsLeasesUntilTheLastOneCloses() throws IOException {
        Path p = pack("a", "payload");
        PackChannels channels = new PackChannels(4);
        FileChannel lease = channels.lease("a", p);
        Files.delete(p);
        channels.forget("a");
        assertEquals(0, channels.openCount());
        assertEquals("load", read(lease, 3, 4), "a reader that found the pack before it was deleted still reads it");
        lease.close();
        assertThrows(NoSuchFileException.class, () -> channels.lease("a", p), "a deleted pack is not reopened");
    }

    @Test
    void theLeastRecentlyUsedIdlePacksAreClosedBeyondCapacityButNeverALeasedOne() throws IOException {
        PackChannels channels = new PackChannels(2);
        Path a = pack("a", "A");
        Path b = pack("b", "B");
        Path c = pack("c", "C");
        FileChannel leasedA = channels.lease("a", a);
        channels.lease("b", b).close();
        channels.lease("c", c).close();
        assertEquals(2, channels.openCount(), "b, the eldest idle pack, was closed");
        assertEquals("A", read(leasedA, 0, 1));
        leasedA.close();
        Path d = pack("d", "D");
        try (FileChannel lease = channels.lease("d", d)) {
            assertEquals("D", read(lease, 0, 1));
        }
        assertEquals(2, channels.openCount());
        channels.closeAll();
        assertEquals(0, channels.openCount());
    }

    @Test
    void bytesAppendedAfterTheChannelWasOpenedAreRead() throws IOException {
        Path p = pack("a", "head");
        PackChannels channels = new PackChannels(4);
        channels.lease("a", p).close();
        Files.writeString(p, "tail", StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.APPEND);
        try (FileChannel lease = channels.lease("a", p)) {
            assertArrayEquals("headtail".getBytes(StandardCharsets.US_ASCII), read(lease, 0, 8).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
