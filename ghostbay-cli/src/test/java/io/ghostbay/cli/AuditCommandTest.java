package io.ghostbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.client.audit.AuditChain;
import io.ghostbay.client.audit.AuditFiles;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ghostbay admin audit verify} on files made with the chain's own code: exit status and report. */
class AuditCommandTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private Path first;
    private Path second;

    /** Two rotated files: seq 1-4 and 5-7. */
    @BeforeEach
    void writeLog() throws IOException {
        List<String> lines = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int seq = 1; seq <= 7; seq++) {
            String line = AuditChain.recordLine(seq, prev, T0.plusSeconds(seq),
                    "{\"requestId\":\"R" + seq + "\",\"status\":200}");
            lines.add(line);
            prev = AuditChain.hash(line);
        }
        first = dir.resolve(AuditFiles.name(1));
        second = dir.resolve(AuditFiles.name(2));
        Files.write(first, lines.subList(0, 4), StandardCharsets.UTF_8);
        Files.write(second, lines.subList(4, 7), StandardCharsets.UTF_8);
    }

    private static CliRun verify(String... paths) {
        List<String> args = new ArrayList<>(List.of("admin", "audit", "verify"));
        args.addAll(List.of(paths));
        // No credentials and a useless endpoint: a local check must not need either.
        return CliRun.run(Map.of("GHOSTBAY_ENDPOINT", "not a url"), args.toArray(new String[0]));
    }

    private static void rewrite(Path file, java.util.function.Consumer<List<String>> change) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        change.accept(lines);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    @Test
    void intactLogExitsZeroWithASummary() {
        CliRun run = verify(dir.toString());
        assertEquals(0, run.exitStatus(), run::toString);
        assertEquals("", run.stderr(), run::toString);
        assertTrue(run.stdout().contains("Result:       INTACT"), run::toString);
        assertTrue(run.stdout().contains("Files:        2"), run::toString);
        assertTrue(run.stdout().contains("7 (seq 1 to 7)"), run::toString);
        assertTrue(run.stdout().contains("2026-03-01T12:00:01Z to 2026-03-01T12:00:07Z"), run::toString);
        assertTrue(run.stdout().contains("audit-0000000002.jsonl  3      3        5          7"), run::toString);
        assertTrue(run.stdout().contains("cannot be detected"), run::toString);
    }

    @Test
    void filesGivenOneByOneAreCheckedInTheOrderGiven() {
        assertEquals(0, verify(first.toString(), second.toString()).exitStatus());
        CliRun swapped = verify(second.toString(), first.toString());
        assertEquals(1, swapped.exitStatus(), swapped::toString);
    }

    @Test
    void editedRecordExitsOneNamingFileAndLine() throws IOException {
        rewrite(first, lines -> lines.set(1, lines.get(1).replace("\"status\":200", "\"status\":404")));
        CliRun run = verify(dir.toString());
        assertEquals(1, run.exitStatus(), run::toString);
        assertTrue(run.stdout().contains("Result:       FAILED (1 problem)"), run::toString);
        assertTrue(run.stdout().contains("audit-0000000001.jsonl:2  EDITED  seq 2 was edited"), run::toString);
        assertEquals("error: the audit log fails verification: 1 problem\n", run.stderr(), run::toString);
    }

    @Test
    void removedRecordExitsOneNamingTheMissingSeq() throws IOException {
        rewrite(second, lines -> lines.remove(0));
        CliRun run = verify(dir.toString());
        assertEquals(1, run.exitStatus(), run::toString);
        assertTrue(run.stdout().contains("MISSING  seq 5 is missing"), run::toString);
    }

    @Test
    void reorderedRecordsExitOne() throws IOException {
        rewrite(first, lines -> Collections.swap(lines, 1, 2));
        CliRun run = verify(dir.toString());
        assertEquals(1, run.exitStatus(), run::toString);
        assertTrue(run.stdout().contains("REORDERED  seq 2 is out of order"), run::toString);
    }

    @Test
    void removedOldestFileExitsOne() throws IOException {
        Files.delete(first);
        CliRun run = verify(dir.toString());
        assertEquals(1, run.exitStatus(), run::toString);
        assertTrue(run.stdout().contains("seq 1 to 4 are missing"), run::toString);
    }

    @Test
    void jsonReportCarriesTheProblems() throws IOException {
        rewrite(second, lines -> lines.remove(1));
        CliRun run = CliRun.run("--json", "admin", "audit", "verify", dir.toString());
        assertEquals(1, run.exitStatus(), run::toString);
        JsonObject report = JsonDocuments.parse(run.stdout()).orElseThrow().asJsonObject();
        assertFalse(report.getBoolean("intact"));
        assertEquals(1, report.getInt("problemCount"));
        JsonObject problem = report.getJsonArray("problems").getJsonObject(0);
        assertEquals("MISSING", problem.getString("kind"));
        assertEquals(AuditFiles.name(2), problem.getString("file"));
        assertEquals(2, problem.getInt("line"));
        assertEquals(7, report.getInt("lastSeq"));
        assertEquals(2, report.getJsonArray("files").size());
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        CliRun missing = verify(dir.resolve("nope").toString());
        assertEquals(2, missing.exitStatus(), missing::toString);
        assertTrue(missing.stderr().contains("no such file or directory"), missing::toString);

        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRun noFiles = verify(empty.toString());
        assertEquals(2, noFiles.exitStatus(), noFiles::toString);
        assertTrue(noFiles.stderr().contains("no audit files (audit-*.jsonl) in"), noFiles::toString);

        CliRun noArgument = CliRun.run("admin", "audit", "verify");
        assertEquals(2, noArgument.exitStatus(), noArgument::toString);
        assertTrue(noArgument.stderr().contains("missing argument"), noArgument::toString);
    }

    @Test
    void helpDocumentsTheExitStatusAndTheLimit() {
        CliRun run = CliRun.run("admin", "audit", "verify", "--help");
        assertEquals(0, run.exitStatus());
        assertTrue(run.stdout().startsWith("Usage: ghostbay admin audit verify <file-or-dir>...\n"), run.stdout());
        assertTrue(run.stdout().contains("Exit status: 0 the log is intact, 1 it is damaged"), run.stdout());
        assertTrue(run.stdout().contains("cutting off the newest records"), run.stdout());
        assertTrue(run.stdout().contains("Global options: --json"), run.stdout());
    }
}
