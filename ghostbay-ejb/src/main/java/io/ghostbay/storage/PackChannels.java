package io.ghostbay.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read channels of packs, kept open and shared. Every GET of a small object reads a few KiB from a pack that
 * other GETs read too; opening and closing the pack file for each one cost more than the read itself. A reader
 * {@linkplain #lease leases} the pack's channel and closes its lease when done; the channel is closed when the
 * pack is {@linkplain #forget forgotten} (deleted) or evicted as least recently used, in both cases only once
 * no lease is open.
 *
 * <p>A lease supports positional reads and {@code size()} only: readers share the file position, so nothing
 * may move it. Code that reads relatively (the scrubber, compaction) opens a channel of its own.
 */
final class PackChannels {
    private final int capacity;
    /** Access-ordered: the eldest entry is the least recently leased. Guarded by {@code this}. */
    private final LinkedHashMap<String, Shared> open = new LinkedHashMap<>(16, 0.75f, true);

    /** @param capacity how many idle packs stay open (more are open while leased) */
    PackChannels(int capacity) {
        this.capacity = capacity;
    }

    private static final class Shared {
        final FileChannel channel;
        int leases;
        boolean retired;

        Shared(FileChannel channel) {
            this.channel = channel;
        }
    }

    /** A lease on the pack's shared channel, opened (under the lock: a miss is rare) when not yet open. */
    synchronized FileChannel lease(String packId, Path path) throws IOException {
        Shared s = open.get(packId);
        if (s == null) {
            s = new Shared(FileChannel.open(path, StandardOpenOption.READ));
            open.put(packId, s);
            evictIdle();
        }
        s.leases++;
        return new Lease(s);
    }

    /**
     * Closes the pack's channel once its last lease is closed. Called after the pack file was deleted, so that
     * a lease taken in between finds no file rather than putting a deleted pack back in the map.
     */
    void forget(String packId) {
        FileChannel toClose = null;
        synchronized (this) {
            Shared s = open.remove(packId);
            if (s != null) {
                s.retired = true;
                if (s.leases == 0) {
                    toClose = s.channel;
                }
            }
        }
        closeQuietly(toClose);
    }

    /** Closes every idle channel and retires the leased ones (shutdown). */
    void closeAll() {
        List<String> ids;
        synchronized (this) {
            ids = new ArrayList<>(open.keySet());
        }
        ids.forEach(this::forget);
    }

    /** How many packs have a channel open (for tests). */
    synchronized int openCount() {
        return open.size();
    }

    private void evictIdle() {
        Iterator<Map.Entry<String, Shared>> it = open.entrySet().iterator();
        while (open.size() > capacity && it.hasNext()) {
            Shared s = it.next().getValue();
            if (s.leases == 0) {
                it.remove();
                closeQuietly(s.channel);
            }
        }
    }

    private void release(Shared s) {
        boolean close;
        synchronized (this) {
            s.leases--;
            close = s.retired && s.leases == 0;
        }
        if (close) {
            closeQuietly(s.channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a read-only channel: nothing is lost
            }
        }
    }

    /** One reader's view of a shared channel: positional reads and size; closing it releases the lease. */
    private final class Lease extends FileChannel {
        private final Shared shared;

        Lease(Shared shared) {
            this.shared = shared;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            ensureOpen();
            return shared.channel.read(dst, position);
        }

        @Override
        public long size() throws IOException {
            ensureOpen();
            return shared.channel.size();
        }

        @Override
        protected void implCloseChannel() {
            release(shared);
        }

        private void ensureOpen() throws IOException {
            if (!isOpen()) {
                throw new ClosedChannelException();
            }
        }

        private UnsupportedOperationException unsupported() {
            return new UnsupportedOperationException("A shared pack channel only reads at positions");
        }

        @Override
        public int read(ByteBuffer dst) {
            throw unsupported();
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw unsupported();
        }

        @Override
        public int write(ByteBuffer src) {
            throw unsupported();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw unsupported();
        }

        @Override
        public long position() {
            throw unsupported();
        }

        @Override
        public FileChannel position(long newPosition) {
            throw unsupported();
        }

        @Override
        public FileChannel truncate(long size) {
            throw unsupported();
        }

        @Override
        public void force(boolean metaData) {
            throw unsupported();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw unsupported();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw unsupported();
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw unsupported();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw unsupported();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw unsupported();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw unsupported();
        }
    }
}
