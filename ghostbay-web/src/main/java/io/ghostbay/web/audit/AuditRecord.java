package io.ghostbay.web.audit;

import io.ghostbay.s3.S3Operation;
import io.ghostbay.web.auth.S3AuthenticationFilter;
import io.ghostbay.web.error.RequestIds;

import jakarta.servlet.http.HttpServletRequest;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API request as the audit log records it. Built on the request thread from what the request
 * left behind (cheap: attribute reads and a few strings); turned into JSON by the writer thread.
 *
 * @param time          when the request arrived
 * @param principal     the user name of the access key's owner; null for anonymous and failed requests
 * @param keyId         the access key id that signed the request; for a failed or unauthenticated request,
 *                      the one it claimed (unverified), if any
 * @param auth          signed, presigned, anonymous, failed; null if the request never reached authentication
 * @param operation     the S3 operation (AWS's name), Admin, or Unknown
 * @param bucket        the bucket addressed, if any (null for the admin API)
 * @param key           the object key addressed, if any; for the admin API the resource path after
 *                      {@code /_ghostbay/admin}, e.g. {@code /v1/users/alice/keys}
 * @param errorCode     the S3 error code of a failed request, else null
 * @param failureReason why authentication failed ({@code Code: message}), else null
 * @param bytesIn       request body bytes read from the connection (wire bytes: aws-chunked framing included)
 * @param bytesOut      response body bytes written
 */
public record AuditRecord(Instant time, String requestId, String principal, String keyId, String auth,
                          String sourceIp, String method, String operation, String bucket, String key, int status,
                          String errorCode, String failureReason, long bytesIn, long bytesOut, long latencyNanos,
                          String userAgent) {

    /** Longer user agents are cut: a client chooses it, and it must not bloat every record. */
    static final int MAX_USER_AGENT = 512;
    static final int MAX_REASON = 512;
    static final int MAX_CLAIMED_KEY_ID = 128;

    private static final String ADMIN = S3Operation.ADMIN.awsName();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Pattern HEADER_CREDENTIAL = Pattern.compile("Credential\\s*=\\s*([^/,\\s]+)/");

    /**
     * The record of a completed request.
     *
     * @param errorCode the S3 error code the response carried, if any
     */
    public static AuditRecord of(HttpServletRequest req, int status, String errorCode, Instant time, long latencyNanos,
                                 long bytesIn, long bytesOut) {
        String auth = text(req.getAttribute(AuditAttributes.AUTH));
        String keyId = text(req.getAttribute(AuditAttributes.KEY_ID));
        if (keyId == null) {
            keyId = claimedKeyId(req.getHeader("Authorization"), req.getQueryString());
        }
        String failureCode = text(req.getAttribute(AuditAttributes.AUTH_FAILURE_CODE));
        String failureReason = failureCode == null ? null
                : cut(failureCode + ": " + text(req.getAttribute(AuditAttributes.AUTH_FAILURE_MESSAGE)), MAX_REASON);
        Object op = req.getAttribute(S3AuthenticationFilter.OPERATION_ATTRIBUTE);
        String operation = op == null ? "Unknown" : op.toString();
        String bucket = text(req.getAttribute(AuditAttributes.BUCKET));
        String key = text(req.getAttribute(AuditAttributes.KEY));
        if (ADMIN.equals(operation)) {
            // /_ghostbay/admin/v1/users/alice: "_ghostbay" is no bucket; keep the admin resource as the key
            bucket = null;
            key = key != null && key.startsWith("admin/") ? key.substring("admin".length()) : key;
        }
        return new AuditRecord(time, RequestIds.of(req), text(req.getAttribute(AuditAttributes.PRINCIPAL)), keyId, auth,
                req.getRemoteAddr(), req.getMethod(), operation, bucket, key, status, errorCode, failureReason, bytesIn,
                bytesOut, latencyNanos, cut(req.getHeader("User-Agent"), MAX_USER_AGENT));
    }

    /**
     * The access key id a request says it is signed with (Authorization header or presigned
     * {@code X-Amz-Credential}), before anyone checked it; null if none. The query string is read
     * raw: {@code getParameter} could consume a form body.
     */
    static String claimedKeyId(String authorization, String rawQuery) {
        if (authorization != null) {
            Matcher m = HEADER_CREDENTIAL.matcher(authorization);
            if (m.find()) {
                return cut(m.group(1), MAX_CLAIMED_KEY_ID);
            }
        }
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith("X-Amz-Credential=")) {
                    String credential;
                    try {
                        credential = URLDecoder.decode(pair.substring("X-Amz-Credential=".length()), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                    int slash = credential.indexOf('/');
                    return slash > 0 ? cut(credential.substring(0, slash), MAX_CLAIMED_KEY_ID) : null;
                }
            }
        }
        return null;
    }

    /**
     * The record's own members as one line of JSON (the chain adds seq, prev and time in front).
     * Written by hand rather than through a JSON generator: the shape is fixed, only strings need
     * escaping, and this runs once per request on the audit writer's thread.
     */
    public String fieldsJson() {
        StringBuilder out = new StringBuilder(384);
        out.append('{');
        member(out, "requestId", requestId).append(',');
        member(out, "principal", principal).append(',');
        member(out, "keyId", keyId).append(',');
        member(out, "auth", auth).append(',');
        member(out, "sourceIp", sourceIp).append(',');
        member(out, "method", method).append(',');
        member(out, "operation", operation).append(',');
        member(out, "bucket", bucket).append(',');
        member(out, "key", key).append(',');
        out.append("\"status\":").append(status).append(',');
        member(out, "errorCode", errorCode).append(',');
        member(out, "failureReason", failureReason).append(',');
        out.append("\"bytesIn\":").append(bytesIn).append(',');
        out.append("\"bytesOut\":").append(bytesOut).append(',');
        // microseconds as milliseconds with three decimals; never in exponent notation at scale 3
        out.append("\"latencyMs\":").append(BigDecimal.valueOf(latencyNanos / 1000, 3).toPlainString()).append(',');
        member(out, "userAgent", userAgent);
        return out.append('}').toString();
    }

    /** Every member is always present, null when unknown, so that consumers see one shape. */
    private static StringBuilder member(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        return value == null ? out.append("null") : quote(out, value);
    }

    /**
     * A JSON string (RFC 8259): quote, backslash and the control characters escaped, everything else
     * as it is, so a key with a line break or NUL stays on its one line.
     */
    private static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        // never split a surrogate pair: half of one would not encode as UTF-8
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "...";
    }
}
