package io.ghostbay.cli;

/** Process exit codes of {@code ghostbay}; scripts rely on them, so they never change meaning. */
enum ExitStatus {
    /** The command did what was asked. */
    SUCCESS(0),
    /**
     * A check found what it looks for ({@code admin audit verify}: the audit log is damaged or was
     * tampered with), or anything not covered below, e.g. a 2xx answer that is not the documented
     * JSON.
     */
    FAILURE(1),
    /** Unknown command or option, missing or malformed argument, missing credentials. */
    USAGE_ERROR(2),
    /** The server answered with an error status (its code and message are printed). */
    SERVER_ERROR(3),
    /** The server could not be reached, the connection failed mid-request, or a local file could not be read. */
    IO_ERROR(4);

    final int code;

    ExitStatus(int code) {
        this.code = code;
    }
}
