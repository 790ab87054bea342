package io.ghostbay.cli;

import io.ghostbay.client.audit.AuditChainVerifier;
import io.ghostbay.client.audit.AuditFiles;
import io.ghostbay.client.audit.AuditVerification;
import io.ghostbay.client.audit.AuditVerification.FileSummary;
import io.ghostbay.client.audit.AuditVerification.Problem;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ghostbay admin audit verify}: checks the hash chain of the server's audit log files on
 * this machine with the same code the server uses to continue the chain
 * ({@link AuditChainVerifier}). Needs neither the server nor credentials.
 */
final class AuditCommands {
    private static final String DETAILS = """
            Reads audit files on this machine (the server's ghostbay.audit.dir, by default
            <data dir>/audit) and checks their hash chain: every record carries the SHA-256 of the
            one before it. A directory stands for the audit-*.jsonl files in it, oldest first;
            files and directories are checked in the order given, as one log. Each problem is
            reported with its file and line: an edited record, missing records (seq a to b),
            records out of order or repeated, lines that are not records, and an incomplete line
            (left by a crash) that the server did not acknowledge.

            What a chain cannot show: cutting off the newest records leaves a valid, shorter
            chain. Compare the last seq and hash printed here with an independent copy (the syslog
            export, or a value noted earlier) to detect that.

            Exit status: 0 the log is intact, 1 it is damaged or was tampered with, 2 usage error
            (no such file, no audit files in a directory), 4 a file could not be read.
            """;
    private static final List<String> FILE_HEADER =
            List.of("FILE", "LINES", "RECORDS", "FIRST SEQ", "LAST SEQ", "INCOMPLETE LAST LINE");

    private AuditCommands() {
    }

    static List<CommandSpec> commands() {
        return List.of(CommandSpec.local("admin audit verify", "<file-or-dir>...", 1,
                Integer.MAX_VALUE,
                "check the hash chain of audit log files on this machine (tampering: exit 1)",
                DETAILS, AuditCommands::verify));
    }

    private static void verify(Invocation inv) throws UsageException, IOException,
            CheckFailedException {
        List<Path> files = files(inv);
        AuditChainVerifier verifier = new AuditChainVerifier(true);
        for (Path file : files) {
            try {
                verifier.add(file);
            } catch (IOException e) {
                throw new LocalFileException("cannot read " + file + ": " + e, e);
            }
        }
        AuditVerification v = verifier.result();
        inv.output().result(json(v), () -> text(v));
        if (!v.intact()) {
            throw new CheckFailedException("the audit log fails verification: " + v.problemCount()
                    + (v.problemCount() == 1 ? " problem" : " problems"));
        }
    }

    /** The arguments as files, each directory expanded to its audit files in order. */
    private static List<Path> files(Invocation inv) throws UsageException, LocalFileException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; inv.optionalArgument(i).isPresent(); i++) {
            Path path = Path.of(inv.argument(i));
            if (Files.isDirectory(path)) {
                List<Path> inDir;
                try {
                    inDir = AuditFiles.list(path);
                } catch (IOException e) {
                    throw new LocalFileException("cannot list " + path + ": " + e, e);
                }
                if (inDir.isEmpty()) {
                    throw inv.usageError("no audit files (audit-*.jsonl) in " + path);
                }
                files.addAll(inDir);
            } else if (Files.exists(path)) {
                files.add(path);
            } else {
                throw inv.usageError("no such file or directory: " + path);
            }
        }
        return files;
    }

    private static String text(AuditVerification v) {
        StringBuilder sb = new StringBuilder();
        List<Output.Field> summary = new ArrayList<>();
        summary.add(new Output.Field("Result", v.intact() ? "INTACT"
                : "FAILED (" + v.problemCount() + (v.problemCount() == 1 ? " problem)" : " problems)")));
        summary.add(new Output.Field("Files", String.valueOf(v.files().size())));
        summary.add(new Output.Field("Records", v.records() == 0 ? "0"
                : v.records() + " (seq " + v.firstSeq() + " to " + v.lastSeq() + ")"));
        if (v.firstTime().isPresent()) {
            summary.add(new Output.Field("Time span", v.firstTime().get() + " to "
                    + v.lastTime().orElseThrow()));
        }
        if (v.records() > 0) {
            summary.add(new Output.Field("Last record", "seq " + v.lastSeq() + ", sha256 "
                    + v.lastHash()));
        }
        sb.append(Output.fields(summary)).append('\n');
        List<List<String>> rows = new ArrayList<>();
        for (FileSummary f : v.files()) {
            rows.add(List.of(f.name(), String.valueOf(f.lines()), String.valueOf(f.records()),
                    f.records() == 0 ? "-" : String.valueOf(f.firstSeq()),
                    f.records() == 0 ? "-" : String.valueOf(f.lastSeq()),
                    f.fragmentBytes() == 0 ? "-" : f.fragmentBytes() + " bytes"));
        }
        sb.append(Output.table(FILE_HEADER, rows));
        if (!v.problems().isEmpty()) {
            sb.append("\nProblems:\n");
            for (Problem p : v.problems()) {
                sb.append("  ").append(p.at()).append("  ").append(p.kind()).append("  ")
                        .append(p.message()).append('\n');
            }
            if (v.problemCount() > v.problems().size()) {
                sb.append("  ... and ").append(v.problemCount() - v.problems().size())
                        .append(" more\n");
            }
        }
        if (!v.notes().isEmpty()) {
            sb.append("\nNotes:\n");
            v.notes().forEach(n -> sb.append("  ").append(n).append('\n'));
        }
        sb.append("\nRecords cut off after the last one cannot be detected from the files alone:"
                + " compare\nthe last record's seq and hash with the syslog copy.\n");
        return sb.toString();
    }

    private static JsonObject json(AuditVerification v) {
        JsonArrayBuilder files = JsonDocuments.array();
        for (FileSummary f : v.files()) {
            files.add(JsonDocuments.object("name", f.name(), "lines", f.lines(),
                    "records", f.records(),
                    "firstSeq", f.records() == 0 ? null : f.firstSeq(),
                    "lastSeq", f.records() == 0 ? null : f.lastSeq(),
                    "incompleteLastLineBytes", f.fragmentBytes()));
        }
        JsonArrayBuilder problems = JsonDocuments.array();
        for (Problem p : v.problems()) {
            problems.add(JsonDocuments.object("kind", p.kind().name(), "file", p.at().file(),
                    "line", p.at().line(), "message", p.message()));
        }
        JsonArrayBuilder notes = JsonDocuments.array();
        v.notes().forEach(notes::add);
        boolean any = v.records() > 0;
        return JsonDocuments.object(
                "intact", v.intact(),
                "files", files.build(),
                "records", v.records(),
                "firstSeq", any ? v.firstSeq() : null,
                "lastSeq", any ? v.lastSeq() : null,
                "firstTime", v.firstTime().map(Object::toString).orElse(null),
                "lastTime", v.lastTime().map(Object::toString).orElse(null),
                "lastHash", any ? v.lastHash() : null,
                "problemCount", v.problemCount(),
                "problems", problems.build(),
                "notes", notes.build());
    }
}
