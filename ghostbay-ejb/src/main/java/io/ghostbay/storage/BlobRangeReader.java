package io.ghostbay.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

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

    /** The whole object as one stream (used by CopyObject); pieces are opened one at a time. */
    public InputStream asInputStream() {
        Iterator<Piece> it = pieces.iterator();
        return new SequenceInputStream(new java.util.Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return Channels.newInputStream(takeChannel(it.next()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
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
