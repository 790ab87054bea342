package io.ghostbay.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * Reads a byte range of an object made of one or more blobs laid end to end (a single-blob object,
 * or the parts of a multipart object in order), with a fixed buffer whatever the size. The blob
 * holding the first byte is opened by {@link #open}, before any response exists, so that a missing
 * file becomes an error response rather than a truncated body.
 */
public final class BlobRangeReader implements Closeable {
    private static final int BUFFER_SIZE = 256 * 1024;

    /** One blob of the object and its length. */
    public record Piece(String blobId, long size) {
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
                r.firstChannel = store.open(p.blobId());
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
                long pos = from;
                while (pos <= to) {
                    buf.clear().limit((int) Math.min(buf.capacity(), to - pos + 1));
                    int n = ch.read(buf, pos);
                    if (n < 0) {
                        throw new IOException("Blob " + p.blobId() + " is shorter than its catalog size");
                    }
                    out.write(buf.array(), 0, n);
                    pos += n;
                }
            }
        }
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
                int n = channel.read(ByteBuffer.wrap(b, off, want), position - pieceStart);
                if (n < 0) {
                    throw new IOException("Blob " + pieces.get(index).blobId() + " is shorter than its catalog size");
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
        return store.open(p.blobId());
    }

    @Override
    public void close() throws IOException {
        if (firstChannel != null) {
            firstChannel.close();
            firstChannel = null;
        }
    }
}
