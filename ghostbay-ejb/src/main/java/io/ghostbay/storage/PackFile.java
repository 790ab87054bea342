package io.ghostbay.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A pack: one append-only file that holds the bodies of many small objects end to end, so that a group commit of
 * concurrent small PUTs makes all their bytes durable with one write and one fsync instead of a file, an fsync and a
 * directory fsync each. Bytes once appended are never rewritten; the catalog records each object's pack and offset.
 *
 * <p>Only one thread appends at a time (the group commit's leader, under the writer's lock). A failed append may leave
 * a torn tail; nothing in the catalog points at it, and the writer starts a new pack rather than append after it.
 */
public final class PackFile implements Closeable {
    private final String id;
    private final FileChannel channel;
    private final long createdMillis;
    private long size;

    private PackFile(String id, FileChannel channel, long createdMillis) {
        this.id = id;
        this.channel = channel;
        this.createdMillis = createdMillis;
    }

    /** Creates {@code path} (which must not exist) for appending; the caller makes its directory entry durable. */
    static PackFile create(String id, Path path, long nowMillis) throws IOException {
        return new PackFile(id, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), nowMillis);
    }

    public String id() {
        return id;
    }

    /** Bytes appended so far. */
    public long size() {
        return size;
    }

    public long createdMillis() {
        return createdMillis;
    }

    /**
     * Appends the bodies in one gathering write and forces them to disk; returns each body's offset. When this
     * throws, some of the bodies may be on disk, and the pack must not be appended to again.
     */
    public long[] append(List<byte[]> bodies) throws IOException {
        long[] offsets = new long[bodies.size()];
        ByteBuffer[] buffers = new ByteBuffer[bodies.size()];
        long at = size;
        for (int i = 0; i < buffers.length; i++) {
            offsets[i] = at;
            buffers[i] = ByteBuffer.wrap(bodies.get(i));
            at += buffers[i].remaining();
        }
        channel.position(size);
        long written = 0;
        while (written < at - size) {
            written += channel.write(buffers);
        }
        // fdatasync: the data and the file length (what reading it back needs), not the timestamps.
        channel.force(false);
        size = at;
        return offsets;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
