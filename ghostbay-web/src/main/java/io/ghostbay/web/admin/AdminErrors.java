package io.ghostbay.web.admin;

import io.ghostbay.s3.S3ErrorCode;

/** The admin API's JSON error document, for the error mappers outside this package. */
public final class AdminErrors {
    private AdminErrors() {
    }

    public static String render(S3ErrorCode code, String message, String requestId) {
        return AdminJson.error(code, message, requestId).toString();
    }
}
