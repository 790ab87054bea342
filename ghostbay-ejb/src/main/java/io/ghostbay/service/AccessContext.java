package io.ghostbay.service;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The request facts bucket-policy conditions can test, gathered by the web layer: the client's
 * address, whether it came over TLS, and request-specific condition keys such as
 * {@code s3:prefix}, {@code s3:max-keys}, {@code s3:x-amz-acl} or {@code aws:UserAgent}
 * (keys as AWS spells them; values as sent).
 */
public record AccessContext(String sourceIp, boolean secureTransport, Map<String, List<String>> conditionValues)
        implements Serializable {

    /** For calls that do not come from an HTTP request (tests, the policy explainer's defaults). */
    public static AccessContext none() {
        return new AccessContext(null, false, Map.of());
    }
}
