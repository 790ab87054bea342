package io.ghostbay.s3;

import java.nio.charset.StandardCharsets;

/**
 * Object key rules: 1 to 1024 bytes of UTF-8. Keys are never used as file names (blobs are named
 * by random ids), so {@code ../}, {@code //} and leading slashes are ordinary characters, as on AWS.
 */
public final class ObjectKeys {
    public static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {
    }

    /** Validates and returns the UTF-8 bytes that the catalog indexes. */
    public static byte[] validate(String bucket, String key) {
        if (key == null || key.isEmpty()) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Object key must not be empty.");
        }
        if (key.indexOf('\0') >= 0) {
            // AWS accepts U+0000 in keys, but most file-system based tools and our own logs cannot carry it.
            throw S3Exception.forResource(S3ErrorCode.INVALID_ARGUMENT, "/" + bucket).with("ArgumentName", "key")
                    .with("ArgumentValue", key.replace('\0', '?'));
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1));
                if (!paired) {
                    throw S3Exception.of(S3ErrorCode.INVALID_URI, "Object key is not valid UTF-8.");
                }
                i++;
            }
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_KEY_BYTES) {
            throw S3Exception.forResource(S3ErrorCode.KEY_TOO_LONG, "/" + bucket + "/" + key.substring(0, 64) + "...")
                    .with("Size", Integer.toString(bytes.length)).with("MaxSizeAllowed", Integer.toString(MAX_KEY_BYTES));
        }
        return bytes;
    }

    /** The smallest byte string greater than every string starting with {@code prefix} (null: none). */
    public static byte[] prefixUpperBound(byte[] prefix) {
        byte[] out = prefix.clone();
        for (int i = out.length - 1; i >= 0; i--) {
            if ((out[i] & 0xff) != 0xff) {
                out[i]++;
                return java.util.Arrays.copyOf(out, i + 1);
            }
        }
        return null;
    }

    /** The smallest byte string strictly greater than {@code key}. */
    public static byte[] successor(byte[] key) {
        return java.util.Arrays.copyOf(key, key.length + 1);
    }

    /** Unsigned lexicographic comparison: S3's UTF-8 binary order. */
    public static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }
}
