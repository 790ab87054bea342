package io.ghostbay.storage;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks the kernel whether part of a file is in the page cache: {@link MappedByteBuffer#isLoaded()} is
 * {@code mincore(2)} over a mapping, the only way Java has to ask. The mapping is released at once through
 * {@code sun.misc.Unsafe.invokeCleaner} when the JDK offers it (else by the garbage collector).
 */
final class PageCache {
    private static final Logger LOG = Logger.getLogger(PageCache.class.getName());
    /** Bytes looked at: enough to tell a cold file from a warm one without mapping all of a large range. */
    private static final long WINDOW = 1024 * 1024;
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            Class<?> c = Class.forName("sun.misc.Unsafe");
            Field f = c.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = f.get(null);
            cleaner = c.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "No Unsafe.invokeCleaner; page-cache probes are unmapped by the GC", e);
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private PageCache() {
    }

    /** Whether the first bytes (up to 1 MiB) of {@code position..position+length-1} are all resident. */
    static boolean looksResident(FileChannel ch, long position, long length) {
        MappedByteBuffer window;
        try {
            window = ch.map(FileChannel.MapMode.READ_ONLY, position, Math.min(length, WINDOW));
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell: read through the cache, as before direct reads existed
        }
        try {
            return window.isLoaded();
        } finally {
            unmap(window);
        }
    }

    private static void unmap(MappedByteBuffer window) {
        if (INVOKE_CLEANER != null) {
            try {
                INVOKE_CLEANER.invoke(UNSAFE, window);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.FINE, "Cannot unmap a page-cache probe", e);
            }
        }
    }
}
