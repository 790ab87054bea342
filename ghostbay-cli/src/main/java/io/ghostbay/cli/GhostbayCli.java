package io.ghostbay.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Entry point of the {@code ghostbay} command: finds the command the words name, checks its
 * arguments and options, runs it, and turns the outcome into an {@link ExitStatus}. Help at every
 * level ({@code ghostbay --help}, {@code ghostbay admin key --help},
 * {@code ghostbay admin key create --help}) is rendered from the same {@link CommandSpec} table
 * that dispatch uses, so the two cannot disagree.
 */
public final class GhostbayCli {

    static final List<OptionSpec> GLOBAL_OPTIONS = List.of(
            OptionSpec.withValue("endpoint", "URL", "server URL (env GHOSTBAY_ENDPOINT; default "
                    + ConnectionSettings.DEFAULT_ENDPOINT + ")"),
            OptionSpec.withValue("access-key", "KEY", "access key id (env AWS_ACCESS_KEY_ID)"),
            OptionSpec.withValue("secret-key", "SECRET",
                    "secret access key (env AWS_SECRET_ACCESS_KEY)"),
            OptionSpec.withValue("region", "REGION", "SigV4 signing region (env AWS_REGION, then"
                    + " AWS_DEFAULT_REGION; default " + ConnectionSettings.DEFAULT_REGION + ")"),
            OptionSpec.flag("json", "print the server's JSON answer instead of a table"),
            OptionSpec.flag("help", "show help for the command typed so far (also -h)"),
            OptionSpec.flag("version", "print the version of this tool"));

    private final List<CommandSpec> commands;
    private final Map<String, OptionSpec> knownOptions;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    GhostbayCli(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.commands = new ArrayList<>();
        commands.addAll(UserCommands.commands());
        commands.addAll(KeyCommands.commands());
        commands.addAll(BucketCommands.commands());
        commands.addAll(PresignCommand.commands());
        commands.addAll(PolicyCommands.commands());
        commands.addAll(AuditCommands.commands());
        this.knownOptions = collectOptions(commands);
    }

    public static void main(String[] args) {
        int status = new GhostbayCli(System.getenv(), System.out, System.err, Clock.systemUTC())
                .run(args);
        System.exit(status);
    }

