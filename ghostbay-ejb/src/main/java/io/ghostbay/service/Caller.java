package io.ghostbay.service;

import java.io.Serializable;

/** The authenticated principal of a request: an access key and the account that owns it. */
public record Caller(String accessKeyId, long accountId, String canonicalId, String displayName, boolean admin)
        implements Serializable {
}
