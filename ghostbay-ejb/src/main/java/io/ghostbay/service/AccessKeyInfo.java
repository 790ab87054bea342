package io.ghostbay.service;

/**
 * An access key as the admin API shows it. {@code secretAccessKey} is set only in the answer that
 * created the key; everywhere else it is null.
 */
public record AccessKeyInfo(String accessKeyId, String userName, boolean active, long createdMs, Long expiresMs,
                            Long lastUsedMs, String secretAccessKey, KeyLimits limits) {

    public AccessKeyInfo withoutSecret() {
        return new AccessKeyInfo(accessKeyId, userName, active, createdMs, expiresMs, lastUsedMs, null, limits);
    }
}
