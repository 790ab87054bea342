package io.ghostbay.s3;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * S3's rules for object tags: at most 10 per object, keys of 1 to 128 and values of 0 to 256
 * Unicode characters from letters, digits, spaces and {@code + - = . _ : / @}, keys unique.
 */
public final class ObjectTags {
    public static final int MAX_TAGS = 10;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private ObjectTags() {
    }

    /** The tags of an {@code x-amz-tagging} header: a URL-encoded query string {@code k1=v1&k2=v2}. */
    public static Map<String, String> parseHeader(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header == null || header.isEmpty()) {
            return tags;
        }
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key;
            String value;
            try {
                key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.");
            }
            if (tags.put(key, value) != null) {
                throw S3Exception.of(S3ErrorCode.INVALID_TAG, "Cannot provide multiple Tags with the same key");
            }
        }
        return validate(tags);
    }

    /** Checks a tag set; returns it. */
    public static Map<String, String> validate(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw S3Exception.of(S3ErrorCode.BAD_REQUEST, "Object tags cannot be greater than " + MAX_TAGS);
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            String k = t.getKey();
            String v = t.getValue();
            if (k.isEmpty() || k.codePointCount(0, k.length()) > 128 || !ALLOWED.matcher(k).matches()) {
                throw S3Exception.of(S3ErrorCode.INVALID_TAG, "The TagKey you have provided is invalid");
            }
            if (v.codePointCount(0, v.length()) > 256 || !ALLOWED.matcher(v).matches()) {
                throw S3Exception.of(S3ErrorCode.INVALID_TAG, "The TagValue you have provided is invalid");
            }
        }
        return tags;
    }
}
