package io.ghostbay.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A new staging file being written: either buffered (through the page cache) or, for large bodies,
 * with {@code O_DIRECT} from an aligned buffer (see {@link DirectIo} for why).
 *
 * <p>Direct writes must start at a block boundary and cover whole blocks, so bytes are gathered into the
 * aligned buffer and written a full buffer at a time; the last, partial block is written zero-padded and the
 * file then truncated to its real length. {@link #finish} makes the content and the length durable.
 */
final class StagingFile implements Closeable {
    private final FileChannel channel;
    private final DirectIo directIo;
    /** The aligned buffer of a direct file; null when buffered. */
    private ByteBuffer direct;
    private long length;

    private StagingFile(FileChannel channel, DirectIo directIo, ByteBuffer direct) {
        this.channel = channel;
        this.directIo = directIo;
        this.direct = direct;
    }

    /** Creates {@code path} (which must not exist); direct when {@code direct} and {@code io} allows it. */
    static StagingFile create(Path path, DirectIo io, boolean direct) throws IOException {
        if (direct && io.enabled()) {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    io.option());
            return new StagingFile(ch, io, io.acquire());
        }
        return new StagingFile(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                io, null);
    }

    boolean isDirect() {
        return direct != null;
    }

    void write(byte[] src, int off, int len) throws IOException {
        length += len;
        if (direct == null) {
            ByteBuffer slice = ByteBuffer.wrap(src, off, len);
            while (slice.hasRemaining()) {
                channel.write(slice);
            }
            return;
        }
        while (len > 0) {
            int n = Math.min(len, direct.remaining());
            direct.put(src, off, n);
            off += n;
            len -= n;
            if (!direct.hasRemaining()) {
                flushDirect();
            }
        }
    }

    /** Writes what is still buffered, sets the file's exact length and forces content and metadata to disk. */
    void finish() throws IOException {
        if (direct != null && direct.position() > 0) {
            int block = directIo.blockSize();
            int padded = (direct.position() + block - 1) / block * block;
            while (direct.position() < padded) {
                direct.put((byte) 0);
            }
            flushDirect();
            channel.truncate(length);
        }
        channel.force(true);
    }

    private void flushDirect() throws IOException {
        direct.flip();
        while (direct.hasRemaining()) {
            channel.write(direct);
        }
        direct.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (direct != null) {
                directIo.release(direct);
                direct = null;
            }
        }
    }
}
