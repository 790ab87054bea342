package io.ghostbay.client.audit;

import io.ghostbay.client.audit.AuditChain.Header;
import io.ghostbay.client.audit.AuditChain.Retention;
import io.ghostbay.client.audit.AuditChain.TornTail;
import io.ghostbay.client.audit.AuditVerification.FileSummary;
import io.ghostbay.client.audit.AuditVerification.Fragment;
import io.ghostbay.client.audit.AuditVerification.Kind;
import io.ghostbay.client.audit.AuditVerification.Location;
import io.ghostbay.client.audit.AuditVerification.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks an audit log's hash chain ({@link AuditChain}) over one or more files, fed oldest first,
 * in one pass and in bounded memory (a line is hashed as it streams by; only its first bytes are
 * kept). Not thread-safe; one instance per check.
 *
 * <p>What it reports ({@link AuditVerification.Kind}):
 * <ul>
 *   <li>EDITED: a record's hash is not the {@code prev} its successor recorded (the record, or
 *       that {@code prev}, was changed), or a {@code seq} was changed;
 *   <li>MISSING: sequence numbers that never appear: removed lines, or a removed file;
 *   <li>REORDERED / DUPLICATE: a sequence number that appears later than its successors, or
 *       twice;
 *   <li>MALFORMED: a line that is not an audit record at all (inserted, or mangled);
 *   <li>TORN: an incomplete last line of a file that the next record does not acknowledge, or an
 *       acknowledgement without its incomplete line.
 * </ul>
 *
 * <p>Gaps are reported at the end, so that a record that merely moved is reported once as
 * REORDERED rather than as both missing and out of order.
 */
public final class AuditChainVerifier {
    /** Bytes of a line kept for parsing: the chain's own records are far shorter. */
    private static final int HEAD_BYTES = 4096;
    /** How many recent records' hashes are kept to check out-of-order records against. */
    private static final int WINDOW = 10_000;
    /** Problems beyond this many are counted, not kept. */
    private static final int MAX_PROBLEMS_KEPT = 1000;

    private final boolean checkStart;

    private final List<FileSummary> files = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private long problemCount;
    private final List<String> notes = new ArrayList<>();

    private long lines;
    private long records;
    private boolean seenRecord;
    private long firstSeq;
    private String firstPrev;
    private Location firstLocation;
    private long nextSeq = 1;
    private String lastHash = AuditChain.GENESIS;
    private Location lastLocation;
    private Instant firstTime;
    private Instant lastTime;

    /** The line just before the current one, if it was a record: seq (as accepted) and hash. */
    private String previousLineHash;
    private long previousLineSeq;

