package io.ghostbay.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Transport over java.net.http.HttpClient forced to HTTP/1.1. The client (and its connection
 * pool) is shared by all threads; with blocking send() each thread ends up with its own pooled
 * keep-alive connection. Kept as an alternative to {@link SocketTransport} for comparison
 * ({@code --client jdk}).
 */
public final class JdkTransport implements Transport {

    private final HttpClient client;
    private final String base;
    private final byte[] buf = new byte[64 * 1024];

    public JdkTransport(HttpClient client, String base) {
        this.client = client;
        this.base = base;
    }

    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Response execute(String method, String pathAndQuery, List<String> headers, Body body,
                            boolean keepBody) throws IOException {
        HttpRequest.BodyPublisher pub;
        if (body == null) {
            pub = HttpRequest.BodyPublishers.noBody();
        } else {
            pub = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(body::openStream), body.length());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .method(method, pub)
                .timeout(Duration.ofSeconds(120));
        for (int i = 0; i < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            String etag = r.headers().firstValue("etag").orElse(null);
            long contentLength = r.headers().firstValueAsLong("content-length").orElse(-1);
            String contentRange = r.headers().firstValue("content-range").orElse(null);
            try (InputStream in = r.body()) {
                if (keepBody || r.statusCode() >= 300) {
                    byte[] bytes = in.readAllBytes();
                    return new Response(r.statusCode(), bytes, bytes.length, etag, contentLength, contentRange);
                }
                long n = 0;
                int k;
                while ((k = in.read(buf)) >= 0) {
                    n += k;
                }
                return new Response(r.statusCode(), null, n, etag, contentLength, contentRange);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        // the shared HttpClient owns the connections
    }
}
