package io.ghostbay.service;

import java.io.Serializable;

/**
 * Conditional write headers of PutObject / CopyObject: {@code If-None-Match: *} (only create) and
 * {@code If-Match: "etag"} (only replace that version). Checked inside the catalog transaction.
 */
public record WriteCondition(boolean ifNoneMatchStar, String ifMatch) implements Serializable {
    public static final WriteCondition NONE = new WriteCondition(false, null);

    public boolean isNone() {
        return !ifNoneMatchStar && ifMatch == null;
    }
}
