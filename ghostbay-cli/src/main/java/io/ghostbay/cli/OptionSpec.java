package io.ghostbay.cli;

/**
 * One {@code --name} option: a flag when {@code valueName} is null, otherwise it takes a value
 * ({@code --name VALUE} or {@code --name=VALUE}).
 *
 * @param name        the option without its leading dashes, e.g. {@code expires}
 * @param valueName   how help shows the value, e.g. {@code SECONDS}; null for a flag
 * @param required    the command cannot run without it (named options are clearer than a row of
 *                    positional arguments when there are several)
 * @param description one line of help
 */
record OptionSpec(String name, String valueName, boolean required, String description) {

    static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, null, false, description);
    }

    static OptionSpec withValue(String name, String valueName, String description) {
        return new OptionSpec(name, valueName, false, description);
    }

    static OptionSpec requiredValue(String name, String valueName, String description) {
        return new OptionSpec(name, valueName, true, description);
    }

    boolean takesValue() {
        return valueName != null;
    }

    /** {@code --name VALUE} or {@code --name}, as help shows it. */
    String synopsis() {
        return takesValue() ? "--" + name + " " + valueName : "--" + name;
    }
}
