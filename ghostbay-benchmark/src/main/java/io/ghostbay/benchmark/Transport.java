package io.ghostbay.benchmark;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** One client-side HTTP/1.1 keep-alive channel to the endpoint, used by a single thread. */
public interface Transport extends Closeable {

    /**
     * Sends one request and reads the whole response.
     *
     * @param method      HTTP method
     * @param pathAndQuery encoded path plus optional "?query"
     * @param headers     flat list name, value, name, value... (Host and Content-Length are added
     *                    by the transport)
     * @param body        request body or null
     * @param keepBody    keep the response body (otherwise it is read and discarded)
     */
    Response execute(String method, String pathAndQuery, List<String> headers, Body body,
                     boolean keepBody) throws IOException;

    @Override
    void close();
}
