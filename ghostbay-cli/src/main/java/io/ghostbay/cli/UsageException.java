package io.ghostbay.cli;

import java.util.List;

/**
 * A command line the tool cannot run: exit status 2, with the message and a pointer to the help of
 * the command the user was typing.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The command words whose {@code --help} the error message points to; empty for the top level. */
    private final List<String> helpPath;

    UsageException(String message) {
        this(message, List.of());
    }

    UsageException(String message, List<String> helpPath) {
        super(message);
        this.helpPath = List.copyOf(helpPath);
    }

    List<String> helpPath() {
        return helpPath;
    }
}
