package io.ghostbay.benchmark;

import java.nio.charset.StandardCharsets;

/** An HTTP response: status, the body if it was kept, and the number of body bytes received. */
public final class Response {
    public final int status;
    public final byte[] body;        // null when the body was discarded
    public final long bodyBytes;

    public Response(int status, byte[] body, long bodyBytes) {
        this.status = status;
        this.body = body;
        this.bodyBytes = bodyBytes;
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
