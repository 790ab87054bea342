package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Many clients writing at once, which is when the server groups unconditional writes into shared catalog
 * transactions (group commit): every write must still be visible with its own bytes once acknowledged, a
 * key written by many clients must end up holding one of them whole, and a conditional write must keep its
 * condition (exactly one of many concurrent If-None-Match: * creations wins).
 */
class ConcurrentWritesIT extends S3TestBase {

    private static final int THREADS = 24;
    private static final int KEYS_PER_THREAD = 12;

    @Test
    void concurrentWritesAreAllVisibleWithTheirOwnBytes() throws Exception {
        double batchesBefore = gauge("ghostbay_catalog_commit_batches");
        double writesBefore = gauge("ghostbay_catalog_commit_writes");
        Map<String, byte[]> written = new ConcurrentHashMap<>();
        Map<String, byte[]> sharedCandidates = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < KEYS_PER_THREAD; i++) {
                        String key = "t" + thread + "/k" + i;
                        byte[] data = randomBytes(1000 + thread * 37 + i);
                        assertEquals(quotedMd5(data), put(key, data).eTag(), key);
                        written.put(key, data);
                        // every thread also overwrites one shared key, so batches hold the same key twice
                        byte[] shared = randomBytes(64 + thread + i);
                        put("shared", shared);
                        sharedCandidates.put(md5Hex(shared), shared);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        for (Map.Entry<String, byte[]> e : written.entrySet()) {
            assertArrayEquals(e.getValue(), get(e.getKey()), e.getKey());
        }
        byte[] shared = get("shared");
        byte[] candidate = sharedCandidates.get(md5Hex(shared));
        assertTrue(candidate != null, "the shared key holds bytes that no client wrote whole");
        assertArrayEquals(candidate, shared);
        assertEquals(THREADS * KEYS_PER_THREAD + 1, listAllKeys().size());

        int writes = THREADS * KEYS_PER_THREAD * 2;
        double committedWrites = gauge("ghostbay_catalog_commit_writes") - writesBefore;
        double batches = gauge("ghostbay_catalog_commit_batches") - batchesBefore;
        // Other tests may write at the same time, hence >= rather than ==.
        assertTrue(committedWrites >= writes, "commit writes gauge grew by " + committedWrites + ", expected >= " + writes);
        // 24 clients writing back to back overlap their commits: some transactions carried more than one write.
        assertTrue(batches < committedWrites, "no write shared a transaction: " + batches + " batches for " + committedWrites + " writes");
    }

    @Test
    void concurrentIfNoneMatchCreationsHaveExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Map<String, byte[]> winners = new ConcurrentHashMap<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                byte[] data = randomBytes(500 + t);
                done.add(pool.submit(() -> {
                    start.await();
                    try {
                        s3.putObject(r -> r.bucket(bucket).key("once").ifNoneMatch("*"), RequestBody.fromBytes(data));
                        created.incrementAndGet();
                        winners.put("once", data);
                    } catch (S3Exception e) {
                        // 412 PreconditionFailed, or 409 ConditionalRequestConflict for a write racing the winner
                        assertTrue(e.statusCode() == 412 || e.statusCode() == 409, e.toString());
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, created.get(), "creations that succeeded");
        assertEquals(15, refused.get());
        assertArrayEquals(winners.get("once"), get("once"));
    }

    private static double gauge(String name) {
        RawResponse r = RawRequest.path("GET", "/metrics").unsigned().send();
        assertEquals(200, r.status, r.describe());
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*\\}\\s+(\\S+)").matcher(r.bodyText());
        // The gauges appear once the first S3 request has been recorded (the test's own bucket creation).
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
