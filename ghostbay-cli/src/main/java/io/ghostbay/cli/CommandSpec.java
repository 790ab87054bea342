package io.ghostbay.cli;

import java.util.List;

/**
 * One command of the tool, e.g. {@code admin key create}: its words, its positional arguments, the
 * options it accepts besides the global ones, its help text and its handler. The command groups
 * ({@link UserCommands}, {@link KeyCommands}, ...) each contribute their specs; dispatch, argument
 * count checks and every level of {@code --help} are derived from them.
 *
 * @param path         the command words, e.g. {@code [admin, key, create]}
 * @param arguments    the positional arguments as help shows them, e.g. {@code <userName>}
 * @param minArguments how many positional arguments are required
 * @param maxArguments how many positional arguments are allowed
 * @param summary      one line of help
 * @param options      the command's own options
 * @param needsServer      whether it talks to the server ({@code presign} and
 *                         {@code admin audit verify} do not)
 * @param handler          what it does
 * @param needsCredentials whether it signs anything (all but the local file checks do)
 * @param details          more help, shown by the command's own {@code --help}; may be empty
 */
record CommandSpec(List<String> path, String arguments, int minArguments, int maxArguments,
                   String summary, List<OptionSpec> options, boolean needsServer,
                   CommandHandler handler, boolean needsCredentials, String details) {

    CommandSpec {
        path = List.copyOf(path);
        options = List.copyOf(options);
    }

    /** A command that signs with the caller's key. */
    CommandSpec(List<String> path, String arguments, int minArguments, int maxArguments,
                String summary, List<OptionSpec> options, boolean needsServer,
                CommandHandler handler) {
        this(path, arguments, minArguments, maxArguments, summary, options, needsServer, handler,
                true, "");
    }

    /** A command that calls the admin API. */
    static CommandSpec remote(String path, String arguments, int minArguments, int maxArguments,
                              String summary, List<OptionSpec> options, CommandHandler handler) {
        return new CommandSpec(List.of(path.split(" ")), arguments, minArguments, maxArguments,
                summary, options, true, handler);
    }

    /**
     * A command that works on local files only: no server, no credentials (and so none of the
     * connection options apply to it).
     */
    static CommandSpec local(String path, String arguments, int minArguments, int maxArguments,
                             String summary, String details, CommandHandler handler) {
        return new CommandSpec(List.of(path.split(" ")), arguments, minArguments, maxArguments,
                summary, List.of(), false, handler, false, details);
    }

    /** {@code admin key create <userName> [--expires WHEN]}: the full usage line after "ghostbay". */
    String synopsis() {
        StringBuilder sb = new StringBuilder(String.join(" ", path));
        if (!arguments.isEmpty()) {
            sb.append(' ').append(arguments);
        }
        for (OptionSpec option : options) {
            sb.append(option.required() ? " " + option.synopsis() : " [" + option.synopsis() + "]");
        }
        return sb.toString();
    }

    boolean accepts(String optionName) {
        return options.stream().anyMatch(o -> o.name().equals(optionName));
    }
}
