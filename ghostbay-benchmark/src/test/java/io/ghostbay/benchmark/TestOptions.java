package io.ghostbay.benchmark;

/** Options as the command line would give them: the required flags plus {@code extra}. */
final class TestOptions {
    private TestOptions() {
    }

    static Options parse(String... extra) {
        String[] base = {"--endpoint", "http://h:1", "--access-key", "a", "--secret-key", "b"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Options.parse(all);
    }
}
