package io.ghostbay.web.audit;

import io.ghostbay.client.audit.AuditChain;
import io.ghostbay.client.audit.AuditChainVerifier;
import io.ghostbay.client.audit.AuditFiles;
import io.ghostbay.client.audit.AuditVerification;
import io.ghostbay.config.AuditConfig.AuditRetention;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The audit files of one server: appends chained lines ({@link AuditChain}), rotates, applies
 * retention, and on (re)opening continues the chain from what is on disk. Only the audit writer
 * thread uses an instance; it is not thread-safe.
 *
 * <p>Files are only ever appended to, never rewritten. Opening reads the newest file(s) with the
 * same {@link AuditChainVerifier} the CLI uses, and continues at its next seq with its last hash:
 * <ul>
 *   <li>newest file intact, not full: append to it;
 *   <li>newest file ends in an incomplete line (the process died mid-write) or holds lines that are
 *       not records: leave it as it is, start the next file, and make its first record(s)
 *       {@code torn-tail} events naming each incomplete line's length and hash, so the verifier
 *       can tell a crash from an edit;
 * </ul>
 * After an I/O error the instance forgets its state ({@link #discardUnwritten()}) and reopens the
 * same way, so a failed partial write is handled like a crash.
 *
 * <p>Durability: lines reach the operating system when {@link #flush()} returns (the writer
 * thread flushes after every batch); a file is fsynced when it is rotated or closed, and before
 * retention deletes anything. A power failure can therefore lose the last records, but not
 * reorder them.
 */
final class AuditFileWriter implements Closeable {
    private static final Logger LOG = Logger.getLogger(AuditFileWriter.class.getName());
    static final String LOCK_FILE = "audit.lock";

    private final Path dir;
    private final long maxFileBytes;
    private final AuditRetention retention;
    private final Clock clock;
    private final Consumer<String> written;

    private FileChannel lockChannel;
    private FileLock lock;
    private FileChannel channel;
    private long fileNumber;
    private long size;
    private long nextSeq;
    private String prev;
    private boolean retentionDue = true;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
    /** The lines in {@link #buffer}, and where each ends in it. */
    private final List<String> bufferedLines = new ArrayList<>();
    private final List<Integer> bufferedEnds = new ArrayList<>();

    /**
     * @param written called with each line once it is in the file (for the syslog copy and the
     *                records counter)
     */
    AuditFileWriter(Path dir, long maxFileBytes, AuditRetention retention, Clock clock, Consumer<String> written) {
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
        this.retention = retention;
        this.clock = clock;
        this.written = written;
    }

    /** Appends one request record (buffered until {@link #flush()}); may flush and rotate first. */
    void append(Instant time, String fields) throws IOException {
        ensureOpen();
        add(AuditChain.recordLine(nextSeq, prev, time, fields));
    }

    private void add(String line) throws IOException {
        // encoded once: the same bytes are written and hashed
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        long pending = size + buffer.size();
        if (pending > 0 && pending + bytes.length + 1 > maxFileBytes) {
            flush();
            rotate();
        }
        buffer.write(bytes, 0, bytes.length);
        buffer.write('\n');
        bufferedLines.add(line);
        bufferedEnds.add(buffer.size());
        nextSeq++;
        prev = AuditChain.hash(bytes);
    }

    /** Writes the buffered lines to the file. */
    void flush() throws IOException {
        if (buffer.size() == 0) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer.toByteArray());
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } finally {
            int done = 0;
            while (done < bufferedEnds.size() && bufferedEnds.get(done) <= bytes.position()) {
                written.accept(bufferedLines.get(done));
                done++;
            }
            size += bytes.position();
            bufferedLines.subList(0, done).clear();
            bufferedEnds.subList(0, done).clear();
            if (!bytes.hasRemaining()) {
                buffer.reset();
            }
        }
    }

    private void rotate() throws IOException {
        channel.force(true);
        channel.close();
        channel = null;
        openNew(fileNumber + 1);
        retentionDue = true;
    }

    /** Whether a rotation happened since retention last ran (it also runs at start). */
    boolean retentionDue() {
        return retentionDue;
    }

    /**
     * Deletes the rotated files retention no longer keeps, oldest first and never leaving a hole:
     * for each, a {@code retention} record (its seq range and last hash) is written and fsynced
     * first, so the verifier can still check where the remaining chain starts.
     */
    void applyRetention() throws IOException {
        retentionDue = false;
        ensureOpen();
        if (retention.forever()) {
            return;
        }
        List<Path> rotated = new ArrayList<>();
        for (Path f : AuditFiles.list(dir)) {
            if (AuditFiles.number(f).getAsLong() < fileNumber) {
                rotated.add(f);
            }
        }
        List<Path> doomed = new ArrayList<>();
        if (retention.files() > 0) {
            doomed.addAll(rotated.subList(0, Math.max(0, rotated.size() - retention.files())));
        } else {
            Instant cutoff = clock.instant().minus(retention.maxAge());
            for (Path f : rotated) {
                if (!Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                    break;
                }
                doomed.add(f);
            }
        }
        for (Path f : doomed) {
            AuditChainVerifier verifier = new AuditChainVerifier(false);
            verifier.add(f);
            AuditVerification v = verifier.result();
            if (v.records() > 0) {
                add(AuditChain.eventLine(nextSeq, prev, clock.instant(), new AuditChain.Retention(
                        f.getFileName().toString(), v.firstSeq(), v.lastSeq(), v.lastHash())));
                flush();
                channel.force(false);
            }
            Files.delete(f);
            LOG.info("Audit log: retention (" + retention + ") deleted " + f.getFileName() + " (seq " + v.firstSeq()
                    + " to " + v.lastSeq() + ")");
        }
    }

    /**
     * After an I/O error: closes the file and forgets the chain state, so the next append reopens
     * and re-reads it from disk. Answers how many lines were buffered and not written: lost.
     */
    int discardUnwritten() {
        int lost = bufferedLines.size();
        bufferedLines.clear();
        bufferedEnds.clear();
        buffer.reset();
        closeQuietly();
        return lost;
    }

    /** The seq the next record gets (after opening). */
    long nextSeq() {
        return nextSeq;
    }

    /** The file being written, or null before opening. */
    Path currentFile() {
        return channel == null ? null : dir.resolve(AuditFiles.name(fileNumber));
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel != null) {
                flush();
                channel.force(true);
            }
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the audit file", e);
        }
        channel = null;
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "releasing the audit lock", e);
        }
        lock = null;
        lockChannel = null;
    }

    // ---- opening: continue the chain from the files ----

    private void ensureOpen() throws IOException {
        if (channel != null) {
            return;
        }
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        // only the audit directory itself is made private; a data directory created here keeps the defaults
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, dirAttributes());
        }
        lock();
        List<Path> files = AuditFiles.list(dir);
        if (files.isEmpty()) {
            nextSeq = 1;
            prev = AuditChain.GENESIS;
            openNew(1);
            LOG.info("Audit log: started " + currentFile());
            return;
        }
        // The state is at the end of the newest file that holds a record; newer files can only hold
        // incomplete lines (or nothing), which must be acknowledged.
        AuditVerification state = null;
        for (int from = files.size() - 1; from >= 0; from--) {
            AuditChainVerifier verifier = new AuditChainVerifier(false);
            for (Path f : files.subList(from, files.size())) {
                verifier.add(f);
            }
            state = verifier.result();
            if (state.records() > 0) {
                break;
            }
        }
        nextSeq = state.nextSeq();
        prev = state.lastHash();
        Path newest = files.get(files.size() - 1);
        if (!state.intact()) {
            LOG.severe("Audit log: the newest audit file(s) in " + dir + " fail verification; they are left as they"
                    + " are and a new file is started: " + state.problems().stream().limit(5)
                    .map(p -> p.at() + " " + p.kind() + ": " + p.message()).collect(Collectors.joining("; ")));
        }
        if (state.intact() && state.trailingFragments().isEmpty() && Files.size(newest) < maxFileBytes) {
            fileNumber = AuditFiles.number(newest).getAsLong();
            channel = FileChannel.open(newest, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            size = channel.size();
            LOG.info("Audit log: continuing " + newest + " at seq " + nextSeq);
            return;
        }
        openNew(AuditFiles.number(newest).getAsLong() + 1);
        for (AuditVerification.Fragment f : state.trailingFragments()) {
            LOG.warning("Audit log: " + f.at().file() + " ends in an incomplete line of " + f.bytes()
                    + " bytes (the server stopped while writing it); recorded as seq " + nextSeq + " in " + currentFile());
            add(AuditChain.eventLine(nextSeq, prev, clock.instant(),
                    new AuditChain.TornTail(f.at().file(), f.bytes(), f.sha256())));
        }
        LOG.info("Audit log: continuing in new file " + currentFile() + " at seq " + nextSeq);
    }

    /** One writer per directory: a second server pointed at it would interleave two chains. */
    private void lock() throws IOException {
        if (lock != null) {
            return;
        }
        FileChannel c = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = c.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            c.close();
            throw new IOException("the audit directory " + dir + " is in use by another server (" + LOCK_FILE
                    + " is locked); give each server its own ghostbay.audit.dir");
        }
        lockChannel = c;
        lock = l;
    }

    private void openNew(long number) throws IOException {
        Path file = dir.resolve(AuditFiles.name(number));
        List<OpenOption> options = List.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        channel = posix() ? FileChannel.open(file, Set.copyOf(options),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")))
                : FileChannel.open(file, Set.copyOf(options));
        fileNumber = number;
        size = 0;
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened or synced; the entry appears anyway
            LOG.log(Level.FINE, "fsync of " + dir, e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] dirAttributes() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-x---"))} : new FileAttribute<?>[0];
    }
}
