package io.ghostbay.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Reads a byte range of an object made of one or more blobs laid end to end (a single-blob object,
 * or the parts of a multipart object in order), with a fixed buffer whatever the size. The blob
 * holding the first byte is opened by {@link #open}, before any response exists, so that a missing
 * file becomes an error response rather than a truncated body.
 */
public final class BlobRangeReader implements Closeable {
    private static final int BUFFER_SIZE = 256 * 1024;

    /**
     * One blob of the object and its length. A blob is a file of its own ({@code packOffset} -1), or {@code size}
     * bytes from {@code packOffset} in the pack named {@code blobId} ({@link PackFile}).
     */
    public record Piece(String blobId, long packOffset, long size) {
        /** A blob that is a file of its own. */
        public Piece(String blobId, long size) {
            this(blobId, -1, size);
        }

        public boolean packed() {
            return packOffset >= 0;
        }

        /** Where the blob's first byte is in the file that holds it. */
        long base() {
            return packed() ? packOffset : 0;
        }
    }

    private final BlobStore store;
    private final List<Piece> pieces;
    private final long first;
    private final long last;
    private FileChannel firstChannel;

    private BlobRangeReader(BlobStore store, List<Piece> pieces, long first, long last) {
        this.store = store;
        this.pieces = pieces;
        this.first = first;
        this.last = last;
    }

    /** A reader of bytes {@code first..last} (inclusive); {@code last < first} reads nothing. */
    public static BlobRangeReader open(BlobStore store, List<Piece> pieces, long first, long last) throws IOException {
        BlobRangeReader r = new BlobRangeReader(store, pieces, first, last);
        long offset = 0;
        for (Piece p : pieces) {
            if (last >= first && first < offset + p.size()) {
                r.firstChannel = store.openForPositionalReads(p);
                break;
            }
            offset += p.size();
        }
        return r;
    }

    /** Copies the range to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        if (last < first) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BUFFER_SIZE, last - first + 1));
        long offset = 0;
        for (Piece p : pieces) {
            long pieceStart = offset;
            long pieceEnd = offset + p.size() - 1;
            offset += p.size();
            if (pieceEnd < first || p.size() == 0) {
                continue;
            }
            if (pieceStart > last) {
                break;
            }
            long from = Math.max(first, pieceStart) - pieceStart;
            long to = Math.min(last, pieceEnd) - pieceStart;
            try (FileChannel ch = takeChannel(p)) {
                if (!p.packed() && store.readDirectly(p.blobId(), ch, from, to)) {
                    copyDirect(p, from, to, buf.array(), out);
                    continue;
                }
                long pos = from;
                while (pos <= to) {
                    buf.clear().limit((int) Math.min(buf.capacity(), to - pos + 1));
                    int n = ch.read(buf, p.base() + pos);
                    if (n < 0) {
                        throw shorter(p);
                    }
                    out.write(buf.array(), 0, n);
                    pos += n;
                }
            }
        }
    }

    /**
     * Copies bytes {@code from..to} of a blob read with O_DIRECT: whole aligned buffers from the block
     * boundary at or before {@code from}, each handed to {@code out} through {@code heap}. The read of the
     * next buffer runs while the current one is written to the client (two buffers), so the disk and the
     * socket work at the same time as the page cache's read-ahead would have them.
     */
    private void copyDirect(Piece p, long from, long to, byte[] heap, OutputStream out) throws IOException {
        DirectIo io = store.directIo();
        ByteBuffer current = io.acquire();
        ByteBuffer next = io.acquire();
        Future<Integer> pending = null;
        try (AsynchronousFileChannel ch = store.openDirectAsync(p.blobId())) {
            long pos = from - from % io.blockSize();
            pending = ch.read(current, pos);
            while (true) {
                int n = await(pending);
                pending = null;
                if (n <= 0) {
                    throw shorter(p);
                }
                boolean more = n == current.capacity() && pos + n <= to;
                if (more) {
                    next.clear();
                    pending = ch.read(next, pos + n);
                }
                int start = (int) (Math.max(from, pos) - pos);
                int end = (int) Math.min(n, to - pos + 1);
                for (int i = start; i < end; ) {
                    int k = Math.min(end - i, heap.length);
                    current.get(i, heap, 0, k);
                    out.write(heap, 0, k);
                    i += k;
                }
                if (!more) {
                    if (pos + n <= to) {
                        throw shorter(p); // the file ended before the range did
                    }
                    return;
                }
                ByteBuffer done = current;
                current = next;
                next = done;
                pos += n;
            }
        } finally {
            if (pending != null) {
                // The client went away while a read was in flight: the kernel may still be filling that buffer.
                try {
                    await(pending);
                } catch (IOException ignored) {
                    // the read's own failure does not matter any more
                }
            }
            io.release(current);
            io.release(next);
        }
    }

    private static int await(Future<Integer> read) throws IOException {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading a blob");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static IOException shorter(Piece p) {
        return new IOException("Blob " + p.blobId() + " is shorter than its catalog size");
    }

    /** The range as a stream (CopyObject, UploadPartCopy); pieces are opened one at a time. */
    public InputStream asInputStream() {
        return new InputStream() {
            private int index = -1;
            private long pieceStart;
            private long pieceEnd = -1; // inclusive, object offsets
            private long position = first;
            private FileChannel channel;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (position > last) {
                    return -1;
                }
                while (position > pieceEnd) {
                    if (channel != null) {
                        channel.close();
                        channel = null;
                    }
                    index++;
                    pieceStart = pieceEnd + 1;
                    pieceEnd = pieceStart + pieces.get(index).size() - 1;
                }
                if (channel == null) {
                    channel = takeChannel(pieces.get(index));
                }
                int want = (int) Math.min(len, Math.min(last, pieceEnd) - position + 1);
                int n = channel.read(ByteBuffer.wrap(b, off, want), pieces.get(index).base() + position - pieceStart);
                if (n < 0) {
                    throw shorter(pieces.get(index));
                }
                position += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                if (channel != null) {
                    channel.close();
                }
                BlobRangeReader.this.close();
            }
        };
    }

    private FileChannel takeChannel(Piece p) throws IOException {
        if (firstChannel != null) {
            FileChannel ch = firstChannel;
            firstChannel = null;
            return ch;
        }
        return store.openForPositionalReads(p);
    }

    @Override
    public void close() throws IOException {
        if (firstChannel != null) {
            firstChannel.close();
            firstChannel = null;
        }
    }
}
