package it.io.ghostbay.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A raw S3 request, SigV4-signed by {@link SigV4} (unless told otherwise), sent with java.net.http or
 * with a plain socket when restricted headers (Host, Expect, Content-Length) must be controlled.
 */
public final class RawRequest {
    private static final Set<String> UNSIGNED = Set.of("expect", "content-length", "connection", "transfer-encoding");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final ItConfig cfg = ItConfig.get();
    private final String method;
    private String encodedPath;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private String payloadHash;
    private Instant time = Instant.now();
    private String accessKey = cfg.accessKey;
    private String secretKey = cfg.secretKey;
    private String region = cfg.region;
    private String host = cfg.hostHeader();
    private boolean sign = true;
    private boolean tamperSignature;

    private RawRequest(String method, String encodedPath) {
        this.method = method;
        this.encodedPath = encodedPath;
    }

    /** Path-style request for /bucket[/key]; bucket and key may be null. */
    public static RawRequest of(String method, String bucket, String key) {
        StringBuilder p = new StringBuilder("/");
        if (bucket != null) {
            p.append(SigV4.uriEncode(bucket, false));
            if (key != null) {
                p.append('/').append(SigV4.uriEncode(key, true));
            }
        }
        return new RawRequest(method, p.toString());
    }

    /** Request for an already-encoded path (e.g. /health/ready or a virtual-host path). */
    public static RawRequest path(String method, String encodedPath) {
        return new RawRequest(method, encodedPath);
    }

    public RawRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public RawRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public RawRequest body(byte[] b) {
        this.body = b;
        return this;
    }

    public RawRequest body(String s) {
        return body(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Overrides x-amz-content-sha256 (default: the SHA-256 of the body). */
    public RawRequest payloadHash(String h) {
        this.payloadHash = h;
        return this;
    }

    public RawRequest time(Instant t) {
        this.time = t;
        return this;
    }

    public RawRequest credentials(String ak, String sk) {
        this.accessKey = ak;
        this.secretKey = sk;
        return this;
    }

    public RawRequest host(String h) {
        this.host = h;
        return this;
    }

    public RawRequest unsigned() {
        this.sign = false;
        return this;
    }

    /** Signs correctly, then flips one hex digit of the signature. */
    public RawRequest tamperSignature() {
        this.tamperSignature = true;
        return this;
    }

    public String target() {
        String q = SigV4.canonicalQuery(query);
        return q.isEmpty() ? encodedPath : encodedPath + "?" + q;
    }

    /** The headers to send (without Host / Content-Length), including the signature headers. */
    public Map<String, String> finalHeaders() {
        Map<String, String> out = new LinkedHashMap<>(headers);
        if (!sign) {
            return out;
        }
        String ph = payloadHash != null ? payloadHash : SigV4.sha256Hex(body);
        out.putIfAbsent("x-amz-date", SigV4.AMZ_DATE.format(time));
        out.putIfAbsent("x-amz-content-sha256", ph);
        Map<String, String> toSign = new LinkedHashMap<>();
        toSign.put("host", host);
        out.forEach((k, v) -> {
            if (!UNSIGNED.contains(k.toLowerCase(Locale.ROOT))) {
                toSign.put(k, v);
            }
        });
        String auth = SigV4.authorization(method, encodedPath, query, toSign, ph, time, accessKey, secretKey, region);
        if (tamperSignature) {
            char last = auth.charAt(auth.length() - 1);
            auth = auth.substring(0, auth.length() - 1) + (last == '0' ? '1' : '0');
        }
        out.put("Authorization", auth);
        return out;
    }

    /** Sends with java.net.http (Host is the endpoint's). */
    public RawResponse send() {
        URI uri = URI.create(cfg.endpoint + target());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        finalHeaders().forEach(b::header);
        HttpRequest.BodyPublisher pub = body.length == 0 && !"PUT".equals(method) && !"POST".equals(method)
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        b.method(method, pub);
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new RawResponse(r.statusCode(), "HTTP " + r.statusCode(), r.headers().map(), r.body());
            } catch (java.net.ConnectException e) {
                if (attempt >= 3) {
                    throw new IllegalStateException(e);
                }
                sleep(20_000);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The request head (request line and headers, CRLF CRLF) for a socket; Content-Length as given. */
    public byte[] head(Long contentLength, boolean connectionClose) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(target()).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(host).append("\r\n");
        finalHeaders().forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        if (contentLength != null) {
            sb.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        if (connectionClose) {
            sb.append("Connection: close\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public byte[] bodyBytes() {
        return body;
    }

    /** Sends over a plain socket to the endpoint, with the configured Host header, Connection: close. */
    public RawResponse sendSocket() {
        try (Socket s = openSocket()) {
            OutputStream out = s.getOutputStream();
            boolean hasBody = body.length > 0 || "PUT".equals(method) || "POST".equals(method);
            out.write(head(hasBody ? (long) body.length : null, true));
            out.write(body);
            out.flush();
            return readResponse(s.getInputStream(), "HEAD".equals(method), true);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Socket openSocket() throws IOException {
        ItConfig c = ItConfig.get();
        IOException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                Socket s = new Socket(c.endpoint.getHost(), c.port());
                s.setSoTimeout(60_000);
                return s;
            } catch (java.net.ConnectException e) {
                last = e;
                sleep(20_000);
            }
        }
        throw last;
    }

    /** Reads one CRLF-terminated line (ISO-8859-1), or null at EOF. */
    public static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads a response; interim 1xx responses are skipped when skipInterim. */
    public static RawResponse readResponse(InputStream in, boolean head, boolean skipInterim) throws IOException {
        while (true) {
            String statusLine = readLine(in);
            if (statusLine == null) {
                throw new IOException("connection closed before a status line");
            }
            if (statusLine.isEmpty()) {
                continue;
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, List<String>> hs = new LinkedHashMap<>();
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                hs.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
            if (status >= 100 && status < 200 && skipInterim) {
                continue;
            }
            byte[] body;
            List<String> te = hs.get("transfer-encoding");
            List<String> cl = hs.get("content-length");
            if (head || status == 204 || status == 304 || (status >= 100 && status < 200)) {
                body = new byte[0];
            } else if (te != null && te.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                while (true) {
                    String sizeLine = readLine(in);
                    if (sizeLine == null) {
                        break;
                    }
                    int semi = sizeLine.indexOf(';');
                    int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                    if (size == 0) {
                        while ((line = readLine(in)) != null && !line.isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    b.write(in.readNBytes(size));
                    readLine(in);
                }
                body = b.toByteArray();
            } else if (cl != null) {
                body = in.readNBytes(Integer.parseInt(cl.get(0)));
            } else {
                body = in.readAllBytes();
            }
            return new RawResponse(status, statusLine, hs, body);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
