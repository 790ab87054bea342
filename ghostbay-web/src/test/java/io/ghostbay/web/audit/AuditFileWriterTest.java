package io.ghostbay.web.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.client.audit.AuditChain;
import io.ghostbay.client.audit.AuditChainVerifier;
import io.ghostbay.client.audit.AuditFiles;
import io.ghostbay.client.audit.AuditVerification;
import io.ghostbay.config.AuditConfig.AuditRetention;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files on disk: chaining, rotation, retention, and continuing the chain after restarts and crashes. */
class AuditFileWriterTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long BIG = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    private final List<String> written = new ArrayList<>();
    private int counter;

    private AuditFileWriter writer(long maxFileBytes, AuditRetention retention) {
        return new AuditFileWriter(dir, maxFileBytes, retention, CLOCK, written::add);
    }

    private void append(AuditFileWriter w, int records) throws IOException {
        for (int i = 0; i < records; i++) {
            counter++;
            w.append(NOW.plusMillis(counter), "{\"requestId\":\"R" + counter + "\",\"padding\":\"" + "p".repeat(100)
                    + "\"}");
        }
        w.flush();
    }

    private List<String> names() throws IOException {
        return AuditFiles.list(dir).stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }

    private AuditVerification verifyAll() throws IOException {
        return AuditChainVerifier.verify(AuditFiles.list(dir));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void recordsAreChainedIntoTheFirstFile() throws IOException {
        try (AuditFileWriter w = writer(BIG, AuditRetention.FOREVER)) {
            append(w, 3);
            assertEquals(4, w.nextSeq());
        }
        assertEquals(List.of(AuditFiles.name(1)), names());
        List<String> lines = lines(dir.resolve(AuditFiles.name(1)));
        assertEquals(3, lines.size());
        assertEquals(lines, written, "each line is reported once it is in the file");
        assertTrue(lines.get(0).startsWith("{\"seq\":1,\"prev\":\"" + AuditChain.GENESIS + "\","), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"seq\":2,\"prev\":\"" + AuditChain.hash(lines.get(0)) + "\","));
        AuditVerification v = verifyAll();
        assertTrue(v.intact(), v.problems()::toString);
        assertEquals(3, v.lastSeq());
    }

    @Test
    void nothingReachesTheFileBeforeFlush() throws IOException {
        try (AuditFileWriter w = writer(BIG, AuditRetention.FOREVER)) {
            w.append(NOW, "{\"requestId\":\"R\"}");
            assertEquals(0, Files.size(dir.resolve(AuditFiles.name(1))));
            assertTrue(written.isEmpty());
            w.flush();
            assertEquals(1, lines(dir.resolve(AuditFiles.name(1))).size());
        }
    }

    @Test
    void rotatesBeforeAFileWouldGrowPastItsLimitAndTheChainCrossesFiles() throws IOException {
        try (AuditFileWriter w = writer(1000, AuditRetention.FOREVER)) {
            append(w, 20);
        }
        List<String> names = names();
        assertTrue(names.size() >= 4, names::toString);
        for (Path f : AuditFiles.list(dir)) {
            assertTrue(Files.size(f) <= 1000, f + " has " + Files.size(f) + " bytes");
            assertFalse(lines(f).isEmpty(), f + " is empty");
        }
        AuditVerification v = verifyAll();
        assertTrue(v.intact(), v.problems()::toString);
        assertEquals(20, v.records());
        assertEquals(20, v.lastSeq());
    }

    @Test
    void restartAppendsToTheNewestFileAndContinuesTheSequence() throws IOException {
        try (AuditFileWriter w = writer(BIG, AuditRetention.FOREVER)) {
            append(w, 2);
        }
        try (AuditFileWriter w = writer(BIG, AuditRetention.FOREVER)) {
            append(w, 1);
            assertEquals(4, w.nextSeq());
        }
        assertEquals(List.of(AuditFiles.name(1)), names());
        AuditVerification v = verifyAll();
        assertTrue(v.intact(), v.problems()::toString);
        assertEquals(3, v.lastSeq());
    }

    @Test
    void restartAfterATornLineLeavesItAndRecordsItInANewFile() throws IOException {
        try (AuditFileWriter w = writer(BIG, AuditRetention.FOREVER)) {
            append(w, 2);
        }
        Path first = dir.resolve(AuditFiles.name(1));
        String fragment = "{\"seq\":3,\"prev\":\"12ab";
        Files.writeString(first, fragment, StandardOpenOption.APPEND);
        long firstSize = Files.size(first);

        try (AuditFileWriter w = writer(BIG, AuditRetention.FOREVER)) {
            append(w, 1);
        }
        assertEquals(firstSize, Files.size(first), "the torn file is left as it is");
        assertEquals(List.of(AuditFiles.name(1), AuditFiles.name(2)), names());
        List<String> second = lines(dir.resolve(AuditFiles.name(2)));
        assertEquals(2, second.size());
        AuditChain.Header notice = AuditChain.parse(second.get(0).getBytes(StandardCharsets.UTF_8));
        assertEquals(3, notice.seq());
        assertEquals(new AuditChain.TornTail(AuditFiles.name(1), fragment.length(), AuditChain.hash(fragment)),
                notice.event());
        AuditVerification v = verifyAll();
        assertTrue(v.intact(), v.problems()::toString);
        assertEquals(4, v.lastSeq());
        assertTrue(v.notes().get(0).contains("incomplete line"), v.notes()::toString);
    }

    @Test
    void restartAfterAMangledLastLineContinuesFromTheLastRecordInANewFile() throws IOException {
        try (AuditFileWriter w = writer(BIG, AuditRetention.FOREVER)) {
            append(w, 2);
        }
        Files.writeString(dir.resolve(AuditFiles.name(1)), "\u0000\u0000\u0000\n", StandardOpenOption.APPEND);
        try (AuditFileWriter w = writer(BIG, AuditRetention.FOREVER)) {
            append(w, 1);
            assertEquals(4, w.nextSeq());
        }
        assertEquals(2, names().size());
        AuditVerification v = verifyAll();
        assertEquals(List.of(AuditVerification.Kind.MALFORMED),
                v.problems().stream().map(AuditVerification.Problem::kind).collect(Collectors.toList()));
        assertEquals(3, v.lastSeq(), "the chain itself goes on");
    }

    @Test
    void bufferedRecordsLostToAnErrorAreCountedAndTheChainResumesFromTheFile() throws IOException {
        try (AuditFileWriter w = writer(BIG, AuditRetention.FOREVER)) {
            append(w, 2);
            w.append(NOW, "{\"requestId\":\"lost\"}");
            assertEquals(1, w.discardUnwritten());
            append(w, 1);
            assertEquals(4, w.nextSeq(), "seq 3 is given again: the lost record never existed");
        }
        AuditVerification v = verifyAll();
        assertTrue(v.intact(), v.problems()::toString);
        assertEquals(3, v.records());
    }

    @Test
    void retentionKeepsTheNewestRotatedFilesAndRecordsWhatItDeletes() throws IOException {
        try (AuditFileWriter w = writer(1000, new AuditRetention(2, null))) {
            append(w, 30);
            int before = names().size();
            assertTrue(before > 4, names()::toString);
            assertTrue(w.retentionDue());
            // the retention records may rotate the file again, which makes retention due again
            int runs = 0;
            do {
                w.applyRetention();
                runs++;
            } while (w.retentionDue() && runs < 10);
            Path current = w.currentFile();
            List<Path> files = AuditFiles.list(dir);
            assertTrue(files.contains(current));
            assertEquals(2, files.stream().filter(f -> !f.equals(current)).count(), files::toString);
        }
        AuditVerification v = verifyAll();
        assertTrue(v.intact(), v.problems()::toString);
        assertTrue(v.firstSeq() > 1);
        assertTrue(v.notes().stream().anyMatch(n -> n.contains("deleted by retention")), v.notes()::toString);

        // Had the oldest remaining file been removed by hand instead, verification says so.
        Files.delete(AuditFiles.list(dir).get(0));
        assertFalse(verifyAll().intact());
    }

    @Test
    void retentionByAgeDeletesOnlyOldFilesAndNeverLeavesAHole() throws IOException {
        try (AuditFileWriter w = writer(600, new AuditRetention(0, Duration.ofDays(1)))) {
            append(w, 8);
            List<Path> files = AuditFiles.list(dir);
            assertTrue(files.size() >= 4, files::toString);
            FileTime old = FileTime.from(NOW.minus(Duration.ofDays(2)));
            FileTime recent = FileTime.from(NOW.minus(Duration.ofHours(1)));
            for (Path f : files) {
                Files.setLastModifiedTime(f, recent);
            }
            // the second file is old but the first is not: nothing may go
            Files.setLastModifiedTime(files.get(1), old);
            w.applyRetention();
            assertEquals(files, AuditFiles.list(dir));

            Files.setLastModifiedTime(files.get(0), old);
            w.applyRetention();
            List<Path> left = AuditFiles.list(dir);
            assertFalse(left.contains(files.get(0)));
            assertFalse(left.contains(files.get(1)));
            assertTrue(left.contains(files.get(2)));
            w.flush();
        }
        assertTrue(verifyAll().intact(), () -> {
            try {
                return verifyAll().problems().toString();
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    @Test
    void secondWriterOnTheSameDirectoryIsRefused() throws IOException {
        try (AuditFileWriter first = writer(BIG, AuditRetention.FOREVER)) {
            append(first, 1);
            AuditFileWriter second = writer(BIG, AuditRetention.FOREVER);
            IOException e = assertThrows(IOException.class, () -> second.append(NOW, "{\"requestId\":\"x\"}"));
            assertTrue(e.getMessage().contains("in use by another server"), e.getMessage());
        }
        // released on close
        try (AuditFileWriter again = writer(BIG, AuditRetention.FOREVER)) {
            append(again, 1);
        }
        assertEquals(2, verifyAll().records());
    }
}
