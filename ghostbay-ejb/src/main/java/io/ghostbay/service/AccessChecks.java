package io.ghostbay.service;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

/**
 * Authorization as it stands today: every request must be signed, and a bucket is usable by its
 * owner and by admin accounts. Bucket policies and ACLs replace this (issue: access control).
 */
final class AccessChecks {
    private AccessChecks() {
    }

    static void requireAuthenticated(Caller caller) {
        if (caller == null) {
            throw S3Exception.of(S3ErrorCode.ACCESS_DENIED);
        }
    }

    static void requireOwner(Caller caller, long ownerId, String resource) {
        requireAuthenticated(caller);
        if (!caller.admin() && caller.accountId() != ownerId) {
            throw S3Exception.forResource(S3ErrorCode.ACCESS_DENIED, resource);
        }
    }
}
