package io.ghostbay.storage;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Write-once blobs on the local file system under {@code <data dir>/blobs/xx/yy/<id>}.
 * Blob ids are random UUIDs: a user's key never becomes a file name, so keys such as
 * {@code ../../etc/passwd} cannot reach outside the store.
 *
 * <p>A body is received into {@code <data dir>/staging/<id>} while being counted and hashed,
 * fsynced, and only then {@link #promote promoted} by an atomic rename. The catalog commit that
 * makes it visible comes after the promotion, so no catalog row can point at a missing blob.
 */
@ApplicationScoped
public class BlobStore {
    private static final Logger LOG = Logger.getLogger(BlobStore.class.getName());
    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{32}");
    private static final int BUFFER_SIZE = 256 * 1024;
    /** Bodies of at least this size are staged with O_DIRECT when the data directory allows it. */
    static final long DIRECT_MIN_BYTES = 1024 * 1024;
    /** Ranges of at least this size whose start is not in the page cache are read with O_DIRECT. */
    static final long DIRECT_READ_MIN_BYTES = 8L * 1024 * 1024;

    @Inject
    GhostBayConfig config;

    private Path blobsDir;
    private Path stagingDir;
    private Path packsDir;
    private DirectIo directIo;
    private final RecentReads recentDirectReads = new RecentReads(256, TimeUnit.SECONDS.toNanos(60));
    /** Packs are 64 MiB at most: 64 idle open packs cover the last 4 GiB of small objects. */
    private final PackChannels packChannels = new PackChannels(64);

    @PostConstruct
    void init() {
        Path root = config.dataDir();
        blobsDir = root.resolve("blobs");
        stagingDir = root.resolve("staging");
        packsDir = root.resolve("packs");
        try {
            Files.createDirectories(blobsDir);
            Files.createDirectories(stagingDir);
            Files.createDirectories(packsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + root, e);
        }
        directIo = config.directIo() ? DirectIo.probe(stagingDir)
                : DirectIo.disabled("ghostbay.storage.direct-io is false");
        if (directIo.enabled()) {
            LOG.info("Large uploads are staged with O_DIRECT in " + stagingDir);
        } else {
            LOG.info("Uploads are staged through the page cache: " + directIo.disabledReason());
        }
    }

    @PreDestroy
    void closePacks() {
        packChannels.closeAll();
    }

    public Path root() {
        return config.dataDir();
    }

    /**
     * Streams {@code body} into a new staging file, hashing as it goes, then fsyncs it.
     * Fails with IncompleteBody when fewer than {@code expectedLength} bytes arrive and with
     * EntityTooLarge beyond {@code maxLength}; the staging file is removed on any failure.
     *
     * @param expectedLength the declared decoded length, or -1 when unknown
     */
    public StagedBlob stage(InputStream body, long expectedLength, long maxLength, Set<ChecksumAlgorithm> algorithms) {
        return stage(body, expectedLength, maxLength, algorithms, false);
    }

    /**
     * As {@link #stage}, for a whole object: an empty body gets no blob at all (a {@code null} blob id,
     * nothing to promote, fsync or collect). Empty objects are common (folder markers such as
     * {@code photos/}), and a file per empty object would cost two fsyncs for nothing. Multipart parts
     * always get a blob ({@link #stage}), since the catalog's part and segment rows require one.
     */
    public StagedBlob stageObject(InputStream body, long expectedLength, long maxLength, Set<ChecksumAlgorithm> algorithms) {
        return stage(body, expectedLength, maxLength, algorithms, true);
    }

    private StagedBlob stage(InputStream body, long expectedLength, long maxLength, Set<ChecksumAlgorithm> algorithms,
                             boolean emptyWithoutBlob) {
        if (expectedLength > maxLength) {
            // Refused before a byte of the body is read.
            throw S3Exception.of(S3ErrorCode.ENTITY_TOO_LARGE).with("ProposedSize", Long.toString(expectedLength))
                    .with("MaxSizeAllowed", Long.toString(maxLength));
        }
        String blobId = UUID.randomUUID().toString().replace("-", "");
        Path staging = stagingDir.resolve(blobId);
        MessageDigest md5 = newMd5();
        Map<ChecksumAlgorithm, ChecksumAlgorithm.Hasher> hashers = new EnumMap<>(ChecksumAlgorithm.class);
        for (ChecksumAlgorithm a : algorithms) {
            hashers.put(a, a.newHasher());
        }
        boolean ok = false;
        StagingFile out = null;
        try {
            // Small bodies get a small buffer: a 4 KiB PUT should not allocate 256 KiB.
            byte[] buf = new byte[expectedLength >= 0 ? (int) Math.max(8192, Math.min(BUFFER_SIZE, expectedLength + 1)) : BUFFER_SIZE];
            long total = 0;
            int n;
            while ((n = readFully(body, buf)) > 0) {
                total += n;
                if (total > maxLength || (expectedLength >= 0 && total > expectedLength)) {
                    throw total > maxLength ? S3Exception.of(S3ErrorCode.ENTITY_TOO_LARGE)
                            : S3Exception.of(S3ErrorCode.INVALID_REQUEST, "The request body is longer than its declared length.");
                }
                md5.update(buf, 0, n);
                for (ChecksumAlgorithm.Hasher h : hashers.values()) {
                    h.update(buf, 0, n);
                }
                if (out == null) {
                    // Direct when the body is known to be large, or of unknown length and filled the first buffer.
                    boolean large = expectedLength >= DIRECT_MIN_BYTES || (expectedLength < 0 && n == buf.length);
                    out = StagingFile.create(staging, directIo, large);
                }
                out.write(buf, 0, n);
            }
            if (expectedLength >= 0 && total != expectedLength) {
                throw S3Exception.of(S3ErrorCode.INCOMPLETE_BODY);
            }
            if (out == null && !emptyWithoutBlob) {
                out = StagingFile.create(staging, directIo, false);
            }
            if (out != null) {
                out.finish();
            }
            Map<ChecksumAlgorithm, String> values = new EnumMap<>(ChecksumAlgorithm.class);
            hashers.forEach((a, h) -> values.put(a, h.digestBase64()));
            ok = true;
            return new StagedBlob(out == null ? null : blobId, total, md5.digest(), values);
        } catch (IOException e) {
            // The client went away, the connection broke mid-body or the client stalled past the read timeout.
            throw S3Exception.bodyCutOff(e);
        } finally {
            closeQuietly(out);
            if (!ok) {
                deleteQuietly(staging);
            }
        }
    }

    private static void closeQuietly(StagingFile ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Cannot close a staging file", e);
            }
        }
    }

    private static int readFully(InputStream in, byte[] buf) throws IOException {
        int filled = 0;
        while (filled < buf.length) {
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    /** Moves a verified staging file to its blob location (atomic rename, then directory fsync). */
    public void promote(StagedBlob staged) {
        if (staged.blobId() == null) {
            return; // an empty object: nothing on disk
        }
        Path target = blobPath(staged.blobId());
        Path source = stagingDir.resolve(staged.blobId());
        try {
            try {
                moveAtomically(source, target);
            } catch (NoSuchFileException e) {
                // The first blob of its blobs/xx/yy directory. Created only now: Files.createDirectories on an existing
                // directory throws and catches two exceptions inside the JDK, which cost more than the rename itself.
                Files.createDirectories(target.getParent());
                moveAtomically(source, target);
            }
            fsyncDirectory(target.getParent());
        } catch (IOException e) {
            throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "Cannot store the object", e);
        }
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target);
        }
    }

    /** Removes a staged or promoted blob that never became visible. */
    public void discard(StagedBlob staged) {
        if (staged.blobId() == null) {
            return;
        }
        deleteQuietly(stagingDir.resolve(staged.blobId()));
        deleteQuietly(blobPath(staged.blobId()));
    }

    public FileChannel open(String blobId) throws IOException {
        return FileChannel.open(blobPath(blobId), StandardOpenOption.READ);
    }

    /** Opens the file holding {@code piece}: its own blob file, or its pack; a channel of the caller's own. */
    public FileChannel open(BlobRangeReader.Piece piece) throws IOException {
        return FileChannel.open(piece.packed() ? packPath(piece.blobId()) : blobPath(piece.blobId()), StandardOpenOption.READ);
    }

    /**
     * As {@link #open(BlobRangeReader.Piece)}, for positional reads only: a packed piece gets a lease on its
     * pack's shared channel ({@link PackChannels}), so that a GET of a small object opens no file.
     */
    FileChannel openForPositionalReads(BlobRangeReader.Piece piece) throws IOException {
        return piece.packed() ? packChannels.lease(piece.blobId(), packPath(piece.blobId())) : open(piece);
    }

    /**
     * Reads a small body into memory while counting and hashing it, for a PUT whose bytes go into a pack
     * ({@link PackFile}). The same checks as {@link #stage}: IncompleteBody when fewer than {@code length} bytes
     * arrive, an error when more do; nothing is written anywhere.
     */
    public BufferedBody buffer(InputStream body, int length, Set<ChecksumAlgorithm> algorithms) {
        MessageDigest md5 = newMd5();
        Map<ChecksumAlgorithm, ChecksumAlgorithm.Hasher> hashers = new EnumMap<>(ChecksumAlgorithm.class);
        for (ChecksumAlgorithm a : algorithms) {
            hashers.put(a, a.newHasher());
        }
        byte[] bytes = new byte[length];
        try {
            int filled = readFully(body, bytes);
            if (filled < length) {
                throw S3Exception.of(S3ErrorCode.INCOMPLETE_BODY);
            }
            if (body.read() >= 0) {
                throw S3Exception.of(S3ErrorCode.INVALID_REQUEST, "The request body is longer than its declared length.");
            }
        } catch (IOException e) {
            throw S3Exception.bodyCutOff(e);
        }
        md5.update(bytes);
        Map<ChecksumAlgorithm, String> values = new EnumMap<>(ChecksumAlgorithm.class);
        for (Map.Entry<ChecksumAlgorithm, ChecksumAlgorithm.Hasher> h : hashers.entrySet()) {
            h.getValue().update(bytes, 0, length);
            values.put(h.getKey(), h.getValue().digestBase64());
        }
        return new BufferedBody(bytes, new StagedBlob(null, length, md5.digest(), values));
    }

    /** A small body held in memory, with the digests {@link #buffer} computed ({@code digests.blobId()} is null). */
    public record BufferedBody(byte[] bytes, StagedBlob digests) {
    }

    /** Creates a new, empty pack file named {@code packId} and makes its directory entry durable. */
    public PackFile createPack(String packId) throws IOException {
        PackFile pack = PackFile.create(packId, packPath(packId), System.currentTimeMillis());
        fsyncDirectory(packsDir);
        return pack;
    }

    /** Deletes a pack file nothing points into any more; true when it is gone (or was never created). */
    public boolean deletePack(String packId) {
        try {
            Files.deleteIfExists(packPath(packId));
            // after the delete: a reader in between finds no file instead of caching a deleted pack's channel
            packChannels.forget(packId);
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete pack " + packId, e);
            return false;
        }
    }

    /** The pack file's size in bytes, or -1 when it does not exist. */
    public long packSize(String packId) {
        try {
            return Files.size(packPath(packId));
        } catch (IOException e) {
            return -1;
        }
    }

    public boolean packExists(String packId) {
        return Files.exists(packPath(packId));
    }

    Path packPath(String packId) {
        if (!BLOB_ID.matcher(packId).matches()) {
            throw new IllegalArgumentException("Not a pack id: " + packId);
        }
        return packsDir.resolve(packId);
    }

    /**
     * Whether bytes {@code from..to} (inclusive) of the open blob should be read with O_DIRECT: the range is
     * large, its start is not in the page cache (typically a blob written with O_DIRECT and not read since), and
     * the blob was not read directly a moment ago. Reading such a range through the page cache would cost what
     * the direct write saved (see {@link DirectIo}); a range already cached is read from the cache, at memory
     * speed, and so is a blob read again soon after (it is hot: reading it through the cache this time keeps it
     * there for the readers that follow).
     */
    boolean readDirectly(String blobId, FileChannel ch, long from, long to) {
        if (!directIo.enabled() || to - from + 1 < DIRECT_READ_MIN_BYTES
                || PageCache.looksResident(ch, from, to - from + 1)) {
            return false;
        }
        return recentDirectReads.firstReadIn(blobId, System.nanoTime());
    }

    /**
     * The blob opened for O_DIRECT reads that run while the caller writes the previous buffer out. The reads run
     * on the JDK's own thread pool for asynchronous file channels: a pread each, never application code.
     */
    AsynchronousFileChannel openDirectAsync(String blobId) throws IOException {
        return AsynchronousFileChannel.open(blobPath(blobId), Set.of(StandardOpenOption.READ, directIo.option()), null);
    }

    DirectIo directIo() {
        return directIo;
    }

    public boolean delete(String blobId) {
        try {
            return Files.deleteIfExists(blobPath(blobId));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete blob " + blobId, e);
            return false;
        }
    }

    public boolean exists(String blobId) {
        return Files.exists(blobPath(blobId));
    }

    Path blobPath(String blobId) {
        if (!BLOB_ID.matcher(blobId).matches()) {
            throw new IllegalArgumentException("Not a blob id: " + blobId);
        }
        return blobsDir.resolve(blobId.substring(0, 2)).resolve(blobId.substring(2, 4)).resolve(blobId);
    }

    /** Deletes staging files older than {@code olderThanMillis}: leftovers of crashed or cut-off uploads. */
    public int sweepStaging(long olderThanMillis) {
        int removed = 0;
        long cutoff = System.currentTimeMillis() - olderThanMillis;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(stagingDir)) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toMillis() < cutoff && deleteQuietly(f)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot sweep the staging directory", e);
        }
        return removed;
    }

    /**
     * Hands the ids of blob files last modified before {@code cutoffMillis} to {@code batch}, a few hundred
     * at a time (the orphan sweep). Files that are not blobs (foreign names) are left alone.
     */
    public void forEachOldBlob(long cutoffMillis, int batchSize, java.util.function.Consumer<List<String>> batch) {
        List<String> ids = new java.util.ArrayList<>(batchSize);
        try (java.util.stream.Stream<Path> files = Files.walk(blobsDir)) {
            java.util.Iterator<Path> it = files.iterator();
            while (it.hasNext()) {
                Path f = it.next();
                String name = f.getFileName().toString();
                if (!BLOB_ID.matcher(name).matches() || !Files.isRegularFile(f)
                        || Files.getLastModifiedTime(f).toMillis() >= cutoffMillis) {
                    continue;
                }
                ids.add(name);
                if (ids.size() == batchSize) {
                    batch.accept(List.copyOf(ids));
                    ids.clear();
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.log(Level.WARNING, "Cannot walk the blob directory", e);
        }
        if (!ids.isEmpty()) {
            batch.accept(List.copyOf(ids));
        }
    }

    /** Readiness probe: the data directory accepts a write and has at least {@code minFree} bytes free. */
    public String checkWritable(long minFree) {
        try {
            Path probe = stagingDir.resolve(".probe-" + UUID.randomUUID());
            Files.writeString(probe, "ok");
            Files.delete(probe);
            long free = Files.getFileStore(stagingDir).getUsableSpace();
            if (free < minFree) {
                return "only " + free + " bytes free, below the floor of " + minFree;
            }
            return null;
        } catch (IOException e) {
            return "not writable: " + e.getMessage();
        }
    }

    public long usableSpace() {
        try {
            return Files.getFileStore(stagingDir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems do not allow opening directories; the rename itself is still atomic.
            LOG.log(Level.FINE, "Directory fsync not supported for " + dir, e);
        }
    }

    private static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete " + p, e);
            return false;
        }
    }

    public static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
