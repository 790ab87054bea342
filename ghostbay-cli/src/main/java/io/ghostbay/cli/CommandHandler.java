package io.ghostbay.cli;

import java.io.IOException;

/**
 * What a command does once its words and options have been checked. Failures are reported by
 * exception and turned into an exit status in one place ({@link GhostbayCli}): {@link
 * UsageException} 2, {@link AdminApiException} 3, {@link IOException} 4, {@link
 * CheckFailedException} and anything else 1.
 */
@FunctionalInterface
interface CommandHandler {
    void run(Invocation invocation)
            throws UsageException, AdminApiException, IOException, CheckFailedException;
}
