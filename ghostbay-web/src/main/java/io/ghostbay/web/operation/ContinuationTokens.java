package io.ghostbay.web.operation;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ListObjectsV2 continuation tokens: opaque to clients, internally the last key or common prefix
 * returned (the exclusive start of the next page), so a token stays valid across servers.
 */
final class ContinuationTokens {
    private static final String VERSION = "1:";

    private ContinuationTokens() {
    }

    static String encode(String lastItem) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + lastItem).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            if (!s.startsWith(VERSION)) {
                throw new IllegalArgumentException();
            }
            return s.substring(VERSION.length());
        } catch (IllegalArgumentException e) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect")
                    .with("ArgumentName", "continuation-token");
        }
    }
}
