package io.ghostbay.benchmark;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP response: status, the body if it was kept, the number of body bytes received, and the
 * few response headers the benchmark checks (ETag, Content-Length, Content-Range).
 */
public final class Response {
    public final int status;
    public final byte[] body;        // null when the body was discarded
    public final long bodyBytes;
    /** ETag header as sent (quotes included), or null. */
    public final String etag;
    /** Content-Length header, or -1 when absent (e.g. chunked). For HEAD: the object size. */
    public final long contentLength;
    /** Content-Range header, or null. */
    public final String contentRange;

    public Response(int status, byte[] body, long bodyBytes) {
        this(status, body, bodyBytes, null, -1, null);
    }

    public Response(int status, byte[] body, long bodyBytes, String etag, long contentLength,
                    String contentRange) {
        this.status = status;
        this.body = body;
        this.bodyBytes = bodyBytes;
        this.etag = etag;
        this.contentLength = contentLength;
        this.contentRange = contentRange;
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
