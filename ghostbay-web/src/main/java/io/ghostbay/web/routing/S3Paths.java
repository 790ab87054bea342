package io.ghostbay.web.routing;

import io.ghostbay.web.auth.SigV4;

/** Splits a raw (still percent-encoded) path-style request path into bucket and key. */
public final class S3Paths {
    private S3Paths() {
    }

    /** {bucket, key}; either may be null. A '+' in a path is a literal plus, as on AWS. */
    public static String[] split(String rawPath) {
        String p = rawPath == null ? "" : rawPath;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return new String[] {null, null};
        }
        int slash = p.indexOf('/');
        if (slash < 0) {
            return new String[] {SigV4.percentDecodeToString(p), null};
        }
        String bucket = SigV4.percentDecodeToString(p.substring(0, slash));
        String rawKey = p.substring(slash + 1);
        return new String[] {bucket, rawKey.isEmpty() ? null : SigV4.percentDecodeToString(rawKey)};
    }
}
