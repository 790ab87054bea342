package io.ghostbay.service;

import io.ghostbay.storage.ChecksumAlgorithm;

import java.util.Map;
import java.util.function.Supplier;

/**
 * PutObject as parsed from the request.
 *
 * @param expectedLength   decoded body length (Content-Length or x-amz-decoded-content-length), -1 if unknown
 * @param contentMd5       the Content-MD5 header (base64), or null
 * @param checksumAlgorithm the flexible checksum the client asked for, or null
 * @param expectedChecksum  its value from a header, or null when it comes as a trailer (or not at all)
 * @param trailers          trailer headers of an aws-chunked body, readable once the body is consumed
 */
public record PutObjectCommand(String bucket, String key, ObjectMetadata metadata, long expectedLength, String contentMd5,
                               ChecksumAlgorithm checksumAlgorithm, String expectedChecksum, boolean checksumInTrailer,
                               Supplier<Map<String, String>> trailers, WriteCondition condition,
                               io.ghostbay.acl.AclHeaders.Requested acl, Map<String, String> tags) {
}
