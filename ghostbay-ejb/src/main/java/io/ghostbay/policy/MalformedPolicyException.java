package io.ghostbay.policy;

/**
 * A policy document that S3 would refuse with {@code MalformedPolicy}. The message is shown to the
 * user as the error's {@code Message}, so it names the offending part in AWS's words where AWS's
 * wording is known.
 */
public final class MalformedPolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedPolicyException(String message) {
        super(message);
    }

    public MalformedPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
