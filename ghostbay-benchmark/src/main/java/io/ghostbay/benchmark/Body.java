package io.ghostbay.benchmark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A request body of known length that can write itself to a stream (possibly more than once). */
public interface Body {
    long length();

    void writeTo(OutputStream out) throws IOException;

    /** The same bytes as a stream (used by the java.net.http transport). */
    InputStream openStream();

    /** Whether {@link #writeTo} can be called again, e.g. to retry on a stale keep-alive connection. */
    default boolean replayable() {
        return true;
    }

    static Body of(byte[] bytes) {
        return new Body() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
