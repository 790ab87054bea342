package io.ghostbay.s3;

/**
 * A single HTTP byte range resolved against an object size ({@code bytes=a-b}, {@code bytes=a-},
 * {@code bytes=-n}). Like S3, a syntactically invalid or multi-range header is ignored (the whole
 * object is returned); a valid but unsatisfiable one fails with InvalidRange.
 */
public record ByteRange(long first, long last, long totalSize, boolean partial) {

    public long length() {
        return last - first + 1;
    }

    public String contentRange() {
        return "bytes " + first + "-" + last + "/" + totalSize;
    }

    public static ByteRange full(long size) {
        return new ByteRange(0, size - 1, size, false);
    }

    public static ByteRange parse(String header, long size) {
        if (header == null) {
            return full(size);
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return full(size);
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return full(size);
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return full(size);
                }
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                long first = Math.max(0, size - suffix);
                return new ByteRange(first, size - 1, size, true);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first < 0 || (!b.isEmpty() && last < first)) {
                return full(size);
            }
            if (first >= size) {
                throw unsatisfiable(header, size);
            }
            return new ByteRange(first, Math.min(last, size - 1), size, true);
        } catch (NumberFormatException e) {
            return full(size);
        }
    }

    private static S3Exception unsatisfiable(String header, long size) {
        return S3Exception.of(S3ErrorCode.INVALID_RANGE).with("RangeRequested", header.trim())
                .with("ActualObjectSize", Long.toString(size));
    }
}