    /** Runs one command line and answers the process exit status. */
    int run(String... args) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(List.of(args), knownOptions);
        } catch (UsageException e) {
            new Output(out, err, false, env.get("AWS_SECRET_ACCESS_KEY"))
                    .usageError(e.getMessage(), helpCommand(e.helpPath()));
            return ExitStatus.USAGE_ERROR.code;
        }
        Output output = new Output(out, err, commandLine.flag("json"), commandLine.option("secret-key")
                .orElse(env.get("AWS_SECRET_ACCESS_KEY")));
        try {
            return execute(commandLine, output).code;
        } catch (UsageException e) {
            output.usageError(e.getMessage(), helpCommand(e.helpPath()));
            return ExitStatus.USAGE_ERROR.code;
        } catch (AdminApiException e) {
            output.serverError(e);
            return ExitStatus.SERVER_ERROR.code;
        } catch (CheckFailedException e) {
            output.error(e.getMessage());
            return ExitStatus.FAILURE.code;
        } catch (LocalFileException e) {
            output.error(e.getMessage());
            return ExitStatus.IO_ERROR.code;
        } catch (IOException e) {
            output.error(describeIoFailure(e, commandLine));
            return ExitStatus.IO_ERROR.code;
        } catch (RuntimeException e) {
            output.error(describe(e));
            return ExitStatus.FAILURE.code;
        }
    }

    private ExitStatus execute(CommandLine commandLine, Output output)
            throws UsageException, AdminApiException, IOException, CheckFailedException {
        if (commandLine.flag("version")) {
            output.text("ghostbay " + version());
            return ExitStatus.SUCCESS;
        }
        List<String> words = commandLine.words();
        CommandSpec command = findCommand(words);
        List<String> knownPrefix = longestKnownPrefix(words);
        if (command == null && knownPrefix.size() < words.size()) {
            throw new UsageException("unknown command '" + words.get(knownPrefix.size()) + "'"
                    + (knownPrefix.isEmpty() ? "" : " after 'ghostbay " + String.join(" ", knownPrefix)
                    + "'") + "; expected one of: " + String.join(", ", nextWords(knownPrefix)),
                    knownPrefix);
        }
        if (commandLine.flag("help")) {
            output.text(command != null ? commandHelp(command) : groupHelp(knownPrefix));
            return ExitStatus.SUCCESS;
        }
        if (command == null) {
            throw new UsageException(words.isEmpty() ? "missing command"
                    : "missing command after 'ghostbay " + String.join(" ", words)
                    + "'; expected one of: " + String.join(", ", nextWords(words)), words);
        }
        String commandName = "'ghostbay " + String.join(" ", command.path()) + "'";
        for (String option : commandLine.optionNames()) {
            if (!isGlobal(option) && !command.accepts(option)) {
                throw new UsageException("option --" + option + " does not apply to " + commandName,
                        command.path());
            }
        }
        for (OptionSpec option : command.options()) {
            if (option.required() && !commandLine.has(option.name())) {
                throw new UsageException("missing option " + option.synopsis() + " for "
                        + commandName, command.path());
            }
        }
        List<String> arguments = words.subList(command.path().size(), words.size());
        if (arguments.size() < command.minArguments()) {
            throw new UsageException("missing argument for " + commandName + ": "
                    + command.arguments(), command.path());
        }
        if (arguments.size() > command.maxArguments()) {
            throw new UsageException("unexpected argument '" + arguments.get(command.maxArguments())
                    + "' for " + commandName, command.path());
        }
        // A local command (audit verify) needs no server settings: a stray GHOSTBAY_ENDPOINT must
        // not stop it.
        ConnectionSettings settings = command.needsServer() || command.needsCredentials()
                ? ConnectionSettings.resolve(commandLine, env) : null;
        // Every command that signs something, presign included, says so before any network traffic.
        if (command.needsCredentials()) {
            settings.requireCredentials();
        }
        command.handler().run(new Invocation(command, arguments, commandLine, settings, output,
                clock));
        return ExitStatus.SUCCESS;
    }

    /** The command whose words are the longest prefix of {@code words}, or null. */
    private CommandSpec findCommand(List<String> words) {
        CommandSpec best = null;
        for (CommandSpec command : commands) {
            List<String> path = command.path();
            if (path.size() <= words.size() && words.subList(0, path.size()).equals(path)
                    && (best == null || path.size() > best.path().size())) {
                best = command;
            }
        }
        return best;
    }

    /** The longest prefix of {@code words} that starts at least one command's words. */
    private List<String> longestKnownPrefix(List<String> words) {
        int known = 0;
        for (CommandSpec command : commands) {
            List<String> path = command.path();
            int common = 0;
            while (common < path.size() && common < words.size()
                    && path.get(common).equals(words.get(common))) {
                common++;
            }
            known = Math.max(known, common);
        }
        return words.subList(0, known);
    }

    /** The words that may follow {@code prefix}, e.g. {@code [user, key]} after {@code admin}. */
    private List<String> nextWords(List<String> prefix) {
        Set<String> next = new LinkedHashSet<>();
        for (CommandSpec command : commands) {
            List<String> path = command.path();
            if (path.size() > prefix.size() && path.subList(0, prefix.size()).equals(prefix)) {
                next.add(path.get(prefix.size()));
            }
        }
        return List.copyOf(next);
    }

    private static boolean isGlobal(String option) {
        return GLOBAL_OPTIONS.stream().anyMatch(o -> o.name().equals(option));
    }

    private static String helpCommand(List<String> path) {
        return path.isEmpty() ? "ghostbay" : "ghostbay " + String.join(" ", path);
    }

    // ---- help ----

    private String groupHelp(List<String> prefix) {
        StringBuilder sb = new StringBuilder();
        if (prefix.isEmpty()) {
            sb.append("ghostbay: administer a GhostBay server (users, access keys, buckets),"
                    + " presign URLs, explain bucket policies, verify audit logs.\n\n")
              .append("Usage: ghostbay [global options] <command> [arguments] [options]\n");
        } else {
            sb.append("Usage: ghostbay ").append(String.join(" ", prefix))
              .append(" <command> [arguments] [options]\n");
        }
        sb.append("\nCommands:\n");
        for (CommandSpec command : commands) {
            if (command.path().subList(0, Math.min(prefix.size(), command.path().size()))
                    .equals(prefix)) {
                sb.append("  ").append(command.synopsis()).append('\n')
                  .append("      ").append(command.summary()).append('\n');
            }
        }
        if (prefix.isEmpty()) {
            sb.append("\nGlobal options (anywhere on the command line):\n")
              .append(optionLines(GLOBAL_OPTIONS))
              .append("\nExit status: 0 success, 2 usage error, 3 error answer from the server,\n"
                      + "4 cannot connect or I/O error, 1 any other failure (for 'admin audit verify':\n"
                      + "the audit log failed verification).\n")
              .append("Run 'ghostbay <command> --help' for the options of one command.\n");
        } else {
            sb.append("\nGlobal options: see 'ghostbay --help'.\n");
        }
        return sb.toString();
    }

    private static String commandHelp(CommandSpec command) {
        StringBuilder sb = new StringBuilder("Usage: ghostbay ").append(command.synopsis())
                .append("\n\n").append(capitalize(command.summary())).append(".\n");
        if (!command.details().isEmpty()) {
            sb.append('\n').append(command.details());
            if (!command.details().endsWith("\n")) {
                sb.append('\n');
            }
        }
        if (!command.options().isEmpty()) {
            sb.append("\nOptions:\n").append(optionLines(command.options()));
        }
        sb.append(command.needsServer() || command.needsCredentials()
                ? "\nGlobal options: --endpoint, --access-key, --secret-key, --region, --json"
                        + " (see 'ghostbay --help').\n"
                : "\nGlobal options: --json (see 'ghostbay --help').\n");
        return sb.toString();
    }

    private static String optionLines(List<OptionSpec> options) {
        List<List<String>> rows = new ArrayList<>();
        for (OptionSpec option : options) {
            rows.add(List.of("  " + option.synopsis(), option.description()));
        }
        return Output.columns(rows);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    // ---- plumbing ----

    /** Every option by name; one name must mean the same shape (flag or value) everywhere. */
    private static Map<String, OptionSpec> collectOptions(List<CommandSpec> commands) {
        Map<String, OptionSpec> known = new LinkedHashMap<>();
        List<OptionSpec> all = new ArrayList<>(GLOBAL_OPTIONS);
        commands.forEach(c -> all.addAll(c.options()));
        for (OptionSpec option : all) {
            OptionSpec previous = known.putIfAbsent(option.name(), option);
            if (previous != null && previous.takesValue() != option.takesValue()) {
                throw new IllegalStateException("option --" + option.name()
                        + " is a flag for one command and takes a value for another");
            }
        }
        return known;
    }

    private String describeIoFailure(IOException e, CommandLine commandLine) {
        String endpoint = commandLine.option("endpoint").orElse(env.getOrDefault(
                "GHOSTBAY_ENDPOINT", ConnectionSettings.DEFAULT_ENDPOINT));
        if (e instanceof ConnectException) {
            // HttpClient's ConnectException usually has no message of its own
            return "cannot connect to " + endpoint
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer from " + endpoint + " in time";
        }
        return "I/O error talking to " + endpoint + ": " + describe(e);
    }

    /** A failure in a line: its type and the first message found along its causes. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t == e ? t.getClass().getSimpleName() + ": " + t.getMessage()
                        : e.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    static String version() {
        try (InputStream in = GhostbayCli.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
