package io.ghostbay.client.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link AuditChainVerifier} found: a summary of the files, the problems (empty when the
 * chain is intact), notes that are not problems (an acknowledged crash, records deleted by
 * retention), and the state at the end of the chain, from which the server continues it.
 */
public final class AuditVerification {
    private final List<FileSummary> files;
    private final long lines;
    private final long records;
    private final long firstSeq;
    private final long lastSeq;
    private final Instant firstTime;
    private final Instant lastTime;
    private final String lastHash;
    private final long nextSeq;
    private final List<Problem> problems;
    private final long problemCount;
    private final List<String> notes;
    private final List<Fragment> trailingFragments;

    AuditVerification(List<FileSummary> files, long lines, long records, long firstSeq,
                      long lastSeq, Instant firstTime, Instant lastTime, String lastHash,
                      long nextSeq, List<Problem> problems, long problemCount, List<String> notes,
                      List<Fragment> trailingFragments) {
        this.files = List.copyOf(files);
        this.lines = lines;
        this.records = records;
        this.firstSeq = firstSeq;
        this.lastSeq = lastSeq;
        this.firstTime = firstTime;
        this.lastTime = lastTime;
        this.lastHash = lastHash;
        this.nextSeq = nextSeq;
        this.problems = List.copyOf(problems);
        this.problemCount = problemCount;
        this.notes = List.copyOf(notes);
        this.trailingFragments = List.copyOf(trailingFragments);
    }

    /** True when no problem was found. */
    public boolean intact() {
        return problemCount == 0;
    }

    public List<FileSummary> files() {
        return files;
    }

    /** Complete lines read, records or not. */
    public long lines() {
        return lines;
    }

    /** Lines that are audit records (requests and the chain's own records). */
    public long records() {
        return records;
    }

    /** Seq of the first record read; 0 if there was none. */
    public long firstSeq() {
        return firstSeq;
    }

    /** The highest seq in chain order (the seq the next record continues from); 0 if none. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Earliest record time (records are in completion order, times are arrival times). */
    public Optional<Instant> firstTime() {
        return Optional.ofNullable(firstTime);
    }

    public Optional<Instant> lastTime() {
        return Optional.ofNullable(lastTime);
    }

    /** Hash of the record {@link #lastSeq()}; {@link AuditChain#GENESIS} if there was none. */
    public String lastHash() {
        return lastHash;
    }

    /** The seq the next record gets. */
    public long nextSeq() {
        return nextSeq;
    }

    /** The problems found, at most the first 1000. */
    public List<Problem> problems() {
        return problems;
    }

    /** How many problems were found, including those not kept. */
    public long problemCount() {
        return problemCount;
    }

    public List<String> notes() {
        return notes;
    }

    /**
     * Incomplete lines at the very end of the files read, not yet acknowledged by a torn-tail
     * record: the server writes one for each when it continues the log.
     */
    public List<Fragment> trailingFragments() {
        return trailingFragments;
    }

    /** What kind of damage a {@link Problem} is. */
    public enum Kind {
        EDITED, MISSING, REORDERED, DUPLICATE, MALFORMED, TORN
    }

    /** A file and a line number (1-based). */
    public record Location(String file, long line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** One thing wrong with the log, where it shows. */
    public record Problem(Kind kind, Location at, String message) {
    }

    /**
     * An incomplete last line (no {@code '\n'}), at line number {@code at.line()}.
     *
     * @param sha256 hex SHA-256 of its bytes
     */
    public record Fragment(Location at, long bytes, String sha256) {
    }

    /**
     * One file's part: complete lines, records, the seq of its first and last records (0 if it
     * has none) and the length of an incomplete last line (0 if none).
     */
    public record FileSummary(String name, long lines, long records, long firstSeq, long lastSeq,
                              long fragmentBytes) {
    }
}
