package io.ghostbay.web.auth;

/**
 * Outcome of {@link SigV4Verifier#verify(SigV4Request)}.
 *
 * @param accessKeyId      the authenticated access key, or null when anonymous
 * @param payloadMode      how the body must be checked
 * @param payloadSha256Hex the expected body SHA-256 (lowercase hex) when {@link PayloadMode#SIGNED_HEX}, else null
 * @param chunkSigning     chunk-signature context for {@link PayloadMode#STREAMING_SIGNED} and
 *                         {@link PayloadMode#STREAMING_SIGNED_TRAILER}, else null
 * @param presigned        true when authenticated by query parameters (presigned URL)
 */
public record AuthenticatedRequest(String accessKeyId, PayloadMode payloadMode, String payloadSha256Hex,
                                   ChunkSigningContext chunkSigning, boolean presigned) {

    public boolean anonymous() {
        return accessKeyId == null;
    }
}
