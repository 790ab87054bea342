package io.ghostbay.web.auth;

import java.util.Arrays;

/**
 * What is needed to verify the chunk and trailer signatures of a signed aws-chunked body.
 *
 * @param signingKey    the derived SigV4 signing key (copied defensively)
 * @param amzDate       the request's x-amz-date, e.g. "20130524T000000Z"
 * @param scope         e.g. "20130524/us-east-1/s3/aws4_request"
 * @param seedSignature the request signature (Authorization header / X-Amz-Signature), lowercase hex
 */
public record ChunkSigningContext(byte[] signingKey, String amzDate, String scope, String seedSignature) {

    public ChunkSigningContext {
        signingKey = signingKey.clone();
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    /** Signature of a chunk given the previous signature and the chunk data's SHA-256 hex. */
    public String chunkSignature(String previousSignature, String chunkSha256Hex) {
        return SigV4.signature(signingKey, SigV4.chunkStringToSign(amzDate, scope, previousSignature, chunkSha256Hex));
    }

    /** Signature of the trailer given the final chunk's signature and the canonical trailer's SHA-256 hex. */
    public String trailerSignature(String previousSignature, String canonicalTrailerSha256Hex) {
        return SigV4.signature(signingKey,
                SigV4.trailerStringToSign(amzDate, scope, previousSignature, canonicalTrailerSha256Hex));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkSigningContext c && Arrays.equals(signingKey, c.signingKey)
                && amzDate.equals(c.amzDate) && scope.equals(c.scope) && seedSignature.equals(c.seedSignature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signingKey) * 31 + seedSignature.hashCode();
    }

    @Override
    public String toString() {
        return "ChunkSigningContext[amzDate=" + amzDate + ", scope=" + scope + ", seedSignature=" + seedSignature + "]";
    }
}
