package io.ghostbay.client.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How the audit log's files are named: {@code audit-0000000001.jsonl}, {@code audit-0000000002.jsonl},
 * ... The number goes up by one for every new file (rotation, or a restart that cannot append to
 * the newest file) and is never reused, so the files' order is their numbers' order whatever the
 * clock did. Which records a file holds is read from its lines, not from its name.
 */
public final class AuditFiles {
    private static final Pattern NAME = Pattern.compile("audit-([0-9]{10,19})\\.jsonl");

    private AuditFiles() {
    }

    /** The name of file number {@code number}. */
    public static String name(long number) {
        if (number < 1) {
            throw new IllegalArgumentException("file numbers start at 1: " + number);
        }
        return String.format("audit-%010d.jsonl", number);
    }

    /** The number of an audit file's name, or empty if the name is not an audit file's. */
    public static OptionalLong number(Path file) {
        Path name = file.getFileName();
        Matcher m = NAME.matcher(name == null ? "" : name.toString());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The audit files directly in {@code dir}, oldest first. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> number(p).isPresent() && Files.isRegularFile(p)).forEach(files::add);
        }
        files.sort(Comparator.comparingLong(p -> number(p).getAsLong()));
        return files;
    }
}
