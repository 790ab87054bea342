package io.ghostbay.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process HTTP server standing in for GhostBay's admin API: it records every request and
 * answers with the canned response registered for "METHOD rawPath" (404 NotFound otherwise).
 */
final class FakeAdminServer implements AutoCloseable {

    /** A request as it arrived: method, raw (still encoded) path, headers, body. */
    record RecordedRequest(String method, String rawPath, Map<String, List<String>> headers,
                           String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record CannedResponse(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, CannedResponse> responses = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    FakeAdminServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (path below the admin base path, encoded) with JSON. */
    FakeAdminServer answer(String method, String path, int status, String json) {
        responses.put(method + " " + AdminClient.BASE_PATH + path,
                new CannedResponse(status, "application/json", json));
        return this;
    }

    FakeAdminServer answerRaw(String method, String path, int status, String contentType,
                              String body) {
        responses.put(method + " " + AdminClient.BASE_PATH + path,
                new CannedResponse(status, contentType, body));
        return this;
    }

    List<RecordedRequest> requests() {
        return requests;
    }

    RecordedRequest onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String rawPath = exchange.getRequestURI().getRawPath();
        requests.add(new RecordedRequest(exchange.getRequestMethod(), rawPath,
                Map.copyOf(exchange.getRequestHeaders()), body));
        CannedResponse response = responses.getOrDefault(exchange.getRequestMethod() + " " + rawPath,
                new CannedResponse(404, "application/json",
                        "{\"error\":{\"code\":\"NotFound\",\"message\":\"no such admin path\"}}"));
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        if (response.status() == 204 || bytes.length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
        } else {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
