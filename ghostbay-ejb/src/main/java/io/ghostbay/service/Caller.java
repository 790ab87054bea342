package io.ghostbay.service;

import java.io.Serializable;

/**
 * Who sent a request and from where: an access key and the user that owns it, or nobody (an
 * anonymous request, served only where a bucket policy allows it), plus the request facts that
 * bucket-policy conditions look at.
 */
public record Caller(String accessKeyId, long accountId, String canonicalId, String displayName, boolean admin,
                     AccessContext context) implements Serializable {

    public static Caller anonymous(AccessContext context) {
        return new Caller(null, -1L, null, null, false, context);
    }

    public boolean anonymous() {
        return accessKeyId == null;
    }

    public Caller withContext(AccessContext newContext) {
        return new Caller(accessKeyId, accountId, canonicalId, displayName, admin, newContext);
    }
}
