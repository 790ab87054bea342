package io.ghostbay.service;

/**
 * CopyObject: {@code metadata} is used only with the REPLACE directive.
 * The {@code source*} conditions are x-amz-copy-source-if-* headers.
 */
public record CopyObjectCommand(String sourceBucket, String sourceKey, String bucket, String key, boolean replaceMetadata,
                                ObjectMetadata metadata, WriteCondition condition, String sourceIfMatch,
                                String sourceIfNoneMatch, Long sourceIfModifiedSinceMs, Long sourceIfUnmodifiedSinceMs,
                                io.ghostbay.acl.AclHeaders.Requested acl, boolean replaceTags,
                                java.util.Map<String, String> tags) {
}
