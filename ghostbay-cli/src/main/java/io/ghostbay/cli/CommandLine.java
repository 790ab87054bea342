package io.ghostbay.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line split into its words ({@code admin key create alice}) and its options, before the
 * command is known. Options may appear anywhere, before, between or after the words, which is why
 * the parser needs the table of every option the tool has: it must know whether the token after
 * {@code --owner} is that option's value or the next word. Which options a given command accepts is
 * checked later, against that command's {@link CommandSpec}.
 *
 * <p>Accepted forms: {@code --name value}, {@code --name=value}, {@code --flag}, {@code -h} (same as
 * {@code --help}), and {@code --}, after which every token is a word (for keys starting with '-').
 */
final class CommandLine {

    private final List<String> words;
    private final Map<String, String> options;

    private CommandLine(List<String> words, Map<String, String> options) {
        this.words = List.copyOf(words);
        this.options = Collections.unmodifiableMap(options);
    }

    /**
     * Parses {@code args} against {@code knownOptions} (by name).
     *
     * @throws UsageException for an unknown option, a value missing after an option that needs
     *                        one, or a value given to a flag
     */
    static CommandLine parse(List<String> args, Map<String, OptionSpec> knownOptions)
            throws UsageException {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        boolean onlyWords = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyWords || !arg.startsWith("-") || arg.equals("-")) {
                words.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyWords = true;
                continue;
            }
            if (arg.equals("-h")) {
                options.put("help", "true");
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unknown option " + arg, words);
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            OptionSpec spec = knownOptions.get(name);
            if (spec == null) {
                // Only the name: whatever follows '=' could be a secret typed after a misspelt option.
                throw new UsageException("unknown option --" + name, words);
            }
            if (!spec.takesValue()) {
                if (eq >= 0) {
                    throw new UsageException("option --" + name + " takes no value", words);
                }
                options.put(name, "true");
            } else if (eq >= 0) {
                options.put(name, arg.substring(eq + 1));
            } else if (i + 1 < args.size()) {
                options.put(name, args.get(++i));
            } else {
                throw new UsageException("option --" + name + " needs a value ("
                        + spec.valueName() + ")", words);
            }
        }
        return new CommandLine(words, options);
    }

    List<String> words() {
        return words;
    }

    /** The value of an option that takes one, if given (the last one wins if repeated). */
    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Whether a flag, or an option with a value, was given. */
    boolean has(String name) {
        return options.containsKey(name);
    }

    boolean flag(String name) {
        return has(name);
    }

    /** Names of the options present, in command-line order. */
    Set<String> optionNames() {
        return options.keySet();
    }
}
