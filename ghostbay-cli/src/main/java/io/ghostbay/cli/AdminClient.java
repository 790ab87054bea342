package io.ghostbay.cli;

import io.ghostbay.client.SigV4Signer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Client of GhostBay's admin REST API ({@code docs/admin-api.md}): one method per endpoint, each
 * request signed with SigV4 (service {@code s3}) and its JSON answer returned as the server sent
 * it, so that {@code --json} can print it unchanged.
 *
 * <p>Error answers become {@link AdminApiException}; connection and transfer failures stay
 * {@link IOException}s. Not thread-safe (the signer is not), which suits a one-shot CLI.
 */
final class AdminClient {
    static final String BASE_PATH = "/_ghostbay/admin/v1";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final URI endpoint;
    private final SigV4Signer signer;
    private final Clock clock;
    private final HttpClient http;

    AdminClient(ConnectionSettings settings, Clock clock) {
        this.endpoint = settings.endpoint();
        this.signer = new SigV4Signer(settings.accessKey(), settings.secretKey(), settings.region(),
                "s3");
        this.clock = clock;
        // HTTP/1.1: the default (HTTP/2) would try an h2c upgrade on every plain-http request.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    // ---- users ----

    JsonObject listUsers() throws IOException, AdminApiException {
        return send("GET", "/users", null);
    }

    JsonObject createUser(String userName, boolean admin) throws IOException, AdminApiException {
        return send("POST", "/users", JsonDocuments.object("userName", userName, "admin", admin));
    }

    void deleteUser(String userName) throws IOException, AdminApiException {
        send("DELETE", "/users/" + segment(userName), null);
    }

    // ---- access keys ----

    /** Creates a key for the user; {@code expiresAt} may be null (no expiry). */
    JsonObject createAccessKey(String userName, Instant expiresAt)
            throws IOException, AdminApiException {
        return send("POST", "/users/" + segment(userName) + "/keys",
                JsonDocuments.object("expiresAt", expiresAt == null ? null : isoSeconds(expiresAt)));
    }

    /** The keys of one user, or of every user when {@code userName} is null. */
    JsonObject listAccessKeys(String userName) throws IOException, AdminApiException {
        return send("GET", userName == null ? "/keys" : "/users/" + segment(userName) + "/keys",
                null);
    }

    JsonObject disableAccessKey(String accessKeyId) throws IOException, AdminApiException {
        return send("POST", "/keys/" + segment(accessKeyId) + "/disable", null);
    }

    JsonObject enableAccessKey(String accessKeyId) throws IOException, AdminApiException {
        return send("POST", "/keys/" + segment(accessKeyId) + "/enable", null);
    }

    /**
     * Rotates a key: answers {@code {"newKey": ..., "oldKey": ...}}. {@code overlapSeconds} may be
     * null for the server's default overlap.
     */
    JsonObject rotateAccessKey(String accessKeyId, Long overlapSeconds)
            throws IOException, AdminApiException {
        return send("POST", "/keys/" + segment(accessKeyId) + "/rotate",
                JsonDocuments.object("overlapSeconds", overlapSeconds));
    }

    JsonObject getAccessKey(String accessKeyId) throws IOException, AdminApiException {
        return send("GET", "/keys/" + segment(accessKeyId), null);
    }

    /**
     * Sets a key's request limits: {@code limits} holds the fields to change, a number to set one, a
     * JSON null to remove the override. Answers the key, with its {@code limits}.
     */
    JsonObject setAccessKeyLimits(String accessKeyId, JsonObject limits)
            throws IOException, AdminApiException {
        return send("PUT", "/keys/" + segment(accessKeyId) + "/limits", limits);
    }

    void deleteAccessKey(String accessKeyId) throws IOException, AdminApiException {
        send("DELETE", "/keys/" + segment(accessKeyId), null);
    }

    // ---- buckets ----

    JsonObject listBuckets() throws IOException, AdminApiException {
        return send("GET", "/buckets", null);
    }

    /** Creates a bucket; {@code owner} may be null (the caller owns it). */
    JsonObject createBucket(String name, String owner) throws IOException, AdminApiException {
        return send("POST", "/buckets", JsonDocuments.object("name", name, "owner", owner));
    }

    void deleteBucket(String name) throws IOException, AdminApiException {
        send("DELETE", "/buckets/" + segment(name), null);
    }

    // ---- policy ----

    JsonObject explainPolicy(JsonObject request) throws IOException, AdminApiException {
        return send("POST", "/policy/explain", request);
    }

    // ---- transport ----

    /**
     * Sends one signed request; {@code path} is below {@link #BASE_PATH} and already encoded.
     * Answers the JSON object of a 2xx answer, or an empty object for one without a body (204).
     */
    private JsonObject send(String method, String path, JsonObject body)
            throws IOException, AdminApiException {
        byte[] payload = body == null ? new byte[0]
                : JsonDocuments.write(body).getBytes(StandardCharsets.UTF_8);
        String encodedPath = basePath() + BASE_PATH + path;
        URI uri = URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + encodedPath);
        String amzDate = SigV4Signer.amzDate(clock.instant());
        // The real body hash rather than UNSIGNED-PAYLOAD: the body is small and in memory, and a
        // signed hash lets the server reject a body altered in transit over plain http.
        String payloadHash = SigV4Signer.sha256Hex(payload);
        Map<String, String> signedHeaders = new LinkedHashMap<>();
        // HttpClient writes the Host header itself, the same way hostHeader() derives it.
        signedHeaders.put("host", SigV4Signer.hostHeader(uri));
        signedHeaders.put("x-amz-content-sha256", payloadHash);
        signedHeaders.put("x-amz-date", amzDate);
        String authorization = signer.authorization(method, encodedPath, "", signedHeaders,
                payloadHash, amzDate);

        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("x-amz-content-sha256", payloadHash)
                .header("x-amz-date", amzDate)
                .header("Authorization", authorization);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + uri);
        }
        String text = response.body() == null ? "" : response.body();
        Optional<JsonValue> json = text.isBlank() ? Optional.empty() : JsonDocuments.parse(text);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw AdminApiException.fromResponse(status, text, json.orElse(null));
        }
        if (text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (json.isEmpty() || !(json.get() instanceof JsonObject answer)) {
            throw new IllegalStateException("unexpected answer to " + method + " " + encodedPath
                    + " (HTTP " + status + "): not a JSON object");
        }
        return answer;
    }

    /** The endpoint's own path, for a server mounted below a prefix; "" for the usual root. */
    private String basePath() {
        String path = endpoint.getRawPath();
        return path == null ? "" : path;
    }

    /** One path segment, encoded as SigV4 and the server both expect (user names may hold '+', '='). */
    private static String segment(String value) {
        return SigV4Signer.uriEncode(value, false);
    }

    /** The API's time format: ISO-8601 UTC to the second, e.g. 2026-11-30T10:00:00Z. */
    static String isoSeconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
