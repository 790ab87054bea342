package io.ghostbay.benchmark;

import io.ghostbay.client.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few S3 calls the benchmark needs, path-style, SigV4-signed, over one {@link Transport}.
 * One instance per thread (it is not thread-safe).
 */
public final class S3Session implements AutoCloseable {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Endpoint endpoint;
    private final Transport transport;
    private final SigV4Signer signer;
    private final String bucketPath;

    private long dateSecond = -1;
    private String amzDate;

    /** Parsed endpoint plus the factory for transports. */
    public static final class Endpoint {
        final String scheme;
        final String host;
        final int port;
        final String hostHeader;
        final String basePath;
        final String accessKey;
        final String secretKey;
        final String region;
        final String client;
        private java.net.http.HttpClient jdkClient;

        public Endpoint(String url, String accessKey, String secretKey, String region, String client) {
            URI u = URI.create(url);
            this.scheme = u.getScheme() == null ? "http" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("endpoint must be http:// or https://: " + url);
            }
            if (u.getHost() == null) {
                throw new IllegalArgumentException("endpoint has no host: " + url);
            }
            this.host = u.getHost();
            this.port = u.getPort() > 0 ? u.getPort() : (scheme.equals("https") ? 443 : 80);
            this.hostHeader = u.getRawAuthority();
            String p = u.getRawPath() == null ? "" : u.getRawPath();
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            this.basePath = p;
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            this.region = region;
            this.client = client;
        }

        synchronized Transport newTransport() {
            if (client.equals("jdk")) {
                if (jdkClient == null) {
                    jdkClient = JdkTransport.newClient();
                }
                return new JdkTransport(jdkClient, scheme + "://" + hostHeader);
            }
            return new SocketTransport(host, port, scheme.equals("https"), hostHeader);
        }
    }

    public S3Session(Endpoint endpoint, String bucket) {
        this.endpoint = endpoint;
        this.transport = endpoint.newTransport();
        this.signer = new SigV4Signer(endpoint.accessKey, endpoint.secretKey, endpoint.region, "s3");
        this.bucketPath = endpoint.basePath + "/" + SigV4Signer.uriEncode(bucket, false);
    }

    public Response createBucket() throws IOException {
        Body body = null;
        if (!endpoint.region.equals("us-east-1")) {
            body = Body.of(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    + "<LocationConstraint>" + endpoint.region + "</LocationConstraint>"
                    + "</CreateBucketConfiguration>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return send("PUT", bucketPath, null, body, true);
    }

    public Response deleteBucket() throws IOException {
        return send("DELETE", bucketPath, null, null, true);
    }

    public Response put(String key, Body body) throws IOException {
        return send("PUT", keyPath(key), null, body, false);
    }

    public Response get(String key, boolean keepBody) throws IOException {
        return send("GET", keyPath(key), null, null, keepBody);
    }

    public Response head(String key) throws IOException {
        return send("HEAD", keyPath(key), null, null, false);
    }

    /** GET of bytes first..last (inclusive) with a Range header; the body is discarded. */
    public Response getRange(String key, long first, long last) throws IOException {
        return send("GET", keyPath(key), null, null, false, "Range", "bytes=" + first + "-" + last);
    }

    /** CreateMultipartUpload: POST /bucket/key?uploads. The body (kept) holds the UploadId. */
    public Response createMultipartUpload(String key) throws IOException {
        return send("POST", keyPath(key), Map.of("uploads", ""), null, true);
    }

    /** UploadPart: PUT /bucket/key?partNumber=N&uploadId=ID. The ETag is in the response header. */
    public Response uploadPart(String key, String uploadId, int partNumber, Body body) throws IOException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("partNumber", Integer.toString(partNumber));
        q.put("uploadId", uploadId);
        return send("PUT", keyPath(key), q, body, false);
    }

    /** CompleteMultipartUpload: POST /bucket/key?uploadId=ID with the part list XML (body kept). */
    public Response completeMultipartUpload(String key, String uploadId, String xml) throws IOException {
        return send("POST", keyPath(key), Map.of("uploadId", uploadId),
                Body.of(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), true);
    }

    /** AbortMultipartUpload: DELETE /bucket/key?uploadId=ID. */
    public Response abortMultipartUpload(String key, String uploadId) throws IOException {
        return send("DELETE", keyPath(key), Map.of("uploadId", uploadId), null, true);
    }

    public Response delete(String key) throws IOException {
        return send("DELETE", keyPath(key), null, null, false);
    }

    public Response listV2(String prefix, String delimiter, String token, int maxKeys) throws IOException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("list-type", "2");
        q.put("max-keys", Integer.toString(maxKeys));
        if (prefix != null) {
            q.put("prefix", prefix);
        }
        if (delimiter != null) {
            q.put("delimiter", delimiter);
        }
        if (token != null) {
            q.put("continuation-token", token);
        }
        return send("GET", bucketPath, q, null, true);
    }

    private String keyPath(String key) {
        return bucketPath + "/" + SigV4Signer.uriEncode(key, true);
    }

    /**
     * The complete signed head of a HEAD request for key (request line, Host, SigV4 headers, blank
     * line), for callers that write requests to sockets of their own (the connections workload).
     */
    public byte[] headRequestBytes(String key) {
        String path = keyPath(key);
        List<String> headers = signedHeaders("HEAD", path, "", null);
        StringBuilder sb = new StringBuilder(512);
        sb.append("HEAD ").append(path).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(endpoint.hostHeader).append("\r\n");
        for (int i = 0; i < headers.size(); i += 2) {
            sb.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** extra: optional unsigned header name/value pairs (e.g. Range). */
    private Response send(String method, String path, Map<String, String> query, Body body,
                          boolean keepBody, String... extra) throws IOException {
        String canonicalQuery = SigV4Signer.canonicalQuery(query);
        List<String> headers = signedHeaders(method, path, canonicalQuery, body, extra);
        String target = canonicalQuery.isEmpty() ? path : path + "?" + canonicalQuery;
        return transport.execute(method, target, headers, body, keepBody);
    }

    /** x-amz-content-sha256, x-amz-date, Authorization, then extra, as a flat name/value list. */
    private List<String> signedHeaders(String method, String path, String canonicalQuery, Body body,
                                       String... extra) {
        String date = amzDate();
        String payloadHash = body == null ? SigV4Signer.EMPTY_SHA256 : SigV4Signer.UNSIGNED_PAYLOAD;
        Map<String, String> signed = new LinkedHashMap<>(4);
        signed.put("host", endpoint.hostHeader);
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", date);
        String auth = signer.authorization(method, path, canonicalQuery, signed, payloadHash, date);
        List<String> headers = new ArrayList<>(6 + extra.length);
        headers.add("x-amz-content-sha256");
        headers.add(payloadHash);
        headers.add("x-amz-date");
        headers.add(date);
        headers.add("Authorization");
        headers.add(auth);
        for (String h : extra) {
            headers.add(h);
        }
        return headers;
    }

    private String amzDate() {
        long now = System.currentTimeMillis() / 1000;
        if (now != dateSecond) {
            dateSecond = now;
            amzDate = AMZ_DATE.format(Instant.ofEpochSecond(now));
        }
        return amzDate;
    }

    @Override
    public void close() {
        transport.close();
    }
}
