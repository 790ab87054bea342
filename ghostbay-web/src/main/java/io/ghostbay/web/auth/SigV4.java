package io.ghostbay.web.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Static helpers for AWS Signature Version 4 as S3 applies it (single URI encoding, no path
 * normalisation). Pure Java; no container types.
 */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";
    public static final String TRAILER_ALGORITHM = "AWS4-HMAC-SHA256-TRAILER";
    /** SHA-256 of the empty string, hex. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private SigV4() {
    }

    // ---------------------------------------------------------------- primitives

    /** Lowercase hex. */
    public static String hex(byte[] b) {
        char[] out = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = HEX[(b[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[b[i] & 0xf];
        }
        return new String(out);
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(byte[] data) {
        return hex(newSha256().digest(data));
    }

    public static String sha256Hex(String utf8) {
        return sha256Hex(utf8.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmacSha256(byte[] key, String data) {
        return hmacSha256(key, data.getBytes(StandardCharsets.UTF_8));
    }

    /** One Mac per thread: Mac.getInstance looks the algorithm up in the provider list, which costs more than the HMAC. */
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    public static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = HMAC_SHA256.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signing keys already derived, by secret, day, region and service: a key is valid for a whole day,
     * and deriving it costs four HMACs per request. Bounded: emptied when it grows past
     * {@link #SIGNING_KEY_CACHE_MAX} (a new day, or many keys in use, simply derives again).
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> SIGNING_KEYS = new java.util.concurrent.ConcurrentHashMap<>();
    static final int SIGNING_KEY_CACHE_MAX = 4096;

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request"). */
    public static byte[] signingKey(String secret, String yyyymmdd, String region, String service) {
        String cacheKey = yyyymmdd + '\n' + region + '\n' + service + '\n' + secret;
        byte[] cached = SIGNING_KEYS.get(cacheKey);
        if (cached != null) {
            return cached.clone();
        }
        byte[] k = deriveSigningKey(secret, yyyymmdd, region, service);
        if (SIGNING_KEYS.size() >= SIGNING_KEY_CACHE_MAX) {
            SIGNING_KEYS.clear();
        }
        SIGNING_KEYS.put(cacheKey, k.clone());
        return k;
    }

    static byte[] deriveSigningKey(String secret, String yyyymmdd, String region, String service) {
        byte[] k = hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), yyyymmdd);
        k = hmacSha256(k, region);
        k = hmacSha256(k, service);
        return hmacSha256(k, "aws4_request");
    }

    /** Hex HMAC-SHA256 of the string to sign with the signing key. */
    public static String signature(byte[] signingKey, String stringToSign) {
        return hex(hmacSha256(signingKey, stringToSign));
    }

    /** Constant-time comparison of two hex signatures (case-insensitive; null-safe, null never matches). */
    public static boolean constantTimeEquals(String expected, String provided) {
        if (expected == null || provided == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                provided.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    // ---------------------------------------------------------------- encoding

    private static boolean unreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /** AWS UriEncode: unreserved A-Za-z0-9-_.~ kept, everything else %XX (uppercase) on the UTF-8 bytes. */
    public static String uriEncode(String s, boolean encodeSlash) {
        return uriEncode(s.getBytes(StandardCharsets.UTF_8), encodeSlash);
    }

    /** AWS UriEncode over raw bytes. */
    public static String uriEncode(byte[] bytes, boolean encodeSlash) {
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte value : bytes) {
            int c = value & 0xff;
            if (unreserved(c) || (c == '/' && !encodeSlash)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xf]);
            }
        }
        return sb.toString();
    }

    private static int hexVal(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Percent-decodes {@code %XX} sequences to raw bytes. A '+' stays a '+'. Characters outside
     * ASCII are taken as their UTF-8 bytes. A '%' not followed by two hex digits is kept literally.
     */
    public static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < n && hexVal(s.charAt(i + 1)) >= 0 && hexVal(s.charAt(i + 2)) >= 0) {
                out.write((hexVal(s.charAt(i + 1)) << 4) | hexVal(s.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int end = i + 1;
                if (Character.isHighSurrogate(c) && end < n && Character.isLowSurrogate(s.charAt(end))) {
                    end++;
                }
                out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return out.toByteArray();
    }

    /** Percent-decodes to a UTF-8 string ('+' stays '+'). */
    public static String percentDecodeToString(String s) {
        return new String(percentDecode(s), StandardCharsets.UTF_8);
    }

    /**
     * S3 canonical URI: percent-decode the raw path as received ('+' stays '+'), then UriEncode
     * with '/' kept. No normalisation of {@code ..}, {@code .} or {@code //}. Empty path → "/".
     */
    public static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return uriEncode(percentDecode(rawPath), false);
    }

    /**
     * Parses a raw query string (without '?') into decoded name/value pairs in order.
     * {@code %XX} is decoded, '+' is kept as-is; parameters without '=' get an empty value;
     * empty segments ({@code a=1&&b=2}) are skipped.
     */
    public static List<Map.Entry<String, String>> parseQuery(String rawQuery) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String part : rawQuery.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            out.add(new AbstractMap.SimpleImmutableEntry<>(percentDecodeToString(name), percentDecodeToString(value)));
        }
        return out;
    }

    /**
     * Canonical query string: each name and value decoded ({@code %XX} only) and re-encoded with
     * UriEncode (slash encoded), sorted by encoded name then encoded value, joined with '&'.
     * With {@code dropSignatureParam}, {@code X-Amz-Signature} is excluded (presigned URLs).
     */
    public static String canonicalQuery(String rawQuery, boolean dropSignatureParam) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            byte[] name = percentDecode(eq < 0 ? part : part.substring(0, eq));
            byte[] value = percentDecode(eq < 0 ? "" : part.substring(eq + 1));
            String encName = uriEncode(name, true);
            if (dropSignatureParam && encName.equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {encName, uriEncode(value, true)});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /** Trims and collapses inner runs of spaces/tabs to a single space. */
    public static String normalizeHeaderValue(String v) {
        if (v == null) {
            return "";
        }
        String t = v.strip();
        StringBuilder sb = new StringBuilder(t.length());
        boolean space = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (!space) {
                    sb.append(' ');
                }
                space = true;
            } else {
                sb.append(c);
                space = false;
            }
        }
        return sb.toString();
    }

    /** All values of a header (name matched case-insensitively over every key), in order. */
    public static List<String> headerValues(Map<String, List<String>> headers, String name) {
        List<String> out = new ArrayList<>();
        if (headers == null) {
            return out;
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    /**
     * Canonical headers block: for each signed header name (as given, lowercase, already sorted as
     * in SignedHeaders) one line {@code name:value\n}; multiple values are each normalised and
     * joined with ','. A signed header absent from the request yields {@code name:\n}.
     */
    public static String canonicalHeaders(Map<String, List<String>> headers, Collection<String> signedHeaders) {
        StringBuilder sb = new StringBuilder();
        for (String name : signedHeaders) {
            String lname = name.toLowerCase(Locale.ROOT);
            sb.append(lname).append(':');
            List<String> values = headerValues(headers, lname);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(normalizeHeaderValue(values.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The canonical request. {@code canonicalHeaders} is the block from
     * {@link #canonicalHeaders(Map, Collection)} (each line ending in '\n').
     */
    public static String canonicalRequest(String method, String canonicalUri, String canonicalQuery,
                                          String canonicalHeaders, String signedHeaders, String payloadHash) {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
                + signedHeaders + '\n' + payloadHash;
    }

    /** "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest)). */
    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
    }

    /** {@code yyyymmdd/region/service/aws4_request}. */
    public static String scope(String yyyymmdd, String region, String service) {
        return yyyymmdd + '/' + region + '/' + service + "/aws4_request";
    }

    /** String to sign of one aws-chunked chunk. */
    public static String chunkStringToSign(String amzDate, String scope, String previousSignature, String chunkSha256Hex) {
        return CHUNK_ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + previousSignature + '\n'
                + EMPTY_SHA256 + '\n' + chunkSha256Hex;
    }

    /** String to sign of the trailer of an aws-chunked body. */
    public static String trailerStringToSign(String amzDate, String scope, String previousSignature,
                                             String canonicalTrailerSha256Hex) {
        return TRAILER_ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + previousSignature + '\n'
                + canonicalTrailerSha256Hex;
    }
}
