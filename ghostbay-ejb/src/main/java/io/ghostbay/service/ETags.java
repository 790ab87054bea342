package io.ghostbay.service;

/** ETag comparison as in If-Match / If-None-Match: quotes and weak prefixes are ignored, "*" matches any. */
public final class ETags {
    private ETags() {
    }

    /** True if the header (possibly a comma-separated list) matches the unquoted {@code etag}. */
    public static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
