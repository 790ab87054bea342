package io.ghostbay.service;

import java.io.Serializable;

/** Outcome of one key of DeleteObjects: deleted, or an S3 error code and message. */
public record DeleteResult(String key, String errorCode, String errorMessage) implements Serializable {
    public boolean ok() {
        return errorCode == null;
    }
}
