package it.io.ghostbay.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A minimal AWS Signature Version 4 (header auth) signer for raw HTTP tests. */
public final class SigV4 {
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private SigV4() {
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes, as S3 canonical requests want it. */
    public static String uriEncode(String s, boolean keepSlash) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /** Canonical (and wire) query string: names and values encoded, sorted by name then value. */
    public static String canonicalQuery(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> uriEncode(e.getKey(), false) + "=" + uriEncode(e.getValue() == null ? "" : e.getValue(), false))
                .sorted()
                .collect(Collectors.joining("&"));
    }

    /**
     * Computes the Authorization header value.
     *
     * @param headers headers to sign (must include host, x-amz-date, x-amz-content-sha256); names any case
     */
    public static String authorization(String method, String encodedPath, Map<String, String> query,
            Map<String, String> headers, String payloadHash, Instant time,
            String accessKey, String secretKey, String region) {
        TreeMap<String, String> canon = new TreeMap<>();
        headers.forEach((k, v) -> canon.put(k.toLowerCase(Locale.ROOT), v.trim().replaceAll(" +", " ")));
        String signedHeaders = String.join(";", canon.keySet());
        String canonicalHeaders = canon.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining());
        String canonicalRequest = method + "\n" + encodedPath + "\n" + canonicalQuery(query) + "\n"
                + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
        String day = DAY.format(time);
        String scope = day + "/" + region + "/s3/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + AMZ_DATE.format(time) + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] k = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        k = hmac(k, region);
        k = hmac(k, "s3");
        k = hmac(k, "aws4_request");
        String signature = HexFormat.of().formatHex(hmac(k, stringToSign));
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
