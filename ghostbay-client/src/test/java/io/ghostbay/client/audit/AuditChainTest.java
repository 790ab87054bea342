package io.ghostbay.client.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.client.audit.AuditChain.Header;
import io.ghostbay.client.audit.AuditChain.Retention;
import io.ghostbay.client.audit.AuditChain.TornTail;
import io.ghostbay.client.audit.AuditVerification.Kind;
import io.ghostbay.client.audit.AuditVerification.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain format and the verifier: intact logs pass, every kind of tampering is named and placed. */
class AuditChainTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.000Z");

    /** A log being built: files in order, each a list of lines, plus the chain's running state. */
    private static final class Log {
        final Map<String, List<String>> files = new LinkedHashMap<>();
        final Map<String, String> fragments = new LinkedHashMap<>();
        long seq;
        String prev = AuditChain.GENESIS;
        String current;

        Log file(String name) {
            files.put(name, new ArrayList<>());
            current = name;
            return this;
        }

        Log records(int count) {
            for (int i = 0; i < count; i++) {
                add(AuditChain.recordLine(seq + 1, prev, T0.plusSeconds(seq),
                        "{\"requestId\":\"R" + (seq + 1) + "\",\"status\":200}"));
            }
            return this;
        }

        Log event(AuditChain.Event event) {
            return add(AuditChain.eventLine(seq + 1, prev, T0.plusSeconds(seq), event));
        }

        Log add(String line) {
            files.get(current).add(line);
            seq++;
            prev = AuditChain.hash(line);
            return this;
        }

        /** An incomplete last line in the current file, as a crash mid-write leaves it. */
        Log fragment(String text) {
            fragments.put(current, text);
            return this;
        }

        List<String> lines(String file) {
            return files.get(file);
        }

        AuditVerification verify() {
            return verify(true);
        }

        AuditVerification verify(boolean checkStart) {
            AuditChainVerifier verifier = new AuditChainVerifier(checkStart);
            files.forEach((name, lines) -> {
                StringBuilder content = new StringBuilder();
                lines.forEach(l -> content.append(l).append('\n'));
                content.append(fragments.getOrDefault(name, ""));
                try {
                    verifier.add(name, new ByteArrayInputStream(
                            content.toString().getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return verifier.result();
        }
    }

    private static String tornTailSha(String fragment) {
        return AuditChain.hash(fragment);
    }

    private static List<Kind> kinds(AuditVerification v) {
        return v.problems().stream().map(Problem::kind).collect(Collectors.toList());
    }

    private static String describe(AuditVerification v) {
        return v.problems() + " notes " + v.notes();
    }

    @Test
    void hashIsTheSha256OfTheLineBytes() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                AuditChain.hash("abc"));
    }

    @Test
    void lineStartsWithTheEnvelopeInItsFixedSpelling() {
        String line = AuditChain.recordLine(7, AuditChain.GENESIS,
                Instant.parse("2026-03-01T12:00:00.5Z"), "{\"requestId\":\"X\"}");
        assertEquals("{\"seq\":7,\"prev\":\"" + AuditChain.GENESIS
                + "\",\"time\":\"2026-03-01T12:00:00.500Z\",\"requestId\":\"X\"}", line);
        Header h = AuditChain.parse(line.getBytes(StandardCharsets.UTF_8));
        assertNotNull(h);
        assertEquals(7, h.seq());
        assertEquals(Instant.parse("2026-03-01T12:00:00.500Z"), h.time());
        assertNull(h.event());
    }

    @Test
    void eventsRoundTrip() {
        String torn = AuditChain.eventLine(3, AuditChain.GENESIS, T0,
                new TornTail("audit-0000000001.jsonl", 17, AuditChain.hash("x")));
        assertEquals(new TornTail("audit-0000000001.jsonl", 17, AuditChain.hash("x")),
                AuditChain.parse(torn.getBytes(StandardCharsets.UTF_8)).event());
        Retention r = new Retention("audit-0000000001.jsonl", 1, 99, AuditChain.hash("y"));
        assertEquals(r, AuditChain.parse(AuditChain.eventLine(100, AuditChain.hash("y"), T0, r)
                .getBytes(StandardCharsets.UTF_8)).event());
    }

    @Test
    void recordFieldsMayNotImpersonateTheEnvelopeOrAnEvent() {
        for (String fields : List.of("{}", "{\"event\":\"retention\"}", "{\"seq\":1}",
                "{\"a\":\"b\"}\n", "[1]")) {
            assertThrows(IllegalArgumentException.class,
                    () -> AuditChain.recordLine(1, AuditChain.GENESIS, T0, fields), fields);
        }
        assertThrows(IllegalArgumentException.class,
                () -> AuditChain.recordLine(0, AuditChain.GENESIS, T0, "{\"a\":1}"));
        assertThrows(IllegalArgumentException.class,
                () -> AuditChain.recordLine(1, "abc", T0, "{\"a\":1}"));
    }

    @Test
    void lineWithCarriageReturnOrWithoutClosingBraceIsNotARecord() {
        String line = AuditChain.recordLine(1, AuditChain.GENESIS, T0, "{\"a\":1}");
        assertNull(AuditChain.parse((line + "\r").getBytes(StandardCharsets.UTF_8)));
        assertNull(AuditChain.parse(line.substring(0, line.length() - 1)
                .getBytes(StandardCharsets.UTF_8)));
        assertNull(AuditChain.parse(line.replace("\"seq\":1", "\"seq\":01")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void intactLogPassesWithItsSummary() {
        Log log = new Log().file("audit-0000000001.jsonl").records(5);
        AuditVerification v = log.verify();
        assertTrue(v.intact(), describe(v));
        assertEquals(5, v.records());
        assertEquals(1, v.firstSeq());
        assertEquals(5, v.lastSeq());
        assertEquals(6, v.nextSeq());
        assertEquals(AuditChain.hash(log.lines("audit-0000000001.jsonl").get(4)), v.lastHash());
        assertEquals(T0, v.firstTime().orElseThrow());
        assertEquals(T0.plusSeconds(4), v.lastTime().orElseThrow());
        assertTrue(v.notes().isEmpty(), v.notes()::toString);
    }

    @Test
    void emptyLogIsIntactAndStartsAtOne() {
        AuditVerification v = new Log().file("audit-0000000001.jsonl").verify();
        assertTrue(v.intact());
        assertEquals(0, v.records());
        assertEquals(1, v.nextSeq());
        assertEquals(AuditChain.GENESIS, v.lastHash());
    }

    @Test
    void chainContinuesAcrossRotatedFiles() {
        Log log = new Log().file("audit-0000000001.jsonl").records(3)
                .file("audit-0000000002.jsonl").records(3).file("audit-0000000003.jsonl").records(1);
        AuditVerification v = log.verify();
        assertTrue(v.intact(), describe(v));
        assertEquals(7, v.lastSeq());
        assertEquals(List.of(3L, 3L, 1L), v.files().stream()
                .map(AuditVerification.FileSummary::records).collect(Collectors.toList()));
        assertEquals(4, v.files().get(1).firstSeq());
    }

    @Test
    void editedFieldIsReportedAtTheEditedRecord() {
        Log log = new Log().file("audit-0000000001.jsonl").records(5);
        List<String> lines = log.lines("audit-0000000001.jsonl");
        lines.set(2, lines.get(2).replace("\"status\":200", "\"status\":403"));
        AuditVerification v = log.verify();
        assertFalse(v.intact());
        assertEquals(List.of(Kind.EDITED), kinds(v), describe(v));
        Problem p = v.problems().get(0);
        assertEquals("audit-0000000001.jsonl", p.at().file());
        assertEquals(3, p.at().line());
        assertTrue(p.message().startsWith("seq 3 was edited"), p.message());
    }

    @Test
    void editingTheNewestRecordIsNotDetectableByTheChainAlone() {
        // Documented limitation: nothing after the last record carries its hash.
        Log log = new Log().file("audit-0000000001.jsonl").records(3);
        List<String> lines = log.lines("audit-0000000001.jsonl");
        lines.set(2, lines.get(2).replace("\"status\":200", "\"status\":403"));
        AuditVerification v = log.verify();
        assertTrue(v.intact(), describe(v));
        assertFalse(v.lastHash().equals(log.prev), "the changed head is visible as a new hash");
    }

    @Test
    void removedLineIsReportedAsMissing() {
        Log log = new Log().file("audit-0000000001.jsonl").records(6);
        log.lines("audit-0000000001.jsonl").remove(3);
        AuditVerification v = log.verify();
        assertEquals(List.of(Kind.MISSING), kinds(v), describe(v));
        assertTrue(v.problems().get(0).message().startsWith("seq 4 is missing"), describe(v));
        assertEquals(4, v.problems().get(0).at().line(), "reported where the gap shows");
    }

    @Test
    void removedLinesAtAFileBoundaryAreReportedAsOneRange() {
        Log log = new Log().file("audit-0000000001.jsonl").records(4)
                .file("audit-0000000002.jsonl").records(4);
        log.lines("audit-0000000001.jsonl").remove(3);
        log.lines("audit-0000000002.jsonl").remove(0);
        AuditVerification v = log.verify();
        assertEquals(List.of(Kind.MISSING), kinds(v), describe(v));
        assertTrue(v.problems().get(0).message().startsWith("seq 4 to 5 (2 records) are missing"),
                describe(v));
    }

    @Test
    void removedMiddleFileIsReportedAsMissingRecords() {
        Log log = new Log().file("audit-0000000001.jsonl").records(2)
                .file("audit-0000000002.jsonl").records(3).file("audit-0000000003.jsonl").records(2);
        log.files.remove("audit-0000000002.jsonl");
        AuditVerification v = log.verify();
        assertEquals(List.of(Kind.MISSING), kinds(v), describe(v));
        assertTrue(v.problems().get(0).message().startsWith("seq 3 to 5"), describe(v));
    }

    @Test
    void removedOldestFileIsReportedUnlessRetentionRecordedIt() {
        Log log = new Log().file("audit-0000000001.jsonl").records(3)
                .file("audit-0000000002.jsonl").records(3);
        log.files.remove("audit-0000000001.jsonl");
        AuditVerification v = log.verify();
        assertEquals(List.of(Kind.MISSING), kinds(v), describe(v));
        assertTrue(v.problems().get(0).message().startsWith("seq 1 to 3 are missing"), describe(v));

        // The server's own reading of the newest files does not ask for the start.
        assertTrue(log.verify(false).intact());
    }

    @Test
    void retentionRecordExplainsTheMissingStart() {
        Log log = new Log().file("audit-0000000001.jsonl").records(3);
        String lastHashOfFirst = log.prev;
        log.file("audit-0000000002.jsonl").records(2)
                .event(new Retention("audit-0000000001.jsonl", 1, 3, lastHashOfFirst)).records(1);
        log.files.remove("audit-0000000001.jsonl");
        AuditVerification v = log.verify();
        assertTrue(v.intact(), describe(v));
        assertTrue(v.notes().get(0).contains("deleted by retention"), describe(v));

        // The oldest remaining record edited to point elsewhere no longer matches the retention record.
        List<String> lines = log.lines("audit-0000000002.jsonl");
        lines.set(0, lines.get(0).replace(lastHashOfFirst, AuditChain.hash("other")));
        AuditVerification edited = log.verify();
        assertTrue(kinds(edited).contains(Kind.EDITED), describe(edited));
    }

    @Test
    void swappedLinesAreReportedAsReorderedNotMissing() {
        Log log = new Log().file("audit-0000000001.jsonl").records(6);
        Collections.swap(log.lines("audit-0000000001.jsonl"), 2, 3);
        AuditVerification v = log.verify();
        assertEquals(List.of(Kind.REORDERED), kinds(v), describe(v));
        assertTrue(v.problems().get(0).message().startsWith("seq 3 is out of order"), describe(v));
    }

    @Test
    void lineMovedIntoALaterFileIsReportedAsReordered() {
        Log log = new Log().file("audit-0000000001.jsonl").records(4)
                .file("audit-0000000002.jsonl").records(4);
        String moved = log.lines("audit-0000000001.jsonl").remove(1);
        log.lines("audit-0000000002.jsonl").add(2, moved);
        AuditVerification v = log.verify();
        assertEquals(List.of(Kind.REORDERED), kinds(v), describe(v));
        assertEquals("audit-0000000002.jsonl", v.problems().get(0).at().file());
    }

    @Test
    void duplicatedLineIsReported() {
        Log log = new Log().file("audit-0000000001.jsonl").records(4);
        List<String> lines = log.lines("audit-0000000001.jsonl");
        lines.add(2, lines.get(1));
        AuditVerification v = log.verify();
        assertEquals(List.of(Kind.DUPLICATE), kinds(v), describe(v));
    }

    @Test
    void editedSeqIsReportedOnce() {
        Log log = new Log().file("audit-0000000001.jsonl").records(5);
        List<String> lines = log.lines("audit-0000000001.jsonl");
        lines.set(1, lines.get(1).replace("{\"seq\":2,", "{\"seq\":9,"));
        AuditVerification v = log.verify();
        assertEquals(List.of(Kind.EDITED), kinds(v), describe(v));
        assertEquals(2, v.problems().get(0).at().line());
    }

    @Test
    void insertedLineIsReportedAsMalformed() {
        Log log = new Log().file("audit-0000000001.jsonl").records(4);
        log.lines("audit-0000000001.jsonl").add(2, "{\"requestId\":\"forged\"}");
        log.lines("audit-0000000001.jsonl").add(4, "");
        AuditVerification v = log.verify();
        assertEquals(List.of(Kind.MALFORMED, Kind.MALFORMED), kinds(v), describe(v));
        assertEquals(3, v.problems().get(0).at().line());
    }

    @Test
    void forgedFirstRecordIsReported() {
        Log log = new Log().file("audit-0000000001.jsonl").records(2);
        List<String> lines = log.lines("audit-0000000001.jsonl");
        lines.set(0, lines.get(0).replace(AuditChain.GENESIS, AuditChain.hash("x")));
        // The first record changed, so the second's prev no longer matches it either: one report each.
        AuditVerification v = log.verify();
        assertFalse(v.intact());
        assertEquals(Kind.EDITED, v.problems().get(0).kind(), describe(v));
    }

    @Test
    void tornLastLineOfTheNewestFileIsANoteNotAProblem() {
        String fragment = "{\"seq\":4,\"pr";
        Log log = new Log().file("audit-0000000001.jsonl").records(3).fragment(fragment);
        AuditVerification v = log.verify();
        assertTrue(v.intact(), describe(v));
        assertEquals(3, v.lastSeq());
        assertEquals(1, v.trailingFragments().size());
        assertEquals(12, v.trailingFragments().get(0).bytes());
        assertEquals(AuditChain.hash(fragment), v.trailingFragments().get(0).sha256());
        assertEquals(4, v.trailingFragments().get(0).at().line());
        assertTrue(v.notes().get(0).contains("incomplete line of 12 bytes"), v.notes()::toString);
    }

    @Test
    void tornLineAcknowledgedByTheNextFileIsIntact() {
        String fragment = "{\"seq\":4,\"prev\":\"ab";
        Log log = new Log().file("audit-0000000001.jsonl").records(3).fragment(fragment)
                .file("audit-0000000002.jsonl")
                .event(new TornTail("audit-0000000001.jsonl", fragment.length(), tornTailSha(fragment)))
                .records(2);
        AuditVerification v = log.verify();
        assertTrue(v.intact(), describe(v));
        assertTrue(v.trailingFragments().isEmpty());
        assertEquals(6, v.lastSeq());
        assertTrue(v.notes().get(0).contains("audit-0000000001.jsonl ends in an incomplete line"),
                v.notes()::toString);
    }

    @Test
    void unacknowledgedOrAlteredTornLineIsReported() {
        String fragment = "{\"seq\":4,\"prev\":\"ab";
        Log cut = new Log().file("audit-0000000001.jsonl").records(3).fragment(fragment)
                .file("audit-0000000002.jsonl").records(2);
        assertEquals(List.of(Kind.TORN), kinds(cut.verify()), describe(cut.verify()));

        Log altered = new Log().file("audit-0000000001.jsonl").records(3).fragment("{\"seq\":4,\"prev\":\"cd")
                .file("audit-0000000002.jsonl")
                .event(new TornTail("audit-0000000001.jsonl", fragment.length(), tornTailSha(fragment)))
                .records(1);
        assertEquals(List.of(Kind.TORN), kinds(altered.verify()), describe(altered.verify()));

        Log removed = new Log().file("audit-0000000001.jsonl").records(3)
                .file("audit-0000000002.jsonl")
                .event(new TornTail("audit-0000000001.jsonl", fragment.length(), tornTailSha(fragment)))
                .records(1);
        assertEquals(List.of(Kind.TORN), kinds(removed.verify()), describe(removed.verify()));
    }

    @Test
    void veryLongLineIsHashedWhole(@TempDir Path dir) throws IOException {
        // Longer than the verifier keeps in memory: the hash must still cover every byte.
        String big = "x".repeat(200_000);
        Log log = new Log().file("audit-0000000001.jsonl");
        log.add(AuditChain.recordLine(1, AuditChain.GENESIS, T0, "{\"userAgent\":\"" + big + "\"}"));
        log.records(1);
        Path file = dir.resolve("audit-0000000001.jsonl");
        Files.write(file, log.lines("audit-0000000001.jsonl"), StandardCharsets.UTF_8);
        assertTrue(AuditChainVerifier.verify(List.of(file)).intact());

        List<String> lines = log.lines("audit-0000000001.jsonl");
        lines.set(0, lines.get(0).replace("xxxxx\"}", "xxxxy\"}"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        AuditVerification v = AuditChainVerifier.verify(List.of(file));
        assertEquals(List.of(Kind.EDITED), kinds(v), describe(v));
    }

    @Test
    void filesAreNamedAndListedByNumber(@TempDir Path dir) throws IOException {
        assertEquals("audit-0000000012.jsonl", AuditFiles.name(12));
        for (long n : new long[] {10, 2, 1}) {
            Files.createFile(dir.resolve(AuditFiles.name(n)));
        }
        Files.createFile(dir.resolve("audit-1.jsonl"));
        Files.createFile(dir.resolve("notes.txt"));
        assertEquals(List.of(AuditFiles.name(1), AuditFiles.name(2), AuditFiles.name(10)),
                AuditFiles.list(dir).stream().map(p -> p.getFileName().toString())
                        .collect(Collectors.toList()));
    }
}
