package io.ghostbay.web.auth;

/** How the request body is protected, from {@code x-amz-content-sha256}. */
public enum PayloadMode {
    /** x-amz-content-sha256 is a hex SHA-256 of the body; verify with {@link PayloadSha256VerifyingInputStream}. */
    SIGNED_HEX,
    /** UNSIGNED-PAYLOAD (or no header on an anonymous request / presigned URL). */
    UNSIGNED,
    /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD. */
    STREAMING_SIGNED,
    /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER. */
    STREAMING_SIGNED_TRAILER,
    /** STREAMING-UNSIGNED-PAYLOAD-TRAILER. */
    STREAMING_UNSIGNED_TRAILER;

    /** True for the three aws-chunked modes. */
    public boolean isStreaming() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /** True when the aws-chunked body ends with trailer headers. */
    public boolean hasTrailer() {
        return this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /** True when chunks carry chunk-signature extensions. */
    public boolean chunksSigned() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }
}
