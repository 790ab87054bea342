package io.ghostbay.cli;

/**
 * A check ran and found what it checks for (an audit log that fails verification): exit status 1.
 * The command has already printed its report; the message is the one-line summary for stderr.
 */
final class CheckFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    CheckFailedException(String message) {
        super(message);
    }
}
