package io.ghostbay.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Whether large staging files can be written with {@code O_DIRECT} on this data directory, and the aligned
 * direct buffers to write them from.
 *
 * <p>Why: a buffered write copies every byte into a fresh page-cache page, and on the virtual machines this
 * server was measured on that copy (with the first touch of the page) was the largest single cost of a large
 * PUT, more than the MD5 of the body (profile in docs/performance.md). Written with {@code O_DIRECT} the body
 * goes from one reused buffer to the device. MinIO writes its large objects the same way. Small bodies stay
 * buffered: for them the padded last block and the truncate would cost more than the copy saves.
 *
 * <p>Support is probed once per data directory (a file system such as tmpfs refuses {@code O_DIRECT}); when
 * the probe fails, or {@code ghostbay.storage.direct-io=false}, every staging file is written buffered.
 */
public final class DirectIo {
    /** Bytes per direct write; a multiple of every block size seen in practice (512, 4096). */
    static final int BUFFER_SIZE = 1024 * 1024;
    /** Direct buffers kept for reuse; more concurrent large uploads allocate (and later drop) their own. */
    private static final int POOLED_BUFFERS = 32;

    private final OpenOption directOption;
    private final int blockSize;
    private final String disabledReason;
    private final BlockingQueue<ByteBuffer> pool = new ArrayBlockingQueue<>(POOLED_BUFFERS);

    private DirectIo(OpenOption directOption, int blockSize, String disabledReason) {
        this.directOption = directOption;
        this.blockSize = blockSize;
        this.disabledReason = disabledReason;
    }

    /** A DirectIo that never writes directly. */
    public static DirectIo disabled(String reason) {
        return new DirectIo(null, 0, reason);
    }

    /**
     * Writes and removes a probe file in {@code dir} with {@code O_DIRECT}; returns an enabled DirectIo when
     * that works, else a disabled one saying why.
     */
    public static DirectIo probe(Path dir) {
        OpenOption direct;
        try {
            // com.sun.nio.file.ExtendedOpenOption (module jdk.unsupported) is looked up by name so that a JDK
            // or class loader without it falls back to buffered writes instead of failing to load this class.
            Class<?> options = Class.forName("com.sun.nio.file.ExtendedOpenOption");
            direct = (OpenOption) options.getField("DIRECT").get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return disabled("this JDK has no com.sun.nio.file.ExtendedOpenOption.DIRECT (" + e + ")");
        }
        Path probe = dir.resolve(".direct-probe-" + UUID.randomUUID());
        try {
            int block = (int) Math.max(4096, Files.getFileStore(dir).getBlockSize());
            if (BUFFER_SIZE % block != 0) {
                return disabled("block size " + block + " does not divide the direct buffer size");
            }
            DirectIo io = new DirectIo(direct, block, null);
            ByteBuffer buf = io.acquire();
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    direct)) {
                buf.limit(block);
                ch.write(buf);
                ch.truncate(1);
                ch.force(true);
            } finally {
                io.release(buf);
            }
            return io;
        } catch (IOException | RuntimeException e) {
            return disabled("the data directory refused an O_DIRECT write (" + e + ")");
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a leftover probe file is removed by the orphan sweep of the staging directory
            }
        }
    }

    public boolean enabled() {
        return directOption != null;
    }

    /** Why direct writes are off, or null when they are on. */
    public String disabledReason() {
        return disabledReason;
    }

    int blockSize() {
        return blockSize;
    }

    OpenOption option() {
        return directOption;
    }

    /** A cleared, block-aligned direct buffer of {@link #BUFFER_SIZE} bytes. */
    ByteBuffer acquire() {
        ByteBuffer buf = pool.poll();
        if (buf == null) {
            buf = ByteBuffer.allocateDirect(BUFFER_SIZE + blockSize).alignedSlice(blockSize).slice(0, BUFFER_SIZE);
        }
        buf.clear();
        return buf;
    }

    void release(ByteBuffer buf) {
        pool.offer(buf); // dropped (and freed by the GC) when the pool is full
    }
}
