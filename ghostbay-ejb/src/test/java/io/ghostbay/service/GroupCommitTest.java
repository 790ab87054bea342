package io.ghostbay.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {

    /** Records what was committed and how; "bad" jobs make a batch fail and fail alone. */
    static final class RecordingCommitter implements GroupCommit.Committer<String, String> {
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<String> singles = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        volatile CountDownLatch firstBatchGate;

        @Override
        public List<String> commitAll(List<String> jobs) {
            enter();
            try {
                if (jobs.stream().anyMatch(j -> j.startsWith("bad"))) {
                    throw new IllegalStateException("batch rolled back");
                }
                batches.add(List.copyOf(jobs));
                return jobs.stream().map(j -> "ok:" + j).toList();
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public String commitOne(String job) {
            enter();
            try {
                if (job.startsWith("bad")) {
                    throw new IllegalArgumentException("conflict on " + job);
                }
                singles.add(job);
                return "ok:" + job;
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private void enter() {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            CountDownLatch gate = firstBatchGate;
            if (gate != null) {
                firstBatchGate = null;
                try {
                    gate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void aLoneJobIsCommittedOnItsOwn() {
        RecordingCommitter c = new RecordingCommitter();
        GroupCommit<String, String> group = new GroupCommit<>(c, 32);
        assertEquals("ok:a", group.submit("a"));
        assertEquals(List.of("a"), c.singles);
        assertTrue(c.batches.isEmpty());
        assertEquals(1, group.batches());
    }

    @Test
    void jobsQueuedBehindARunningCommitFormOneBatchAndEachGetsItsOwnResult() throws Exception {
        RecordingCommitter c = new RecordingCommitter();
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, String> group = new GroupCommit<>(c, 32);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            // the first job is being committed (holding the gate); 8 more queue up behind it
            Future<String> first = startHeldCommit(pool, group, c, release);
            List<Future<String>> rest = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String job = "j" + i;
                rest.add(pool.submit(() -> group.submit(job)));
            }
            waitForQueued(group, c, 8);
            release.countDown();
            assertEquals("ok:first", first.get(5, TimeUnit.SECONDS));
            for (int i = 0; i < 8; i++) {
                assertEquals("ok:j" + i, rest.get(i).get(5, TimeUnit.SECONDS));
            }
            assertEquals(List.of("first"), c.singles);
            assertEquals(1, c.batches.size(), "the 8 queued jobs are one batch: " + c.batches);
            assertEquals(8, c.batches.get(0).size());
            assertEquals(2, group.batches());
            assertEquals(9, group.jobs());
            assertEquals(1, c.maxInFlight.get(), "never two batches at once");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingJobFailsAloneAndTheRestOfItsBatchIsCommitted() throws Exception {
        RecordingCommitter c = new RecordingCommitter();
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, String> group = new GroupCommit<>(c, 32);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<String> first = startHeldCommit(pool, group, c, release);
            Future<String> a = pool.submit(() -> group.submit("a"));
            Future<String> bad = pool.submit(() -> group.submit("bad1"));
            Future<String> b = pool.submit(() -> group.submit("b"));
            waitForQueued(group, c, 3);
            release.countDown();
            assertEquals("ok:first", first.get(5, TimeUnit.SECONDS));
            assertEquals("ok:a", a.get(5, TimeUnit.SECONDS));
            assertEquals("ok:b", b.get(5, TimeUnit.SECONDS));
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> bad.get(5, TimeUnit.SECONDS));
            assertSame(IllegalArgumentException.class, e.getCause().getClass(), "the job's own failure, not the batch's");
            assertTrue(c.batches.isEmpty(), "the shared transaction failed: " + c.batches);
            assertTrue(c.singles.containsAll(List.of("a", "b")));
            assertEquals(1, group.splitBatches());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void batchesNeverExceedTheMaximum() throws Exception {
        RecordingCommitter c = new RecordingCommitter();
        GroupCommit<String, String> group = new GroupCommit<>(c, 4);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> all = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String job = "k" + i;
                all.add(pool.submit(() -> group.submit(job)));
            }
            for (int i = 0; i < 400; i++) {
                assertEquals("ok:k" + i, all.get(i).get(10, TimeUnit.SECONDS));
            }
            assertTrue(c.batches.stream().allMatch(b -> b.size() <= 4), c.batches.toString());
            int committed = c.singles.size() + c.batches.stream().mapToInt(List::size).sum();
            assertEquals(400, committed, "every job committed exactly once");
            assertEquals(1, c.maxInFlight.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void maxBatchMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new GroupCommit<>(new RecordingCommitter(), 0));
    }

    /** Submits the job "first" and returns once it is being committed, held there until {@code release} opens. */
    private static Future<String> startHeldCommit(ExecutorService pool, GroupCommit<String, String> group, RecordingCommitter c,
                                                  CountDownLatch release) throws InterruptedException {
        c.firstBatchGate = release;
        Future<String> first = pool.submit(() -> group.submit("first"));
        while (c.inFlight.get() == 0) {
            Thread.sleep(1);
        }
        return first;
    }

    /** Waits until {@code n} jobs are queued behind the running one (they block on the lock's condition). */
    private static void waitForQueued(GroupCommit<String, String> group, RecordingCommitter c, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (group.queued() < n && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(n, group.queued(), "jobs queued behind the running commit");
    }
}
