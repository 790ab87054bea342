package io.ghostbay.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Minimal AWS Signature Version 4 signer: the {@code Authorization} header of a request, and
 * presigned URLs (query-string authentication).
 *
 * <p>Not thread-safe: it keeps its own {@link Mac} and {@link MessageDigest} and a cached signing
 * key, so each worker thread owns one instance. Paths are expected to be already URI-encoded the
 * way S3 wants them (each segment encoded once, '/' kept), which is also what goes on the request
 * line, so the canonical URI is simply the encoded path.
 */
public final class SigV4Signer {

    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final String EMPTY_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** S3 refuses presigned URLs valid for longer than seven days. */
    public static final long MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String accessKey;
    private final byte[] secretKey;
    private final String region;
    private final String service;
    private final Mac mac;
    private final MessageDigest sha256;

    private String cachedDate;
    private byte[] cachedSigningKey;

    public SigV4Signer(String accessKey, String secretKey, String region, String service) {
        this.accessKey = accessKey;
        this.secretKey = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
        this.service = service;
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns the value of the Authorization header.
     *
     * @param method        HTTP method
     * @param encodedPath   URI-encoded path, e.g. {@code /bucket/my%20key}
     * @param canonicalQuery canonical query string (see {@link #canonicalQuery(Map)}), or ""
     * @param headers       headers to sign; names are lower-cased and values trimmed here.
     *                      Must include host and x-amz-date.
     * @param payloadHash   hex SHA-256 of the body, or {@link #UNSIGNED_PAYLOAD}
     * @param amzDate       the x-amz-date value, {@code yyyyMMdd'T'HHmmss'Z'}
     */
    public String authorization(String method, String encodedPath, String canonicalQuery,
                                Map<String, String> headers, String payloadHash, String amzDate) {
        SortedMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            sorted.put(e.getKey().toLowerCase(java.util.Locale.ROOT), trimAll(e.getValue()));
        }
        StringBuilder signedHeaders = new StringBuilder(64);
        for (String name : sorted.keySet()) {
            if (signedHeaders.length() > 0) {
                signedHeaders.append(';');
            }
            signedHeaders.append(name);
        }
        String signature = signature(method, encodedPath, canonicalQuery, sorted,
                signedHeaders.toString(), payloadHash, amzDate);
        return ALGORITHM + " Credential=" + accessKey + '/' + scope(amzDate)
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    /**
     * Returns the query string (without '?') of a presigned URL: the request's own parameters
     * plus {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date},
     * {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders=host} and, last, {@code X-Amz-Signature}.
     * Only the host is signed and the payload is {@link #UNSIGNED_PAYLOAD}, as S3 presigners do,
     * so the URL works for any body and from any HTTP client.
     *
     * @param method         HTTP method the URL is for (GET, PUT, ...)
     * @param host           the Host header the client will send, e.g. {@code 127.0.0.1:9000}
     * @param encodedPath    URI-encoded path, e.g. {@code /bucket/my%20key}
     * @param query          raw, unencoded request parameters (may be empty)
     * @param amzDate        signing time, {@code yyyyMMdd'T'HHmmss'Z'}
     * @param expiresSeconds validity from {@code amzDate}, 1 to {@value #MAX_PRESIGNED_EXPIRES_SECONDS}
     */
    public String presignedQuery(String method, String host, String encodedPath,
                                 Map<String, String> query, String amzDate, long expiresSeconds) {
        if (expiresSeconds < 1 || expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("presigned URL expiry must be 1 to "
                    + MAX_PRESIGNED_EXPIRES_SECONDS + " seconds, not " + expiresSeconds);
        }
        Map<String, String> params = new LinkedHashMap<>(query);
        params.put("X-Amz-Algorithm", ALGORITHM);
        params.put("X-Amz-Credential", accessKey + '/' + scope(amzDate));
        params.put("X-Amz-Date", amzDate);
        params.put("X-Amz-Expires", Long.toString(expiresSeconds));
        params.put("X-Amz-SignedHeaders", "host");
        String canonicalQuery = canonicalQuery(params);
        SortedMap<String, String> headers = new TreeMap<>(Map.of("host", trimAll(host)));
        String signature = signature(method, encodedPath, canonicalQuery, headers, "host",
                UNSIGNED_PAYLOAD, amzDate);
        // X-Amz-Signature is not part of what is signed, so it goes after the sorted parameters.
        return canonicalQuery + "&X-Amz-Signature=" + signature;
    }

    /**
     * Returns a path-style presigned URL for {@code endpoint} (scheme, host, port and any base
     * path) plus {@code encodedPath}, signed at {@code signingTime}. The signed host is the
     * endpoint's host with its port, except the scheme's default port, which HTTP clients leave
     * out of the Host header.
     *
     * @see #presignedQuery(String, String, String, Map, String, long)
     */
    public URI presignedUrl(String method, URI endpoint, String encodedPath,
                            Map<String, String> query, Instant signingTime, long expiresSeconds) {
        String host = hostHeader(endpoint);
        String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        if (basePath.endsWith("/")) {
            basePath = basePath.substring(0, basePath.length() - 1);
        }
        String path = basePath + (encodedPath.startsWith("/") ? encodedPath : "/" + encodedPath);
        String presigned = presignedQuery(method, host, path, query, amzDate(signingTime),
                expiresSeconds);
        return URI.create(endpoint.getScheme() + "://" + host + path + "?" + presigned);
    }

    /** The Host header value a client sends for {@code endpoint}: host, and port unless default. */
    public static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port < 0
                || (port == 80 && "http".equalsIgnoreCase(endpoint.getScheme()))
                || (port == 443 && "https".equalsIgnoreCase(endpoint.getScheme()));
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    /** The {@code x-amz-date} form of an instant: {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
    public static String amzDate(Instant instant) {
        return AMZ_DATE.format(instant);
    }

    private String scope(String amzDate) {
        return amzDate.substring(0, 8) + '/' + region + '/' + service + "/aws4_request";
    }

    /** Hex signature of a canonical request; {@code headers} are lower-cased, trimmed, sorted. */
    private String signature(String method, String encodedPath, String canonicalQuery,
                             SortedMap<String, String> headers, String signedHeaders,
                             String payloadHash, String amzDate) {
        StringBuilder canon = new StringBuilder(256);
        canon.append(method).append('\n')
             .append(encodedPath.isEmpty() ? "/" : encodedPath).append('\n')
             .append(canonicalQuery).append('\n');
        for (Map.Entry<String, String> e : headers.entrySet()) {
            canon.append(e.getKey()).append(':').append(e.getValue()).append('\n');
        }
        canon.append('\n').append(signedHeaders).append('\n').append(payloadHash);

        String stringToSign = ALGORITHM + "\n" + amzDate + '\n' + scope(amzDate) + '\n'
                + hex(sha256.digest(canon.toString().getBytes(StandardCharsets.UTF_8)));
        return hex(hmac(signingKey(amzDate.substring(0, 8)), stringToSign));
    }

    private byte[] signingKey(String date) {
        if (!date.equals(cachedDate)) {
            byte[] k = hmac(secretKey, date);
            k = hmac(k, region);
            k = hmac(k, service);
            cachedSigningKey = hmac(k, "aws4_request");
            cachedDate = date;
        }
        return cachedSigningKey;
    }

    private byte[] hmac(byte[] key, String data) {
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex. */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** Hex SHA-256 of a byte array. */
    public static String sha256Hex(byte[] data) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String trimAll(String v) {
        // SigV4: trim, and collapse sequential spaces into one.
        String t = v.trim();
        if (t.indexOf("  ") < 0) {
            return t;
        }
        return t.replaceAll(" +", " ");
    }

    /**
     * RFC 3986 percent-encoding as SigV4 wants it: unreserved characters kept, everything else
     * (as UTF-8) encoded with upper-case hex; '/' kept only if {@code keepSlash}.
     */
    public static String uriEncode(String s, boolean keepSlash) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(HEX[c >> 4]))
                  .append(Character.toUpperCase(HEX[c & 0xF]));
            }
        }
        return sb.toString();
    }

    /**
     * Canonical (and wire) query string from raw, unencoded parameters: each name and value
     * encoded, sorted by encoded name then value, joined with '&amp;'. A parameter without a
     * value (e.g. {@code ?delete}) is given as an empty string and rendered {@code name=}.
     */
    public static String canonicalQuery(Map<String, String> params) {
        if (params == null || params.isEmpty()) {
            return "";
        }
        TreeMap<String, String> enc = new TreeMap<>();
        params.forEach((k, v) -> enc.put(uriEncode(k, false), uriEncode(v == null ? "" : v, false)));
        StringBuilder sb = new StringBuilder();
        enc.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }
}
