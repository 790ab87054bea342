package io.ghostbay.cli;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One run of one command: its positional arguments, its options, where the server is, where to
 * print, and the clock (fixed in tests, so that signatures and expiry times are reproducible).
 */
final class Invocation {
    private final CommandSpec command;
    private final List<String> arguments;
    private final CommandLine commandLine;
    private final ConnectionSettings settings;
    private final Output output;
    private final Clock clock;
    private AdminClient adminClient;

    Invocation(CommandSpec command, List<String> arguments, CommandLine commandLine,
               ConnectionSettings settings, Output output, Clock clock) {
        this.command = command;
        this.arguments = List.copyOf(arguments);
        this.commandLine = commandLine;
        this.settings = settings;
        this.output = output;
        this.clock = clock;
    }

    CommandSpec command() {
        return command;
    }

    /** The i-th positional argument (after the command words). */
    String argument(int index) {
        return arguments.get(index);
    }

    Optional<String> optionalArgument(int index) {
        return index < arguments.size() ? Optional.of(arguments.get(index)) : Optional.empty();
    }

    Optional<String> option(String name) {
        return commandLine.option(name);
    }

    boolean flag(String name) {
        return commandLine.flag(name);
    }

    /** A usage error about this command, pointing to its help. */
    UsageException usageError(String message) {
        return new UsageException(message, command.path());
    }

    ConnectionSettings settings() {
        return settings;
    }

    Output output() {
        return output;
    }

    Clock clock() {
        return clock;
    }

    /** The admin API client, created on first use (credentials were checked before the handler ran). */
    AdminClient adminClient() {
        if (adminClient == null) {
            adminClient = new AdminClient(settings, clock);
        }
        return adminClient;
    }
}
