package io.ghostbay.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GhostBay benchmark: small-object PUT/GET, large streamed PUT/GET, ListObjectsV2 and many held
 * keep-alive connections against any S3 endpoint, with optional server CPU and memory accounting.
 * See README.md.
 */
public final class Benchmark {

    private static final int MAX_ERROR_SAMPLES = 10;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final int PAGE_SIZE = 1000;
    /** Interval of the progress lines of long setups (list keys); tests shorten it. */
    static volatile long progressIntervalMs = 10_000;

    private final Options opt;
    private final S3Session.Endpoint endpoint;
    private final CpuMeter cpu;
    private final String bucket;
    private final boolean ownBucket;
    private final String root;
    private final List<StepResult> steps = new ArrayList<>();
    private final List<Map<String, Object>> large = new ArrayList<>();
    private Map<String, Object> largeConcurrentResult;
    private Map<String, Object> listFixture;
    private Map<String, Object> connectionsResult;
    /** First message of each kind of error, with how often that kind occurred. */
    private final Map<String, ErrorKind> errorKinds = new LinkedHashMap<>();
    private final AtomicLong totalErrors = new AtomicLong();

    // What this run created, for cleanup.
    private final AtomicLong smallCounter = new AtomicLong();
    private boolean largeWritten;
    private boolean multipartWritten;
    /** Set when this run wrote list keys it must delete (not with --list-reuse). */
    private ListLayout listKeysWritten;
    private int concurrentKeysWritten;
    private int connsKeysWritten;