    private final Map<Long, Seen> window = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Seen> eldest) {
            return size() > WINDOW;
        }
    };
    /** Pending missing ranges by first seq; a range shrinks when one of its records turns up late. */
    private final TreeMap<Long, Gap> gaps = new TreeMap<>();
    private final Set<Long> reportedEdited = new HashSet<>();
    private final Deque<Fragment> pendingFragments = new ArrayDeque<>();
    private final List<Fragment> trailingFragments = new ArrayList<>();
    /** True until the first line that is not an acknowledgement of an incomplete line. */
    private boolean leading = true;
    private final Map<Long, Retention> retentionsByLastSeq = new HashMap<>();

    /**
     * @param checkStart whether a log that does not start at seq 1 must be explained by a
     *                   retention record (true for a full check; false to read the state at the
     *                   end of a few newest files, as the server does at start-up)
     */
    public AuditChainVerifier(boolean checkStart) {
        this.checkStart = checkStart;
    }

    /** A full check of {@code files}, oldest first. */
    public static AuditVerification verify(List<Path> files) throws IOException {
        AuditChainVerifier verifier = new AuditChainVerifier(true);
        for (Path file : files) {
            verifier.add(file);
        }
        return verifier.result();
    }

    /** Feeds one file (after the ones fed before it). */
    public void add(Path file) throws IOException {
        Path name = file.getFileName();
        try (InputStream in = Files.newInputStream(file)) {
            add(name == null ? file.toString() : name.toString(), in);
        }
    }

    /** Feeds one file's content, read to its end (not closed). */
    public void add(String fileName, InputStream in) throws IOException {
        FileStats stats = new FileStats();
        MessageDigest digest = AuditChain.sha256();
        byte[] buffer = new byte[64 * 1024];
        byte[] head = new byte[HEAD_BYTES];
        int headLength = 0;
        long lineLength = 0;
        byte lastByte = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            int start = 0;
            for (int i = 0; i <= n; i++) {
                boolean endOfLine = i < n && buffer[i] == '\n';
                if (!endOfLine && i < n) {
                    continue;
                }
                int length = i - start;
                if (length > 0) {
                    digest.update(buffer, start, length);
                    int copy = Math.min(length, HEAD_BYTES - headLength);
                    if (copy > 0) {
                        System.arraycopy(buffer, start, head, headLength, copy);
                        headLength += copy;
                    }
                    lineLength += length;
                    lastByte = buffer[i - 1];
                }
                if (endOfLine) {
                    stats.lines++;
                    byte[] lineHead = Arrays.copyOf(head, headLength);
                    Header header = lineLength == 0 ? null
                            : AuditChain.parse(lineHead, lineLength, lineLength <= HEAD_BYTES, lastByte);
                    line(stats, new Location(fileName, stats.lines), AuditChain.hex(digest.digest()),
                            header);
                    headLength = 0;
                    lineLength = 0;
                    lastByte = 0;
                }
                start = i + 1;
            }
        }
        if (lineLength > 0) {
            Fragment fragment = new Fragment(new Location(fileName, stats.lines + 1), lineLength,
                    AuditChain.hex(digest.digest()));
            stats.fragmentBytes = lineLength;
            fragment(fragment);
        }
        files.add(new FileSummary(fileName, stats.lines, stats.records, stats.firstSeq,
                stats.lastSeq, stats.fragmentBytes));
    }

    private void line(FileStats stats, Location at, String hash, Header header) {
        lines++;
        if (header == null) {
            problem(Kind.MALFORMED, at, "not an audit record (a line was inserted, or a record"
                    + " mangled beyond recognition)");
            leading = false;
            previousLineHash = null;
            return;
        }
        records++;
        stats.record(header.seq());
        if (firstTime == null || header.time().isBefore(firstTime)) {
            firstTime = header.time();
        }
        if (lastTime == null || header.time().isAfter(lastTime)) {
            lastTime = header.time();
        }
        acknowledgeFragments(at, header);
        if (header.event() instanceof Retention r) {
            retentionsByLastSeq.put(r.lastSeq(), r);
        }
        chain(at, hash, header);
    }

    private void acknowledgeFragments(Location at, Header header) {
        if (header.event() instanceof TornTail t) {
            Fragment f = pendingFragments.poll();
            if (f == null) {
                if (leading) {
                    notes.add("seq " + header.seq() + " (" + at + ") records an incomplete line of "
                            + t.bytes() + " bytes at the end of " + t.file()
                            + ", which is not among the files checked");
                } else {
                    problem(Kind.TORN, at, "seq " + header.seq() + " records an incomplete line of "
                            + t.bytes() + " bytes at the end of " + t.file()
                            + ", but no incomplete line precedes it (removed or completed)");
                }
            } else if (f.bytes() == t.bytes() && f.sha256().equals(t.sha256())) {
                notes.add(f.at().file() + " ends in an incomplete line of " + f.bytes()
                        + " bytes (the server stopped while writing it), as seq " + header.seq()
                        + " records");
            } else {
                problem(Kind.TORN, f.at(), "the incomplete line at the end of the file ("
                        + f.bytes() + " bytes) is not the one seq " + header.seq() + " (" + at
                        + ") records (" + t.bytes() + " bytes): it was edited");
            }
            return;
        }
        leading = false;
        while (!pendingFragments.isEmpty()) {
            Fragment f = pendingFragments.poll();
            problem(Kind.TORN, f.at(), "the file ends in an incomplete line of " + f.bytes()
                    + " bytes that no torn-tail record acknowledges: a record was cut short");
        }
    }

    private void chain(Location at, String hash, Header header) {
        long seq = header.seq();
        String prev = header.prev();
        if (!seenRecord) {
            seenRecord = true;
            firstSeq = seq;
            firstPrev = prev;
            firstLocation = at;
            if (seq == 1 && !prev.equals(AuditChain.GENESIS)) {
                problem(Kind.EDITED, at, "seq 1 must have prev " + AuditChain.GENESIS
                        + ": the record was edited");
            }
            accept(seq, hash, at);
            return;
        }
        if (seq == nextSeq) {
            Seen before = window.get(seq - 1);
            if (before != null && !before.hash().equals(prev)) {
                edited(seq - 1, before.at(), seq, at);
            }
            accept(seq, hash, at);
        } else if (previousLineHash != null && prev.equals(previousLineHash)
                && previousLineSeq == nextSeq - 1) {
            // In its place (it links to the line before it), so its seq member was changed.
            problem(Kind.EDITED, at, "the record says seq " + seq + " but follows seq "
                    + (nextSeq - 1) + ", whose hash it carries: its seq was edited (should be "
                    + nextSeq + ")");
            reportedEdited.add(nextSeq);
            accept(nextSeq, hash, at);
        } else if (seq > nextSeq) {
            Seen before = window.get(nextSeq - 1);
            gaps.put(nextSeq, new Gap(nextSeq, seq - 1, before == null ? null : before.at(), at));
            accept(seq, hash, at);
        } else {
            Map.Entry<Long, Gap> gap = gaps.floorEntry(seq);
            if (gap != null && gap.getValue().last() >= seq) {
                problem(Kind.REORDERED, at, "seq " + seq + " is out of order: it comes after seq "
                        + (nextSeq - 1) + (lastLocation == null ? "" : " (" + lastLocation + ")"));
                removeFromGap(gap.getValue(), seq);
                Seen before = window.get(seq - 1);
                if (before != null && !before.hash().equals(prev)) {
                    edited(seq - 1, before.at(), seq, at);
                }
                window.put(seq, new Seen(hash, at));
            } else {
                Seen earlier = window.get(seq);
                problem(Kind.DUPLICATE, at, "seq " + seq + " appears again" + (earlier == null
                        ? " after seq " + (nextSeq - 1) : " (first at " + earlier.at() + ")"));
            }
            previousLineHash = hash;
            previousLineSeq = seq;
        }
    }

    private void accept(long seq, String hash, Location at) {
        window.put(seq, new Seen(hash, at));
        nextSeq = seq + 1;
        lastHash = hash;
        lastLocation = at;
        previousLineHash = hash;
        previousLineSeq = seq;
    }

    private void edited(long seq, Location recordAt, long successor, Location successorAt) {
        if (reportedEdited.add(seq)) {
            problem(Kind.EDITED, recordAt, "seq " + seq + " was edited: its hash is not the prev"
                    + " that seq " + successor + " (" + successorAt + ") recorded (or that prev"
                    + " was edited)");
        }
    }

    private void removeFromGap(Gap gap, long seq) {
        gaps.remove(gap.first());
        if (gap.first() < seq) {
            gaps.put(gap.first(), new Gap(gap.first(), seq - 1, gap.after(), gap.before()));
        }
        if (seq < gap.last()) {
            gaps.put(seq + 1, new Gap(seq + 1, gap.last(), gap.after(), gap.before()));
        }
    }

    private void fragment(Fragment fragment) {
        pendingFragments.add(fragment);
        leading = false;
        previousLineHash = null;
    }

    private void problem(Kind kind, Location at, String message) {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS_KEPT) {
            problems.add(new Problem(kind, at, message));
        }
    }

    /** The outcome; call once, after the last file. */
    public AuditVerification result() {
        for (Gap gap : gaps.values()) {
            String what = gap.first() == gap.last() ? "seq " + gap.first() + " is missing"
                    : "seq " + gap.first() + " to " + gap.last() + " ("
                    + (gap.last() - gap.first() + 1) + " records) are missing";
            problem(Kind.MISSING, gap.before(), what + " (between " + (gap.after() == null
                    ? "an earlier record" : gap.after().toString()) + " and " + gap.before() + ")");
        }
        gaps.clear();
        trailingFragments.addAll(pendingFragments);
        for (Fragment f : pendingFragments) {
            notes.add(f.at().file() + " ends in an incomplete line of " + f.bytes()
                    + " bytes: the server stopped while writing it, or is writing it now");
        }
        pendingFragments.clear();
        if (checkStart && seenRecord && firstSeq > 1) {
            Retention r = retentionsByLastSeq.get(firstSeq - 1);
            if (r == null) {
                problem(Kind.MISSING, firstLocation, "seq 1 to " + (firstSeq - 1) + " are missing:"
                        + " the first record checked is seq " + firstSeq + ", and no retention"
                        + " record accounts for the ones before it");
            } else if (!r.lastHash().equals(firstPrev)) {
                problem(Kind.EDITED, firstLocation, "seq " + firstSeq + " does not carry the hash"
                        + " that the retention record of " + r.file() + " kept for seq "
                        + r.lastSeq() + ": one of them was edited");
            } else {
                notes.add("seq 1 to " + (firstSeq - 1) + " were deleted by retention (the last of"
                        + " them in " + r.file() + ")");
            }
        }
        return new AuditVerification(files, lines, records, seenRecord ? firstSeq : 0,
                seenRecord ? nextSeq - 1 : 0, firstTime, lastTime, lastHash, nextSeq, problems,
                problemCount, notes, trailingFragments);
    }

    private record Seen(String hash, Location at) {
    }

    /** Seq {@code first} to {@code last} not seen (yet); {@code after}/{@code before}: neighbours. */
    private record Gap(long first, long last, Location after, Location before) {
    }

    private static final class FileStats {
        long lines;
        long records;
        long firstSeq;
        long lastSeq;
        long fragmentBytes;

        void record(long seq) {
            if (records++ == 0) {
                firstSeq = seq;
            }
            lastSeq = seq;
        }
    }
}
