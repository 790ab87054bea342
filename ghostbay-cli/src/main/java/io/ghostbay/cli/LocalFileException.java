package io.ghostbay.cli;

import java.io.IOException;

/**
 * A local file could not be read (exit status 4, like any I/O error), reported with its own
 * message rather than as a failure to talk to the server.
 */
final class LocalFileException extends IOException {
    private static final long serialVersionUID = 1L;

    LocalFileException(String message, IOException cause) {
        super(message, cause);
    }
}