    private Benchmark(Options opt) {
        this.opt = opt;
        this.endpoint = new S3Session.Endpoint(opt.endpoint, opt.accessKey, opt.secretKey, opt.region, opt.client);
        this.cpu = new CpuMeter(opt.serverPid);
        String rnd = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL | 0x1_0000_0000L).substring(1);
        this.ownBucket = opt.bucket == null;
        this.bucket = ownBucket ? "bench-" + rnd : opt.bucket;
        this.root = "gbbench-" + rnd + "/";
    }

    public static void main(String[] args) {
        int rc = run(args);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /** Runs the benchmark; returns the exit code (0 ok, 1 errors seen, 2 usage / setup failure). */
    public static int run(String[] args) {
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            return 2;
        }
        if (opt.help) {
            System.out.println(Options.USAGE);
            return 0;
        }
        try {
            return new Benchmark(opt).execute();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private int execute() {
        Map<String, Object> machine = machine();
        System.out.printf(Locale.ROOT, "GhostBay benchmark -> %s  bucket %s%s  client %s%n",
                opt.endpoint, bucket, ownBucket ? " (created by this run)" : "", opt.client);
        System.out.printf(Locale.ROOT, "client machine: %s cores, %s, Java %s%s%n",
                machine.get("cores"), machine.get("os"), machine.get("java"),
                cpu.hasServer() ? ", server pid " + opt.serverPid + " (CLK_TCK " + cpu.ticksPerSecond() + ")" : "");
        if (opt.workloads.contains("connections")) {
            String why = connectionsPreflight();
            if (why != null) {
                System.err.println("error: " + why);
                return 2;
            }
        }
        String started = Instant.now().toString();
        Map<String, Object> cleanup = new LinkedHashMap<>();
        boolean setupOk = true;
        try (S3Session s = new S3Session(endpoint, bucket)) {
            if (ownBucket) {
                Response r = s.createBucket();
                if (!r.ok()) {
                    System.err.printf("error: create bucket %s: HTTP %d %s%n", bucket, r.status, trim(r.bodyText()));
                    return 2;
                }
            }
        } catch (IOException e) {
            System.err.println("error: cannot reach " + opt.endpoint + ": " + e);
            return 2;
        }
        try {
            for (String w : opt.workloads) {
                switch (w) {
                    case "small": small(); break;
                    case "large": large(); break;
                    case "large-concurrent": largeConcurrent(); break;
                    case "list": list(); break;
                    case "connections": connections(); break;
                    default: throw new IllegalStateException(w);
                }
            }
        } catch (RuntimeException e) {
            setupOk = false;
            System.err.println("benchmark aborted: " + e);
        } finally {
            cleanup = cleanup();
        }

        printTables();
        List<Map<String, Object>> errors = errorSummary();
        if (!errors.isEmpty()) {
            System.out.println();
            System.out.println("Errors (first of each kind, with counts):");
            for (Map<String, Object> e : errors) {
                System.out.printf(Locale.ROOT, "  %6d x %s%n", (Long) e.get("count"), e.get("first"));
            }
        }
        System.out.printf(Locale.ROOT, "%ncleanup: %s%n", cleanup);

        if (opt.json != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("tool", "ghostbay-benchmark");
            out.put("startedAt", started);
            out.put("finishedAt", Instant.now().toString());
            out.put("machine", machine);
            Map<String, Object> o = opt.toMap();
            o.put("bucket", bucket);
            o.put("bucketCreated", ownBucket);
            o.put("keyPrefix", root);
            out.put("options", o);
            List<Object> st = new ArrayList<>();
            for (StepResult r : steps) {
                st.add(r.toMap());
            }
            out.put("steps", st);
            out.put("large", large);
            if (largeConcurrentResult != null) {
                out.put("largeConcurrent", largeConcurrentResult);
            }
            if (listFixture != null) {
                out.put("listFixture", listFixture);
            }
            if (connectionsResult != null) {
                out.put("connections", connectionsResult);
            }
            out.put("totalErrors", totalErrors.get());
            out.put("errors", errors);
            out.put("cleanup", cleanup);
            try {
                Files.writeString(Path.of(opt.json), Json.write(out));
                System.out.println("JSON written to " + opt.json);
            } catch (IOException e) {
                System.err.println("error: cannot write " + opt.json + ": " + e);
                return 2;
            }
        }
        return setupOk && totalErrors.get() == 0 ? 0 : 1;
    }

    // ---------------------------------------------------------------- small

    private void small() {
        byte[] payload = new byte[(int) opt.objectSize];
        new SplittableRandom(42).nextBytes(payload);
        Body body = Body.of(payload);
        AtomicLong counter = smallCounter;
        for (int c : opt.concurrency) {
            progress("small PUT %s x %d threads", sizeText(opt.objectSize), c);
            steps.add(timed("small", "put", c, "op", (s, rec, t) -> {
                long i = counter.getAndIncrement() % opt.smallKeys;
                long t0 = System.nanoTime();
                Response r = s.put(smallKey(i), body);
                rec.done(t0, r, "PUT " + smallKey(i), opt.objectSize);
            }));
            long written = Math.min(counter.get(), opt.smallKeys);
            progress("small GET %s x %d threads", sizeText(opt.objectSize), c);
            steps.add(timed("small", "get", c, "op", (s, rec, t) -> {
                long i = ThreadLocalRandom.current().nextLong(written);
                long t0 = System.nanoTime();
                Response r = s.get(smallKey(i), false);
                if (r.ok() && r.bodyBytes != opt.objectSize) {
                    rec.error(t0, "GET " + smallKey(i) + ": got " + r.bodyBytes + " bytes, expected " + opt.objectSize);
                } else {
                    rec.done(t0, r, "GET " + smallKey(i), r.bodyBytes);
                }
            }));
        }
    }

    private String smallKey(long i) {
        return root + "small/obj-" + i;
    }

    // ---------------------------------------------------------------- large

    private String largeKey() {
        return root + "large/object";
    }

    private String multipartKey() {
        return root + "large/multipart";
    }

    private void large() {
        String key = largeKey();
        long size = opt.largeSize;
        try (S3Session s = new S3Session(endpoint, bucket)) {
            progress("large PUT %s (streamed)", sizeText(size));
            largeWritten = true;
            large.add(largeMeasure("put", 1, 1, () -> single("PUT", key, s.put(key, new GeneratedBody(size, 7)))));
            progress("large GET %s (body discarded)", sizeText(size));
            large.add(largeMeasure("get", 1, 1, () -> single("GET", key, s.get(key, false))));
        }

        String mkey = multipartKey();
        int parts = (int) ((size + opt.partSize - 1) / opt.partSize);
        int threads = Math.min(opt.partConcurrency, parts);
        progress("large multipart PUT %s: %d parts of %s, %d threads", sizeText(size), parts,
                sizeText(opt.partSize), threads);
        Map<String, Object> mp = largeMeasure("multipart-put", parts, threads,
                () -> multipartPut(mkey, parts, threads));
        large.add(mp);
        boolean mpOk = (Integer) mp.get("errors") == 0;
        if (mpOk) {
            // Outside the measured window: HEAD must report the full size.
            String err = null;
            try (S3Session s = new S3Session(endpoint, bucket)) {
                Response h = s.head(mkey);
                mp.put("headContentLength", h.contentLength);
                if (!h.ok()) {
                    err = "HEAD " + mkey + ": HTTP " + h.status;
                } else if (h.contentLength != size) {
                    err = "HEAD " + mkey + ": Content-Length " + h.contentLength + ", expected " + size;
                }
            } catch (IOException e) {
                err = "HEAD " + mkey + ": " + e;
            }
            if (err != null) {
                totalErrors.incrementAndGet();
                sample(err);
                mp.put("errors", 1);
                mp.put("mbPerSec", null);
                mp.put("mibPerSec", null);
                mpOk = false;
            }
        }
        // Ranged GET of the multipart object (of the single-PUT one if the multipart upload failed).
        String rkey = mpOk ? mkey : key;
        progress("large ranged GET %s of %s: %d ranges of %s, %d threads (bodies discarded)", sizeText(size),
                mpOk ? "the multipart object" : "the single-PUT object", parts, sizeText(opt.partSize), threads);
        Map<String, Object> rg = largeMeasure("ranged-get", parts, threads, () -> rangedGet(rkey, parts, threads));
        rg.put("object", mpOk ? "multipart" : "single");
        large.add(rg);
    }

    /** Outcome of one measured large operation: bytes moved and the errors seen. */
    static final class Outcome {
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong bytes = new AtomicLong();
        int status = -1;
        String etag;

        boolean failed() {
            return !errors.isEmpty();
        }
    }

    private interface Measured {
        Outcome run() throws IOException;
    }

    private Outcome single(String op, String key, Response r) {
        Outcome o = new Outcome();
        o.status = r.status;
        long bytes = op.equals("PUT") ? opt.largeSize : r.bodyBytes;
        o.bytes.set(bytes);
        o.etag = r.etag;
        if (!r.ok()) {
            o.errors.add(op + " " + key + ": HTTP " + r.status + " " + trim(r.bodyText()));
        } else if (bytes != opt.largeSize) {
            o.errors.add(op + " " + key + ": got " + bytes + " bytes, expected " + opt.largeSize);
        }
        return o;
    }

    /**
     * Measures wall time, server and client CPU around one large operation (one request, or a
     * parallel multipart upload / ranged download as a whole).
     */
    private Map<String, Object> largeMeasure(String op, int requests, int threads, Measured body) {
        long srv0 = cpu.serverCpuNanos();
        long cli0 = cpu.clientCpuNanos();
        long t0 = System.nanoTime();
        Outcome o;
        try {
            o = body.run();
        } catch (IOException | RuntimeException e) {
            o = new Outcome();
            o.errors.add(op + ": " + e);
        }
        long wall = System.nanoTime() - t0;
        long srv = cpu.hasServer() ? cpu.serverCpuNanos() - srv0 : -1;
        long cli = cpu.clientCpuNanos() - cli0;
        for (String e : o.errors) {
            totalErrors.incrementAndGet();
            sample(e);
        }
        boolean ok = !o.failed();
        double gib = opt.largeSize / (double) (1L << 30);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", "large");
        m.put("step", op);
        m.put("bytes", opt.largeSize);
        m.put("bytesTransferred", o.bytes.get());
        m.put("requests", requests);
        m.put("threads", threads);
        if (requests > 1) {
            m.put("partSize", opt.partSize);
        } else {
            m.put("status", o.status);
        }
        if (o.etag != null) {
            m.put("etag", o.etag);
        }
        m.put("errors", o.errors.size());
        m.put("seconds", wall / 1e9);
        m.put("mbPerSec", ok ? opt.largeSize / 1e6 / (wall / 1e9) : null);
        m.put("mibPerSec", ok ? opt.largeSize / (double) (1 << 20) / (wall / 1e9) : null);
        m.put("serverCpuSeconds", srv >= 0 ? srv / 1e9 : null);
        m.put("serverCpuSecondsPerGiB", srv >= 0 ? srv / 1e9 / gib : null);
        m.put("clientCpuSeconds", cli / 1e9);
        m.put("clientCpuSecondsPerGiB", cli / 1e9 / gib);
        return m;
    }

    /**
     * CreateMultipartUpload, {@code parts} UploadPart requests on {@code threads} threads (one
     * keep-alive connection each, bodies generated while sent), CompleteMultipartUpload. The upload
     * is aborted if any step fails. The returned ETag must end with "-parts".
     */
    private Outcome multipartPut(String key, int parts, int threads) throws IOException {
        Outcome o = new Outcome();
        try (S3Session s = new S3Session(endpoint, bucket)) {
            Response r = s.createMultipartUpload(key);
            String uploadId = r.ok() ? Multipart.parseUploadId(r.bodyText()) : null;
            if (!r.ok() || uploadId == null) {
                o.status = r.status;
                o.errors.add("CreateMultipartUpload " + key + ": HTTP " + r.status
                        + (r.ok() ? " without UploadId" : "") + " " + trim(r.bodyText()));
                return o;
            }
            multipartWritten = true;
            String[] etags = new String[parts];
            AtomicInteger next = new AtomicInteger();
            runThreads(threads, t -> {
                try (S3Session ps = new S3Session(endpoint, bucket)) {
                    int i;
                    while (!o.failed() && (i = next.getAndIncrement()) < parts) {
                        long len = Math.min(opt.partSize, opt.largeSize - i * opt.partSize);
                        String what = "UploadPart " + key + " part " + (i + 1);
                        try {
                            Response pr = ps.uploadPart(key, uploadId, i + 1, new GeneratedBody(len, 1000L + i));
                            if (!pr.ok()) {
                                o.errors.add(what + ": HTTP " + pr.status + " " + trim(pr.bodyText()));
                            } else if (pr.etag == null || pr.etag.isBlank()) {
                                o.errors.add(what + ": no ETag in the response");
                            } else {
                                etags[i] = pr.etag;
                                o.bytes.addAndGet(len);
                            }
                        } catch (IOException | RuntimeException e) {
                            o.errors.add(what + ": " + e);
                        }
                    }
                }
            });
            boolean completed = false;
            try {
                if (o.failed()) {
                    return o;
                }
                Response c = s.completeMultipartUpload(key, uploadId, Multipart.completeXml(Arrays.asList(etags)));
                o.status = c.status;
                String xml = c.bodyText();
                // S3 may answer 200 and still report an error in the body.
                if (!c.ok() || xml.contains("<Error>")) {
                    o.errors.add("CompleteMultipartUpload " + key + ": HTTP " + c.status + " " + trim(xml));
                    return o;
                }
                completed = true;
                String etag = Multipart.parseCompleteEtag(xml);
                o.etag = etag;
                if (!Multipart.hasPartsSuffix(etag, parts)) {
                    o.errors.add("CompleteMultipartUpload " + key + ": ETag " + etag + " lacks the -" + parts
                            + " suffix");
                }
            } finally {
                if (!completed) {
                    abort(s, key, uploadId);
                }
            }
        }
        return o;
    }

    private void abort(S3Session s, String key, String uploadId) {
        try {
            Response a = s.abortMultipartUpload(key, uploadId);
            if (!a.ok()) {
                sample("AbortMultipartUpload " + key + ": HTTP " + a.status + " " + trim(a.bodyText()));
            }
        } catch (IOException e) {
            sample("AbortMultipartUpload " + key + ": " + e);
        }
    }

    /** GETs the object in --part-size ranges on {@code threads} threads; each must be a 206 of the right size. */
    private Outcome rangedGet(String key, int ranges, int threads) {
        Outcome o = new Outcome();
        long size = opt.largeSize;
        AtomicInteger next = new AtomicInteger();
        runThreads(threads, t -> {
            try (S3Session s = new S3Session(endpoint, bucket)) {
                int i;
                while ((i = next.getAndIncrement()) < ranges) {
                    long first = i * opt.partSize;
                    long last = Math.min(first + opt.partSize, size) - 1;
                    long expected = last - first + 1;
                    String what = "GET " + key + " range bytes=" + first + "-" + last;
                    try {
                        Response r = s.getRange(key, first, last);
                        String wantRange = "bytes " + first + "-" + last + "/" + size;
                        if (r.status != 206) {
                            o.errors.add(what + ": HTTP " + r.status + " (expected 206) " + trim(r.bodyText()));
                        } else if (r.contentLength != expected) {
                            o.errors.add(what + ": Content-Length " + r.contentLength + ", expected " + expected);
                        } else if (r.bodyBytes != expected) {
                            o.errors.add(what + ": got " + r.bodyBytes + " bytes, expected " + expected);
                        } else if (r.contentRange != null && !r.contentRange.equals(wantRange)) {
                            o.errors.add(what + ": Content-Range " + r.contentRange + ", expected " + wantRange);
                        } else {
                            o.bytes.addAndGet(expected);
                        }
                    } catch (IOException | RuntimeException e) {
                        o.errors.add(what + ": " + e);
                    }
                }
            }
        });
        return o;
    }

    // ---------------------------------------------------------------- large-concurrent

    private String concurrentKey(int i) {
        return root + "large-concurrent/obj-" + i;
    }

    /** Time between starting the stream threads and releasing them, plus 2 ms per thread. */
    private static final long RELEASE_DELAY_MS = 50;

    /** One stream of a concurrent step: returns null on success, else what went wrong. */
    @FunctionalInterface
    private interface StreamOp {
        String run(int stream, S3Session s) throws IOException;
    }

    /**
     * Issue #5's "64 concurrent 1 GiB transfers": --large-concurrent-streams threads each PUT an object
     * of --large-size at the same moment (generated while sent, one connection each), then as many
     * threads GET one of those objects at the same moment (bodies counted and discarded), while the
     * server's VmRSS is sampled. The objects are deleted right after: together they take N x size of
     * the server's disk.
     */
    private void largeConcurrent() {
        int n = opt.largeConcurrentStreams;
        long size = opt.largeSize;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("streams", n);
        m.put("objectSize", size);
        List<Map<String, Object>> stepMaps = new ArrayList<>();
        m.put("steps", stepMaps);
        largeConcurrentResult = m;
        boolean[] stored = new boolean[n];
        concurrentKeysWritten = n; // until deleted below: an aborted run deletes them in the final cleanup
        try {
            progress("large-concurrent PUT %d objects of %s at once, one connection each (streamed; %s in all"
                    + " on the server's disk)", n, sizeText(size), sizeText(n * size));
            stepMaps.add(concurrentMeasure("put", n, (i, s) -> {
                String key = concurrentKey(i);
                Response r = s.put(key, new GeneratedBody(size, 3000L + i));
                if (!r.ok()) {
                    return "PUT " + key + ": HTTP " + r.status + " " + trim(r.bodyText());
                }
                stored[i] = true;
                return null;
            }));
            int src = 0;
            while (src < n && !stored[src]) {
                src++;
            }
            if (src == n) {
                progress("large-concurrent GET skipped: no object was stored");
                return;
            }
            String key = concurrentKey(src);
            progress("large-concurrent GET %s x %d streams at once, all of %s, one connection each (bodies"
                    + " discarded)", sizeText(size), n, key);
            Map<String, Object> get = concurrentMeasure("get", n, (i, s) -> {
                Response r = s.get(key, false);
                if (!r.ok()) {
                    return "GET " + key + ": HTTP " + r.status + " " + trim(r.bodyText());
                }
                if (r.bodyBytes != size) {
                    return "GET " + key + ": got " + r.bodyBytes + " bytes, expected " + size;
                }
                return null;
            });
            get.put("object", key);
            stepMaps.add(get);
        } finally {
            long t0 = System.nanoTime();
            long failed = deleteKeys("large-concurrent", List.of(new KeyRange(n, i -> concurrentKey((int) i))));
            concurrentKeysWritten = 0;
            m.put("keysDeleted", n - failed);
            m.put("deleteFailures", failed);
            m.put("deleteSeconds", (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Runs one request per stream on n threads, each with its own connection, all released at one
     * instant (RELEASE_DELAY_MS + 2 ms per thread after they are started). Measures the wall time from
     * the release to the end of the last stream; server and client CPU from before the threads are
     * started (the idle release delay included) to the end; and the server's VmRSS: before, sampled
     * every PeakMemory.INTERVAL_MS during the step, and after.
     */
    private Map<String, Object> concurrentMeasure(String step, int n, StreamOp op) {
        long size = opt.largeSize;
        long[] streamNanos = new long[n];
        long[] startDelayNanos = new long[n];
        boolean[] ok = new boolean[n];
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>(n);
        ProcStatus before = ProcStatus.read(opt.serverPid);
        long wall;
        long srv;
        long cli;
        ProcStatus after;
        long sampledPeak;
        long clientHeapPeak;
        int samples;
        try (PeakMemory mem = new PeakMemory(opt.serverPid)) {
            long srv0 = cpu.serverCpuNanos();
            long cli0 = cpu.clientCpuNanos();
            // Every thread sleeps until the same instant and the kernel's timers wake them all. Woken by
            // another thread instead (a CountDownLatch, or one unpark per thread), the first streams took
            // the 2 cores from the thread waking the others: 64 GETs of 2 MiB started over 0.4 to 0.7 s
            // against s3proxy; released by the timers, over 0.07 to 0.2 s (lastStreamStartSeconds).
            long releaseAt = System.nanoTime() + (RELEASE_DELAY_MS + 2L * n) * 1_000_000L;
            for (int i = 0; i < n; i++) {
                int stream = i;
                Thread th = new Thread(() -> {
                    try (S3Session s = new S3Session(endpoint, bucket)) {
                        for (long wait; (wait = releaseAt - System.nanoTime()) > 0; ) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        long t0 = System.nanoTime();
                        startDelayNanos[stream] = t0 - releaseAt;
                        String err;
                        try {
                            err = op.run(stream, s);
                        } catch (IOException | RuntimeException e) {
                            err = step + " stream " + stream + ": " + e;
                        }
                        streamNanos[stream] = System.nanoTime() - t0;
                        if (err == null) {
                            ok[stream] = true;
                        } else {
                            errors.add(err);
                        }
                    }
                }, "stream-" + i);
                th.setDaemon(true);
                threads.add(th);
                th.start();
            }
            threads.forEach(Benchmark::join);
            wall = System.nanoTime() - releaseAt;
            srv = cpu.hasServer() ? cpu.serverCpuNanos() - srv0 : -1;
            cli = cpu.clientCpuNanos() - cli0;
            mem.close();
            after = ProcStatus.read(opt.serverPid);
            sampledPeak = mem.peakServerRssKiB();
            clientHeapPeak = mem.peakClientHeapBytes();
            samples = mem.samples();
        }
        for (String e : errors) {
            totalErrors.incrementAndGet();
            sample(e);
        }
        int okStreams = 0;
        List<Long> okNanos = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (ok[i]) {
                okStreams++;
                okNanos.add(streamNanos[i]);
            }
        }
        Collections.sort(okNanos);
        long lastStart = 0;
        for (long d : startDelayNanos) {
            lastStart = Math.max(lastStart, d);
        }
        long bytes = okStreams * size;
        double gib = bytes / (double) (1L << 30);
        double secs = wall / 1e9;
        long peak = cpu.hasServer() ? PeakMemory.stepPeakKiB(sampledPeak, before, after) : -1;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", "large-concurrent");
        m.put("step", step);
        m.put("streams", n);
        m.put("objectSize", size);
        m.put("bytes", (long) n * size);
        m.put("bytesTransferred", bytes);
        m.put("streamsOk", okStreams);
        m.put("errors", errors.size());
        m.put("seconds", secs);
        m.put("mbPerSec", bytes > 0 ? bytes / 1e6 / secs : null);
        m.put("mibPerSec", bytes > 0 ? bytes / (double) (1 << 20) / secs : null);
        m.put("fastestStreamSeconds", okNanos.isEmpty() ? null : okNanos.get(0) / 1e9);
        m.put("medianStreamSeconds", okNanos.isEmpty() ? null : okNanos.get(okNanos.size() / 2) / 1e9);
        m.put("slowestStreamSeconds", okNanos.isEmpty() ? null : okNanos.get(okNanos.size() - 1) / 1e9);
        // How long the last thread took to start its stream after the release: when this is not small
        // next to the streams' times (tiny objects, busy cores), the streams did not all overlap.
        m.put("lastStreamStartSeconds", lastStart / 1e9);
        m.put("serverCpuSeconds", srv >= 0 ? srv / 1e9 : null);
        m.put("serverCpuSecondsPerGiB", srv >= 0 && bytes > 0 ? srv / 1e9 / gib : null);
        m.put("clientCpuSeconds", cli / 1e9);
        m.put("clientCpuSecondsPerGiB", bytes > 0 ? cli / 1e9 / gib : null);
        Map<String, Object> mem = new LinkedHashMap<>();
        mem.put("before", before == null ? null : before.toMap());
        mem.put("after", after == null ? null : after.toMap());
        mem.put("sampledPeakRssKiB", sampledPeak >= 0 ? sampledPeak : null);
        mem.put("samples", samples);
        mem.put("sampleIntervalMs", PeakMemory.INTERVAL_MS);
        mem.put("peakRssKiB", peak >= 0 ? peak : null);
        mem.put("peakRssMiB", peak >= 0 ? ProcStatus.mib(peak) : null);
        m.put("serverMemory", cpu.hasServer() ? mem : null);
        m.put("serverRssMiB", cpu.hasServer() ? fmt(before == null ? null : ProcStatus.mib(before.rssKiB), 1) + " / "
                + fmt(peak >= 0 ? ProcStatus.mib(peak) : null, 1) + " / "
                + fmt(after == null ? null : ProcStatus.mib(after.rssKiB), 1) : null);
        m.put("clientHeapPeakMiB", clientHeapPeak >= 0 ? clientHeapPeak / (double) (1 << 20) : null);
        System.out.printf(Locale.ROOT, "    %d of %d streams ok in %.2f s = %s MB/s in all, %d errors; streams"
                        + " started within %.2f s and took %s to %s s%s%n", okStreams, n, secs,
                fmt(m.get("mbPerSec"), 1), errors.size(), lastStart / 1e9,
                fmt(m.get("fastestStreamSeconds"), 2), fmt(m.get("slowestStreamSeconds"), 2),
                m.get("serverRssMiB") == null ? "" : "; server RSS MiB before / peak / after " + m.get("serverRssMiB"));
        return m;
    }

    // ---------------------------------------------------------------- list

    /**
     * Creates (or, with --list-reuse, finds or finishes) the list keys, then runs the three walks at each
     * --list-concurrency.
     */
    private void list() {
        int n = opt.listKeys;
        ListLayout layout = new ListLayout(opt.listReuse ? ListLayout.fixturePrefix(n) : root + "list/", n);
        int setupThreads = Math.min(64, Collections.max(opt.concurrency));
        Map<String, Object> fx = new LinkedHashMap<>();
        fx.put("prefix", layout.prefix);
        fx.put("keys", n);
        fx.put("directories", layout.dirs);
        fx.put("firstKey", layout.key(0));
        fx.put("lastKey", layout.key(n - 1));
        fx.put("reuse", opt.listReuse);
        listFixture = fx;
        if (opt.listReuse) {
            listFixture(layout, setupThreads, fx);
        } else {
            progress("list setup: PUT %d keys in %d dirs with %d threads", n, layout.dirs, setupThreads);
            listKeysWritten = layout; // before the PUTs: an aborted run still deletes what it wrote
            steps.add(createListKeys(layout, null, setupThreads));
            fx.put("keysCreated", n);
        }

        String listRoot = layout.prefix;
        int dirs = layout.delimiterEntries();
        String narrow = layout.narrowPrefix();
        int expectNarrow = layout.narrowCount();
        for (int c : opt.listConcurrency) {
            progress("list full walk of %d keys (%s of %d) x %d threads", n, pagesText(ListLayout.pages(n, PAGE_SIZE)),
                    PAGE_SIZE, c);
            steps.add(timed("list", "full-walk", c, "page",
                    (s, rec, t) -> walk(s, rec, listRoot, null, n, "full walk")));
            progress("list prefix+delimiter walk (%d dirs: %s of up to %d CommonPrefixes) x %d threads", dirs,
                    pagesText(ListLayout.pages(dirs, PAGE_SIZE)), PAGE_SIZE, c);
            steps.add(timed("list", "delimiter-walk", c, "page",
                    (s, rec, t) -> walk(s, rec, listRoot, "/", dirs, "delimiter walk")));
            progress("list narrow prefix %s (%d keys) x %d threads", narrow, expectNarrow, c);
            steps.add(timed("list", "narrow-prefix", c, "page",
                    (s, rec, t) -> walk(s, rec, narrow, null, expectNarrow, "narrow prefix")));
        }
    }

    /**
     * --list-reuse: one ListObjectsV2 for the fixture's marker. Found: the keys are used as they are.
     * Not found (first run, or an earlier one was interrupted or had failed PUTs): the fixture prefix
     * is listed, the keys that are missing are PUT, and the marker is written when all PUTs succeeded.
     * The keys are never deleted by the benchmark.
     */
    private void listFixture(ListLayout layout, int setupThreads, Map<String, Object> fx) {
        int n = layout.keys;
        String marker = ListLayout.markerKey(n);
        fx.put("marker", marker);
        boolean complete;
        try (S3Session s = new S3Session(endpoint, bucket)) {
            Response r = s.listV2(marker, null, null, 1);
            if (!r.ok()) {
                throw new IllegalStateException("list fixture: ListObjectsV2 prefix=" + marker + ": HTTP " + r.status
                        + " " + trim(r.bodyText()));
            }
            complete = markerListed(r.bodyText(), marker);
        } catch (IOException e) {
            throw new IllegalStateException("list fixture: ListObjectsV2 prefix=" + marker + ": " + e);
        }
        fx.put("markerFound", complete);
        if (complete) {
            progress("list fixture: reusing %d keys in %d dirs under %s (marker %s found; nothing created,"
                    + " nothing deleted)", n, layout.dirs, layout.prefix, marker);
            fx.put("keysCreated", 0);
            return;
        }
        progress("list fixture: no marker %s yet: listing %s for keys an earlier run left", marker, layout.prefix);
        long t0 = System.nanoTime();
        ExistingKeys existing = existingKeys(layout);
        double scanSeconds = (System.nanoTime() - t0) / 1e9;
        int found = existing.present.cardinality();
        int[] missing = new int[n - found];
        for (int i = existing.present.nextClearBit(0), j = 0; i < n; i = existing.present.nextClearBit(i + 1)) {
            missing[j++] = i;
        }
        fx.put("keysFound", found);
        fx.put("otherKeysUnderPrefix", existing.others);
        fx.put("scanPages", existing.pages);
        fx.put("scanSeconds", scanSeconds);
        fx.put("keysCreated", missing.length);
        progress("list setup: %d of %d keys already there (%s listed in %.1f s); PUT the %d missing keys with %d"
                + " threads, kept for later runs", found, n, pagesText(existing.pages), scanSeconds, missing.length,
                Math.max(1, Math.min(setupThreads, missing.length)));
        if (existing.others > 0) {
            progress("  warning: %d other keys under %s: the full walk's count check will fail", existing.others,
                    layout.prefix);
        }
        long errors = 0;
        if (missing.length > 0) {
            StepResult setup = createListKeys(layout, missing, setupThreads);
            steps.add(setup);
            errors = setup.errors;
        }
        if (errors > 0) {
            progress("list fixture: %d PUTs failed, marker not written; the next run with --list-reuse PUTs the"
                    + " keys still missing", errors);
            fx.put("markerWritten", false);
            return;
        }
        String what = "PUT " + marker;
        try (S3Session s = new S3Session(endpoint, bucket)) {
            Response r = s.put(marker, Body.of(layout.markerText().getBytes(StandardCharsets.UTF_8)));
            if (!r.ok()) {
                throw new IOException("HTTP " + r.status + " " + trim(r.bodyText()));
            }
            fx.put("markerWritten", true);
        } catch (IOException e) {
            totalErrors.incrementAndGet();
            sample(what + ": " + e.getMessage());
            fx.put("markerWritten", false);
        }
    }

    private static String pagesText(int pages) {
        return pages + (pages == 1 ? " page" : " pages");
    }

    /** Keys of a layout found by listing its prefix, plus how many other keys are there. */
    static final class ExistingKeys {
        final java.util.BitSet present;
        int others;
        int pages;

        ExistingKeys(int keys) {
            this.present = new java.util.BitSet(keys);
        }

        /** Records the keys of one ListObjectsV2 page. */
        void add(ListLayout layout, String xml) {
            for (String k : keys(xml)) {
                int i = layout.index(k);
                if (i >= 0) {
                    present.set(i);
                } else {
                    others++;
                }
            }
            pages++;
        }
    }

    /** Lists the layout's prefix (no delimiter) and notes which of its keys exist. */
    private ExistingKeys existingKeys(ListLayout layout) {
        ExistingKeys found = new ExistingKeys(layout.keys);
        long nextReport = System.nanoTime() + progressIntervalMs * 1_000_000;
        try (S3Session s = new S3Session(endpoint, bucket)) {
            String token = null;
            do {
                Response r = s.listV2(layout.prefix, null, token, PAGE_SIZE);
                if (!r.ok()) {
                    throw new IllegalStateException("list fixture: listing " + layout.prefix + ": HTTP " + r.status
                            + " " + trim(r.bodyText()));
                }
                String xml = r.bodyText();
                found.add(layout, xml);
                token = xml.contains("<IsTruncated>true</IsTruncated>")
                        ? between(xml, "<NextContinuationToken>", "</NextContinuationToken>") : null;
                if (System.nanoTime() >= nextReport) {
                    progress("  %d pages listed, %d keys found", found.pages, found.present.cardinality());
                    nextReport += progressIntervalMs * 1_000_000;
                }
            } while (token != null);
        } catch (IOException e) {
            throw new IllegalStateException("list fixture: listing " + layout.prefix + ": " + e);
        }
        return found;
    }

    /** Whether a ListObjectsV2 answer lists the marker key. */
    static boolean markerListed(String xml, String marker) {
        return keys(xml).contains(marker);
    }

    /** The {@code <Key>} values of a ListObjectsV2 answer, unescaped. */
    static List<String> keys(String xml) {
        List<String> out = new ArrayList<>();
        for (int a = xml.indexOf("<Key>"); a >= 0; a = xml.indexOf("<Key>", a + 5)) {
            int b = xml.indexOf("</Key>", a);
            if (b < 0) {
                break;
            }
            out.add(xmlUnescape(xml.substring(a + 5, b)));
        }
        return out;
    }

    /**
     * PUTs empty objects for the layout's keys (all of them, or the indexes in {@code only}) on
     * {@code threads} threads, one keep-alive connection each; a progress line every
     * progressIntervalMs with the rate since the previous one.
     */
    private StepResult createListKeys(ListLayout layout, int[] only, int threads) {
        int total = only == null ? layout.keys : only.length;
        threads = Math.max(1, Math.min(threads, total));
        // Empty objects: a listing only reads the catalog, and an empty body is the cheapest write on any server.
        Body tiny = Body.of(new byte[0]);
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicBoolean finished = new AtomicBoolean();
        Thread reporter = new Thread(() -> {
            long last = 0;
            long lastAt = System.nanoTime();
            while (!finished.get()) {
                long wake = lastAt + progressIntervalMs * 1_000_000;
                while (!finished.get() && System.nanoTime() < wake) {
                    sleep(Math.min(200, Math.max(1, (wake - System.nanoTime()) / 1_000_000)));
                }
                if (finished.get()) {
                    break;
                }
                long now = System.nanoTime();
                long d = done.get();
                double rate = (d - last) / ((now - lastAt) / 1e9);
                System.out.printf(Locale.ROOT, "    %d of %d keys PUT, %.0f keys/s over the last %.0f s%s%n", d, total,
                        rate, (now - lastAt) / 1e9, rate > 0 ? String.format(Locale.ROOT, ", about %.0f s to go",
                                (total - d) / rate) : "");
                last = d;
                lastAt = now;
            }
        }, "list-setup-progress");
        reporter.setDaemon(true);
        reporter.start();
        try {
            return batch("list", "setup-put", threads, total, (s, rec, t) -> {
                int j = next.getAndIncrement();
                if (j >= total) {
                    return false;
                }
                String key = layout.key(only == null ? j : only[j]);
                long t0 = System.nanoTime();
                try {
                    Response r = s.put(key, tiny);
                    rec.done(t0, r, "PUT " + key, 0);
                } finally {
                    done.incrementAndGet();
                }
                return true;
            });
        } finally {
            finished.set(true);
            join(reporter);
        }
    }

    /** One paginated ListObjectsV2 walk; each page is one recorded operation. */
    private static void walk(S3Session s, Recorder rec, String prefix, String delimiter, int expected,
                             String what) throws IOException {
        String token = null;
        int entries = 0;
        int pages = 0;
        do {
            if (rec.stopped()) {
                return; // the step is over: a walk cut short is not counted
            }
            long t0 = System.nanoTime();
            Response r = s.listV2(prefix, delimiter, token, PAGE_SIZE);
            if (!r.ok()) {
                rec.done(t0, r, "LIST " + prefix, 0);
                return;
            }
            String xml = r.bodyText();
            rec.done(t0, r, "LIST " + prefix, r.bodyBytes);
            entries += count(xml, "<Contents>") + count(xml, "<CommonPrefixes>");
            pages++;
            token = xml.contains("<IsTruncated>true</IsTruncated>") ? between(xml, "<NextContinuationToken>",
                    "</NextContinuationToken>") : null;
            if (pages > 1_000_000) {
                rec.error(t0, what + ": runaway pagination");
                return;
            }
        } while (token != null);
        if (entries != expected) {
            rec.error(System.nanoTime(), what + " of " + prefix + ": saw " + entries + " entries, expected " + expected);
        }
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    static String between(String s, String open, String close) {
        int a = s.indexOf(open);
        if (a < 0) {
            return null;
        }
        int b = s.indexOf(close, a);
        if (b < 0) {
            return null;
        }
        return xmlUnescape(s.substring(a + open.length(), b));
    }

    static String xmlUnescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi < 0) {
                sb.append(c);
                continue;
            }
            String ent = s.substring(i + 1, semi);
            switch (ent) {
                case "amp": sb.append('&'); break;
                case "lt": sb.append('<'); break;
                case "gt": sb.append('>'); break;
                case "quot": sb.append('"'); break;
                case "apos": sb.append('\''); break;
                default:
                    if (ent.startsWith("#x")) {
                        sb.appendCodePoint(Integer.parseInt(ent.substring(2), 16));
                    } else if (ent.startsWith("#")) {
                        sb.appendCodePoint(Integer.parseInt(ent.substring(1)));
                    } else {
                        sb.append('&').append(ent).append(';');
                    }
            }
            i = semi;
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- connections

    /** Objects read by the connections workload's GET load; the held connections HEAD the first. */
    private static final int CONN_KEYS = 100;
    /** Held connections opened per second, at most (in batches of HeldConnections.BATCH). */
    static final int CONNECT_RATE = 2000;
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final long ANSWER_TIMEOUT_MS = 30_000;
    /** Halfway through the load, every this-many-th held connection sends one request. */
    static final int SAMPLE_EVERY = 100;
    /** File descriptors kept spare beyond the held and load connections (JVM jars, selectors...). */
    static final int FD_HEADROOM = 100;
    /** Opening stops after this many batches in a row in which nothing connected, or nothing answered. */
    private static final int GIVE_UP_AFTER_EMPTY_BATCHES = 3;

    private static final java.lang.management.OperatingSystemMXBean OS =
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private String connsKey(int i) {
        return root + "conns/obj-" + i;
    }

    /** Null when the connections workload can run here, else why not. */
    private String connectionsPreflight() {
        if (!endpoint.scheme.equals("http")) {
            return "the connections workload holds plain sockets: it needs an http:// endpoint";
        }
        return HeldConnections.fdShortfall(clientOpenFds(), clientMaxFds(), opt.connections,
                opt.connectionsLoadConcurrency, FD_HEADROOM);
    }

    /**
     * Opens --connections keep-alive connections and makes one HEAD on each, holds them idle while a
     * small-object GET load runs on --connections-load-concurrency other connections, watching them
     * (a non-blocking read on each every second, one HEAD on a sample halfway), then sends one more
     * HEAD on each. Server memory is read before, with the connections open, and after the load.
     */
    private void connections() {
        int n = opt.connections;
        int loadThreads = opt.connectionsLoadConcurrency;
        byte[] payload = new byte[(int) opt.objectSize];
        new SplittableRandom(43).nextBytes(payload);
        Body body = Body.of(payload);
        int setupThreads = Math.min(loadThreads, CONN_KEYS);
        progress("conns setup: PUT %d objects of %s with %d threads", CONN_KEYS, sizeText(opt.objectSize),
                setupThreads);
        AtomicInteger next = new AtomicInteger();
        connsKeysWritten = CONN_KEYS;
        StepResult setup = batch("conns", "setup-put", setupThreads, CONN_KEYS, (s, rec, t) -> {
            int i = next.getAndIncrement();
            if (i >= CONN_KEYS) {
                return false;
            }
            long t0 = System.nanoTime();
            Response r = s.put(connsKey(i), body);
            rec.done(t0, r, "PUT " + connsKey(i), opt.objectSize);
            return true;
        });
        steps.add(setup);

        AtomicLong heldErrors = new AtomicLong();
        HeldConnections.Errors sink = message -> {
            heldErrors.incrementAndGet();
            totalErrors.incrementAndGet();
            sample(message);
        };
        String key = connsKey(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", "conns");
        m.put("step", "hold");
        m.put("connections", n);
        m.put("loadConcurrency", loadThreads);
        m.put("batchSize", HeldConnections.BATCH);
        m.put("maxConnectsPerSec", CONNECT_RATE);
        m.put("headKey", key);
        connectionsResult = m; // filled in as the workload goes, so an aborted run still reports
        ProcStatus memBefore = ProcStatus.read(opt.serverPid);
        long fdsBefore = clientOpenFds();
        long heapBefore = clientHeapUsedAfterGc();

        try (HeldConnections held = new HeldConnections(endpoint.host, endpoint.port, n,
                opt.connectionsIdleTimeoutMs);
             S3Session signer = new S3Session(endpoint, bucket)) {
            // 1. Open, one HEAD on each: a batch is opened only once the previous one was answered, and
            //    no faster than CONNECT_RATE, so the server's accept queue never holds more than a batch.
            progress("conns open %d keep-alive connections (batches of %d, at most %d/s), one HEAD on each",
                    n, HeldConnections.BATCH, CONNECT_RATE);
            HeldConnections.Tally first = new HeldConnections.Tally();
            long srv0 = cpu.serverCpuNanos();
            long cli0 = cpu.clientCpuNanos();
            long t0 = System.nanoTime();
            int attempted = 0;
            int emptyBatches = 0;
            for (int b = 0, batches = HeldConnections.batches(n, HeldConnections.BATCH); b < batches; b++) {
                sleepUntil(t0 + HeldConnections.batchStartNanos(b, HeldConnections.BATCH, CONNECT_RATE));
                int from = b * HeldConnections.BATCH;
                int to = Math.min(n, from + HeldConnections.BATCH);
                attempted = to;
                int connected = held.connect(from, to, CONNECT_TIMEOUT_MS, sink);
                HeldConnections.Tally t = held.request(from, to, 1, () -> signer.headRequestBytes(key),
                        ANSWER_TIMEOUT_MS, "first HEAD", sink);
                first.add(t);
                held.pollIfDue("while opening", sink);
                emptyBatches = connected == 0 || t.answered == 0 ? emptyBatches + 1 : 0;
                if (emptyBatches >= GIVE_UP_AFTER_EMPTY_BATCHES) {
                    progress("  giving up after %d batches in a row without a connection or an answer"
                            + " (%d of %d tried)", emptyBatches, to, n);
                    break;
                }
            }
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            long srvOpen = cpu.hasServer() ? cpu.serverCpuNanos() - srv0 : -1;
            long cliOpen = cpu.clientCpuNanos() - cli0;
            int opened = attempted - held.connectFailures;
            int heldOpen = held.openCount();
            ProcStatus memOpen = ProcStatus.read(opt.serverPid);
            long fdsOpen = clientOpenFds();
            long heapOpen = clientHeapUsedAfterGc();
            System.out.printf(Locale.ROOT, "    %d of %d connected (%d failed); first HEAD: %d ok, %d other statuses,"
                    + " %d closed, %d timeouts; %.1fs in all = %.0f connections/s; %d held%s%n", opened, n,
                    held.connectFailures, first.ok, first.httpErrors, first.closed, first.timeouts, openSeconds,
                    opened / openSeconds, heldOpen, memText(", server RSS ", memBefore, memOpen));

            // 2. Load on other connections while a monitor thread watches the held ones.
            int closedBefore = held.closedEarly + held.closedAfterIdleTimeout;
            int pollsBefore = held.polls;
            AtomicBoolean stop = new AtomicBoolean();
            HeldConnections.Tally[] sampled = new HeldConnections.Tally[1];
            Thread monitor = new Thread(() -> {
                try (S3Session ms = new S3Session(endpoint, bucket)) {
                    long sampleAt = System.nanoTime() + (opt.warmupMs + opt.durationMs / 2) * 1_000_000;
                    while (!stop.get()) {
                        sleep(20);
                        if (sampled[0] == null && System.nanoTime() >= sampleAt) {
                            sampled[0] = held.request(0, n, SAMPLE_EVERY, () -> ms.headRequestBytes(key),
                                    ANSWER_TIMEOUT_MS, "HEAD during the load", sink);
                        } else {
                            held.pollIfDue("during the load", sink);
                        }
                    }
                }
            }, "held-connections-monitor");
            monitor.setDaemon(true);
            progress("conns GET %s x %d threads while %d connections are held", sizeText(opt.objectSize),
                    loadThreads, heldOpen);
            monitor.start();
            StepResult load;
            try {
                load = timed("conns", "get", loadThreads, "op", (s, rec, t) -> {
                    int i = ThreadLocalRandom.current().nextInt(CONN_KEYS);
                    long t0g = System.nanoTime();
                    Response r = s.get(connsKey(i), false);
                    if (r.ok() && r.bodyBytes != opt.objectSize) {
                        rec.error(t0g, "GET " + connsKey(i) + ": got " + r.bodyBytes + " bytes, expected "
                                + opt.objectSize);
                    } else {
                        rec.done(t0g, r, "GET " + connsKey(i), r.bodyBytes);
                    }
                });
            } finally {
                stop.set(true);
                join(monitor);
            }
            steps.add(load);
            int closedDuringLoad = held.closedEarly + held.closedAfterIdleTimeout - closedBefore;
            int pollsDuringLoad = held.polls - pollsBefore;

            // 3. One more request on every connection still held.
            int stillHeld = held.openCount();
            progress("conns final check: one HEAD on each of the %d connections still held", stillHeld);
            HeldConnections.Tally fin = held.request(0, n, 1, () -> signer.headRequestBytes(key),
                    ANSWER_TIMEOUT_MS, "final HEAD", sink);
            ProcStatus memAfter = ProcStatus.read(opt.serverPid);
            int stillOpen = held.openCount();
            long errors = heldErrors.get() + setup.errors + load.errors;
            System.out.printf(Locale.ROOT, "    %d of %d answered (%d ok) in %.1fs, %d closed, %d timeouts;"
                    + " %d still open, longest idle survived %s s%n", fin.answered, stillHeld, fin.ok, fin.seconds,
                    fin.closed, fin.timeouts, stillOpen, fmt(seconds(held.maxIdleAnsweredMs), 1));
            int closed = held.closedEarly + held.closedAfterIdleTimeout;
            if (held.closedEarly > 0 && held.idleTimeoutMs() <= 0) {
                System.out.printf(Locale.ROOT, "    note: %d held connections were found closed by the server"
                        + " %s to %s s after their last answer (checked every %d ms). If the server's keep-alive"
                        + " idle timeout is shorter (GhostBay: GHOSTBAY_HTTP_PERSIST_TIMEOUT, 60 s by default),"
                        + " give it with --connections-idle-timeout, or make the run shorter%n", held.closedEarly,
                        fmt(seconds(held.minIdleAtCloseMs), 1), fmt(seconds(held.maxIdleAtCloseMs), 1),
                        HeldConnections.POLL_INTERVAL_MS);
            }

            m.put("attempted", attempted);
            m.put("opened", opened);
            m.put("connectFailures", held.connectFailures);
            m.put("openSeconds", openSeconds);
            m.put("connectsPerSec", opened / openSeconds);
            m.put("firstRequest", first.toMap());
            m.put("heldAfterFirstRequest", heldOpen);
            m.put("serverConnectionHeader", held.connectionHeader);
            m.put("serverKeepAliveHeader", held.keepAliveHeader);
            m.put("idleTimeoutSeconds", held.idleTimeoutMs() > 0 ? held.idleTimeoutMs() / 1e3 : null);
            m.put("idleTimeoutSource", held.idleTimeoutSource());
            Map<String, Object> during = new LinkedHashMap<>();
            during.put("polls", pollsDuringLoad);
            during.put("pollIntervalMs", HeldConnections.POLL_INTERVAL_MS);
            during.put("closedByServer", closedDuringLoad);
            during.put("sampleEvery", SAMPLE_EVERY);
            during.put("sample", sampled[0] == null ? null : sampled[0].toMap());
            m.put("duringLoad", during);
            m.put("finalCheck", fin.toMap());
            m.put("stillOpen", stillOpen);
            m.put("closedByServer", closed);
            m.put("closedEarly", held.closedEarly);
            m.put("closedAfterIdleTimeout", held.closedAfterIdleTimeout);
            m.put("connectionCloseAnswers", held.connectionCloseAnswers);
            m.put("minIdleSecondsWhenFoundClosed", seconds(held.minIdleAtCloseMs));
            m.put("maxIdleSecondsWhenFoundClosed", seconds(held.maxIdleAtCloseMs));
            m.put("maxIdleSecondsAnswered", seconds(held.maxIdleAnsweredMs));
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("count", load.count());
            lm.put("perSecond", load.perSecond());
            lm.put("p50Ms", load.ms(0.5));
            lm.put("p99Ms", load.ms(0.99));
            lm.put("errors", load.errors);
            m.put("load", lm);
            m.put("errors", errors);
            Map<String, Object> mem = new LinkedHashMap<>();
            mem.put("before", memBefore == null ? null : memBefore.toMap());
            mem.put("held", memOpen == null ? null : memOpen.toMap());
            mem.put("afterLoad", memAfter == null ? null : memAfter.toMap());
            m.put("serverMemory", mem);
            m.put("serverRssKiBPerHeldConnection", memBefore != null && memOpen != null && heldOpen > 0
                    && memBefore.rssKiB >= 0 && memOpen.rssKiB >= 0
                    ? (memOpen.rssKiB - memBefore.rssKiB) / (double) heldOpen : null);
            m.put("serverCpuSecondsOpening", srvOpen >= 0 ? srvOpen / 1e9 : null);
            m.put("serverCpuMicrosPerConnectionOpened",
                    srvOpen >= 0 && opened > 0 ? srvOpen / 1e3 / opened : null);
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("maxFds", clientMaxFds());
            client.put("openFdsBefore", fdsBefore);
            client.put("openFdsHeld", fdsOpen);
            client.put("heapUsedMiBBefore", heapBefore / (double) (1 << 20));
            client.put("heapUsedMiBHeld", heapOpen / (double) (1 << 20));
            client.put("heapBytesPerHeldConnection",
                    heldOpen > 0 ? (heapOpen - heapBefore) / (double) heldOpen : null);
            client.put("cpuSecondsOpening", cliOpen / 1e9);
            m.put("client", client);
            m.put("serverRssMiB", rssTriple(memBefore, memOpen, memAfter));
        }
    }

    private static Double seconds(long ms) {
        return ms < 0 ? null : ms / 1e3;
    }

    private static String memText(String label, ProcStatus before, ProcStatus now) {
        if (before == null || now == null || before.rssKiB < 0 || now.rssKiB < 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%s%.1f -> %.1f MiB", label, before.rssKiB / 1024.0, now.rssKiB / 1024.0);
    }

    /** "before / held / after" RSS in MiB, "-" for a missing reading; null without --server-pid. */
    static String rssTriple(ProcStatus before, ProcStatus held, ProcStatus after) {
        if (before == null && held == null && after == null) {
            return null;
        }
        return fmt(before == null ? null : ProcStatus.mib(before.rssKiB), 1) + " / "
                + fmt(held == null ? null : ProcStatus.mib(held.rssKiB), 1) + " / "
                + fmt(after == null ? null : ProcStatus.mib(after.rssKiB), 1);
    }

    static long clientOpenFds() {
        return OS instanceof com.sun.management.UnixOperatingSystemMXBean
                ? ((com.sun.management.UnixOperatingSystemMXBean) OS).getOpenFileDescriptorCount() : -1;
    }

    static long clientMaxFds() {
        return OS instanceof com.sun.management.UnixOperatingSystemMXBean
                ? ((com.sun.management.UnixOperatingSystemMXBean) OS).getMaxFileDescriptorCount() : -1;
    }

    /** Heap in use after a full GC (only called outside measured windows). */
    private static long clientHeapUsedAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void sleepUntil(long nanoTime) {
        long ms = (nanoTime - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            sleep(ms);
        }
    }

    // ---------------------------------------------------------------- cleanup

    /** Keys key(0) .. key(count - 1), named on demand (a million list keys need no list of strings). */
    static final class KeyRange {
        final long count;
        final java.util.function.LongFunction<String> key;

        KeyRange(long count, java.util.function.LongFunction<String> key) {
            this.count = count;
            this.key = key;
        }
    }

    /** Total number of keys in the ranges. */
    static long keyCount(List<KeyRange> ranges) {
        long n = 0;
        for (KeyRange r : ranges) {
            n += r.count;
        }
        return n;
    }

    /** The i-th key of the ranges taken one after the other. */
    static String keyAt(List<KeyRange> ranges, long i) {
        for (KeyRange r : ranges) {
            if (i < r.count) {
                return r.key.apply(i);
            }
            i -= r.count;
        }
        throw new IndexOutOfBoundsException();
    }

    /**
     * DELETEs every key of the ranges, one request per key, on up to 32 threads; failures are errors.
     * Returns the number of failures.
     */
    private long deleteKeys(String what, List<KeyRange> ranges) {
        long total = keyCount(ranges);
        int threads = (int) Math.max(1, Math.min(32, total));
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        if (total > 0) {
            progress("%s: DELETE %d keys with %d threads", what, total, threads);
        }
        runThreads(threads, t -> {
            try (S3Session s = new S3Session(endpoint, bucket)) {
                long i;
                while ((i = next.getAndIncrement()) < total) {
                    String key = keyAt(ranges, i);
                    try {
                        Response r = s.delete(key);
                        if (!r.ok()) {
                            failed.incrementAndGet();
                            totalErrors.incrementAndGet();
                            sample(what + " DELETE " + key + ": HTTP " + r.status + " " + trim(r.bodyText()));
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        totalErrors.incrementAndGet();
                        sample(what + " DELETE " + key + ": " + e);
                    }
                }
            }
        });
        return failed.get();
    }

    private Map<String, Object> cleanup() {
        List<KeyRange> keys = new ArrayList<>();
        keys.add(new KeyRange(Math.min(smallCounter.get(), opt.smallKeys), this::smallKey));
        if (largeWritten) {
            keys.add(new KeyRange(1, i -> largeKey()));
        }
        if (multipartWritten) {
            keys.add(new KeyRange(1, i -> multipartKey()));
        }
        ListLayout list = listKeysWritten;
        if (list != null) {
            keys.add(new KeyRange(list.keys, i -> list.key((int) i)));
        }
        keys.add(new KeyRange(concurrentKeysWritten, i -> concurrentKey((int) i)));
        keys.add(new KeyRange(connsKeysWritten, i -> connsKey((int) i)));
        Map<String, Object> m = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        long failed = deleteKeys("cleanup", keys);
        m.put("keysDeleted", keyCount(keys) - failed);
        m.put("deleteFailures", failed);
        m.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        if (ownBucket) {
            try (S3Session s = new S3Session(endpoint, bucket)) {
                Response r = s.deleteBucket();
                m.put("bucketDeleted", r.ok());
                if (!r.ok()) {
                    totalErrors.incrementAndGet();
                    sample("cleanup DELETE bucket " + bucket + ": HTTP " + r.status + " " + trim(r.bodyText()));
                }
            } catch (IOException e) {
                m.put("bucketDeleted", false);
                totalErrors.incrementAndGet();
                sample("cleanup DELETE bucket " + bucket + ": " + e);
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- step machinery

    /** Records the outcome of operations of one thread. */
    final class Recorder {
        final Histogram hist = new Histogram();
        long errors;
        long bytes;
        long workerCpuNanos;
        private final Phase phase;

        Recorder(Phase phase) {
            this.phase = phase;
        }

        /** Whether the timed step has ended (work in progress should stop). */
        boolean stopped() {
            return phase.value == Phase.STOP;
        }

        void done(long startNanos, Response r, String what, long byteCount) {
            long lat = System.nanoTime() - startNanos;
            if (r.ok()) {
                if (phase.measuring()) {
                    hist.record(lat);
                    bytes += byteCount;
                }
            } else {
                error(startNanos, what + ": HTTP " + r.status + " " + trim(r.bodyText()));
            }
        }

        void error(long startNanos, String message) {
            if (phase.measuring()) {
                errors++;
            }
            // Errors during warmup are not counted in the step but still shown.
            totalErrors.incrementAndGet();
            sample(message);
        }
    }

    /** Step phase shared by the coordinator and the worker threads. */
    static final class Phase {
        static final int WARMUP = 0;
        static final int MEASURE = 1;
        static final int STOP = 2;
        volatile int value;

        boolean measuring() {
            return value == MEASURE;
        }
    }

    @FunctionalInterface
    interface TimedOp {
        void run(S3Session s, Recorder rec, int thread) throws IOException;
    }

    @FunctionalInterface
    interface BatchOp {
        /** Returns false when there is no more work. */
        boolean run(S3Session s, Recorder rec, int thread) throws IOException;
    }

    /** Runs op in a loop on `threads` threads for warmup + duration; measures the duration part. */
    private StepResult timed(String workload, String step, int threads, String unit, TimedOp op) {
        Phase phase = new Phase();
        List<Recorder> recs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            recs.add(new Recorder(phase));
        }
        long[] window = new long[6];
        Thread coordinator = new Thread(() -> {
            sleep(opt.warmupMs);
            window[0] = System.nanoTime();
            window[1] = cpu.serverCpuNanos();
            window[2] = cpu.clientCpuNanos();
            phase.value = Phase.MEASURE;
            sleep(opt.durationMs);
            phase.value = Phase.STOP;
            window[3] = System.nanoTime();
            window[4] = cpu.serverCpuNanos();
            window[5] = cpu.clientCpuNanos();
        }, "coordinator");
        coordinator.start();
        runThreads(threads, t -> {
            Recorder rec = recs.get(t);
            try (S3Session s = new S3Session(endpoint, bucket)) {
                int seen = Phase.WARMUP;
                long cpu0 = 0;
                while (true) {
                    int p = phase.value;
                    if (p != seen) {
                        if (p == Phase.MEASURE) {
                            cpu0 = THREADS.getCurrentThreadCpuTime();
                        } else if (seen == Phase.MEASURE) {
                            rec.workerCpuNanos = THREADS.getCurrentThreadCpuTime() - cpu0;
                        }
                        seen = p;
                    }
                    if (p == Phase.STOP) {
                        break;
                    }
                    long t0 = System.nanoTime();
                    try {
                        op.run(s, rec, t);
                    } catch (IOException | RuntimeException e) {
                        rec.error(t0, step + ": " + e);
                        pauseAfterIoError(phase);
                    }
                }
            }
        });
        join(coordinator);
        return result(workload, step, threads, unit, recs, window);
    }

    /** Runs op on `threads` threads until it reports no more work; all of it is measured. */
    private StepResult batch(String workload, String step, int threads, long expected, BatchOp op) {
        Phase phase = new Phase();
        phase.value = Phase.MEASURE;
        List<Recorder> recs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            recs.add(new Recorder(phase));
        }
        long[] window = new long[6];
        window[0] = System.nanoTime();
        window[1] = cpu.serverCpuNanos();
        window[2] = cpu.clientCpuNanos();
        runThreads(threads, t -> {
            Recorder rec = recs.get(t);
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            try (S3Session s = new S3Session(endpoint, bucket)) {
                boolean more = true;
                while (more) {
                    long t0 = System.nanoTime();
                    try {
                        more = op.run(s, rec, t);
                    } catch (IOException | RuntimeException e) {
                        rec.error(t0, step + ": " + e);
                        more = !(e instanceof RuntimeException);
                    }
                }
            }
            rec.workerCpuNanos = THREADS.getCurrentThreadCpuTime() - cpu0;
        });
        window[3] = System.nanoTime();
        window[4] = cpu.serverCpuNanos();
        window[5] = cpu.clientCpuNanos();
        return result(workload, step, threads, "op", recs, window);
    }

    private StepResult result(String workload, String step, int threads, String unit, List<Recorder> recs,
                              long[] w) {
        StepResult r = new StepResult(workload, step, threads, unit);
        for (Recorder rec : recs) {
            r.hist.add(rec.hist);
            r.errors += rec.errors;
            r.bytes += rec.bytes;
            r.workerCpuNanos += rec.workerCpuNanos;
        }
        r.seconds = (w[3] - w[0]) / 1e9;
        r.serverCpuNanos = cpu.hasServer() && w[1] >= 0 && w[4] >= 0 ? w[4] - w[1] : -1;
        r.clientCpuNanos = w[5] - w[2];
        System.out.println("    " + r.oneLine());
        return r;
    }

    private static void pauseAfterIoError(Phase phase) {
        // Avoid a hot loop of failing connects if the server is down.
        if (phase.value != Phase.STOP) {
            sleep(10);
        }
    }

    @FunctionalInterface
    private interface ThreadBody {
        void run(int thread);
    }

    private static void runThreads(int n, ThreadBody body) {
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int t = i;
            Thread th = new Thread(() -> body.run(t), "worker-" + i);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
        threads.forEach(Benchmark::join);
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class ErrorKind {
        final String first;
        long count;

        ErrorKind(String first) {
            this.first = first;
        }
    }

    private static final java.util.regex.Pattern KEYS =
            java.util.regex.Pattern.compile("gbbench-(?:[0-9a-f]{8}|list-[0-9]+)/[^\\s:]*");

    /** Groups errors by operation, status and S3 error code, ignoring the key. */
    static String errorKind(String message) {
        String k = KEYS.matcher(message).replaceAll("*");
        int http = k.indexOf(": HTTP ");
        if (http < 0) {
            return k.length() > 160 ? k.substring(0, 160) : k;
        }
        String head = k.substring(0, Math.min(k.length(), http + 10));
        int code = k.indexOf("<Code>");
        if (code >= 0) {
            int end = k.indexOf("</Code>", code);
            head += " " + k.substring(code + 6, end < 0 ? k.length() : end);
        }
        return head;
    }

    private void sample(String message) {
        String kind = errorKind(message);
        synchronized (errorKinds) {
            ErrorKind e = errorKinds.get(kind);
            if (e == null && errorKinds.size() < MAX_ERROR_SAMPLES) {
                e = new ErrorKind(message);
                errorKinds.put(kind, e);
            }
            if (e != null) {
                e.count++;
            }
        }
    }

    private List<Map<String, Object>> errorSummary() {
        List<Map<String, Object>> out = new ArrayList<>();
        synchronized (errorKinds) {
            errorKinds.forEach((kind, e) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", kind);
                m.put("count", e.count);
                m.put("first", e.first);
                out.add(m);
            });
        }
        return out;
    }

    static String trim(String s) {
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 400 ? t.substring(0, 400) + "..." : t;
    }

    private static void progress(String fmt, Object... args) {
        System.out.printf(Locale.ROOT, "  " + fmt + "%n", args);
    }

    static String sizeText(long n) {
        if (n >= (1L << 30) && n % (1L << 30) == 0) {
            return (n >> 30) + " GiB";
        } else if (n >= (1L << 20) && n % (1L << 20) == 0) {
            return (n >> 20) + " MiB";
        } else if (n >= 1024 && n % 1024 == 0) {
            return (n >> 10) + " KiB";
        }
        return n + " B";
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.version"));
        try {
            m.put("host", java.net.InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            m.put("host", null);
        }
        return m;
    }

    // ---------------------------------------------------------------- output

    private void printTables() {
        if (!steps.isEmpty()) {
            System.out.println();
            System.out.println(StepResult.HEADER);
            for (StepResult r : steps) {
                System.out.println(r.row());
            }
        }
        if (!large.isEmpty()) {
            System.out.println();
            System.out.printf(Locale.ROOT, "%-6s %-13s %8s %5s %4s %9s %9s %9s %13s %13s %6s%n",
                    "large", "op", "size", "reqs", "thr", "seconds", "MB/s", "MiB/s", "srv CPU s/GiB", "cli CPU s/GiB",
                    "errors");
            for (Map<String, Object> m : large) {
                System.out.printf(Locale.ROOT, "%-6s %-13s %8s %5d %4d %9.2f %9s %9s %13s %13s %6d%n",
                        "large", m.get("step"), sizeText((Long) m.get("bytes")), (Integer) m.get("requests"),
                        (Integer) m.get("threads"), (Double) m.get("seconds"),
                        fmt(m.get("mbPerSec"), 1), fmt(m.get("mibPerSec"), 1),
                        fmt(m.get("serverCpuSecondsPerGiB"), 2), fmt(m.get("clientCpuSecondsPerGiB"), 2),
                        (Integer) m.get("errors"));
            }
        }
        if (largeConcurrentResult != null) {
            printLargeConcurrent();
        }
        if (connectionsResult != null && connectionsResult.containsKey("load")) {
            printConnections();
        }
    }

    private void printLargeConcurrent() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) largeConcurrentResult.get("steps");
        if (rows.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-6s %-4s %7s %8s %8s %8s %9s %9s %13s %13s %9s %6s  %s%n", "lgconc", "op",
                "streams", "each", "total", "seconds", "MB/s", "MiB/s", "srv CPU s/GiB", "cli CPU s/GiB", "slowest s",
                "errors", "srv RSS MiB before / peak / after");
        for (Map<String, Object> m : rows) {
            System.out.printf(Locale.ROOT, "%-6s %-4s %7d %8s %8s %8.2f %9s %9s %13s %13s %9s %6d  %s%n", "lgconc",
                    m.get("step"), (Integer) m.get("streams"), sizeText((Long) m.get("objectSize")),
                    sizeText((Long) m.get("bytes")), (Double) m.get("seconds"), fmt(m.get("mbPerSec"), 1),
                    fmt(m.get("mibPerSec"), 1), fmt(m.get("serverCpuSecondsPerGiB"), 2),
                    fmt(m.get("clientCpuSecondsPerGiB"), 2), fmt(m.get("slowestStreamSeconds"), 2),
                    (Integer) m.get("errors"), m.get("serverRssMiB") == null ? "-" : m.get("serverRssMiB"));
        }
    }

    private void printConnections() {
        Map<String, Object> m = connectionsResult;
        @SuppressWarnings("unchecked")
        Map<String, Object> load = (Map<String, Object>) m.get("load");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-6s %6s %7s %7s %10s %7s %10s %10s %9s %7s  %s%n", "conns", "held",
                "opened", "failed", "still open", "closed", "max idle s", "load op/s", "p99 ms", "errors",
                "srv RSS MiB before / held / after");
        System.out.printf(Locale.ROOT, "%-6s %6d %7s %7s %10s %7s %10s %10s %9s %7d  %s%n", "conns",
                (Integer) m.get("connections"), m.get("opened"), m.get("connectFailures"), m.get("stillOpen"),
                m.get("closedByServer"), fmt(m.get("maxIdleSecondsAnswered"), 1),
                load == null ? "-" : fmt(load.get("perSecond"), 1), load == null ? "-" : fmt(load.get("p99Ms"), 3),
                (Long) m.get("errors"), m.get("serverRssMiB") == null ? "-" : m.get("serverRssMiB"));
    }

    static String fmt(Object v, int decimals) {
        if (!(v instanceof Number)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", ((Number) v).doubleValue());
    }
}
