package io.ghostbay.web.operation;

import io.ghostbay.acl.AclHeaders;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.ObjectMetadata;
import io.ghostbay.service.WriteCondition;

import jakarta.ws.rs.core.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Parsing of the S3 request headers shared by several operations. */
final class RequestHeaders {
    private static final String META_PREFIX = "x-amz-meta-";

    private RequestHeaders() {
    }

    /** The ACL the request sets with x-amz-acl or x-amz-grant-* headers (NONE when it sets none). */
    static AclHeaders.Requested acl(HttpHeaders headers) {
        try {
            return AclHeaders.parse(headers::getHeaderString);
        } catch (UnsupportedOperationException e) {
            throw S3Exception.of(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS);
        } catch (IllegalArgumentException e) {
            throw S3Exception.of(e.getMessage().startsWith("Specifying both") ? S3ErrorCode.INVALID_REQUEST
                    : S3ErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
    }

    /**
     * The stored headers and the user-defined metadata of a write. AWS limits user-defined metadata to
     * 2 KB, measured as the UTF-8 bytes of each name (without {@code x-amz-meta-}) and value;
     * {@code maxUserMetadataBytes} is that limit (ghostbay.limits.user-metadata-bytes).
     */
    static ObjectMetadata metadata(HttpHeaders headers, int maxUserMetadataBytes) {
        Map<String, String> user = new TreeMap<>();
        int size = 0;
        for (Map.Entry<String, List<String>> h : headers.getRequestHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(META_PREFIX) && name.length() > META_PREFIX.length()) {
                String key = name.substring(META_PREFIX.length());
                String value = String.join(",", h.getValue());
                user.put(key, value);
                size += key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (size > maxUserMetadataBytes) {
            throw S3Exception.of(S3ErrorCode.METADATA_TOO_LARGE).with("Size", Integer.toString(size))
                    .with("MaxSizeAllowed", Integer.toString(maxUserMetadataBytes));
        }
        String contentType = headers.getHeaderString("Content-Type");
        return new ObjectMetadata(contentType == null || contentType.isBlank() ? ObjectMetadata.DEFAULT_CONTENT_TYPE : contentType,
                headers.getHeaderString("Cache-Control"), headers.getHeaderString("Content-Disposition"),
                storedContentEncoding(headers.getHeaderString("Content-Encoding")), headers.getHeaderString("Content-Language"),
                headers.getHeaderString("Expires"), user);
    }

    /** Content-Encoding without the transport-only {@code aws-chunked} token. */
    static String storedContentEncoding(String header) {
        if (header == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String token : header.split(",")) {
            String t = token.trim();
            if (!t.isEmpty() && !t.equalsIgnoreCase("aws-chunked")) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(t);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    static WriteCondition writeCondition(HttpHeaders headers) {
        String ifNoneMatch = headers.getHeaderString("If-None-Match");
        String ifMatch = headers.getHeaderString("If-Match");
        if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
            throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED, "If-None-Match on writes supports only '*'.")
                    .with("Header", "If-None-Match");
        }
        if (ifNoneMatch == null && ifMatch == null) {
            return WriteCondition.NONE;
        }
        return new WriteCondition(ifNoneMatch != null, ifMatch == null ? null : ifMatch.trim());
    }

    /** An HTTP date header in milliseconds, or null when absent or unparsable (ignored, as HTTP says). */
    static Long httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static long longHeader(HttpHeaders headers, String name, long absent) {
        String v = headers.getHeaderString(name);
        if (v == null || v.isBlank()) {
            return absent;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Invalid " + name + " header.").with("ArgumentName", name);
        }
    }
}
