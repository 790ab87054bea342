package io.ghostbay.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit by leader and followers, with no thread of its own: every caller queues its job; a
 * caller that finds no batch running becomes the leader, takes what has queued (up to
 * {@code maxBatch}) and commits it as one batch, while later callers queue up behind it and form
 * the next batch. Nobody waits for a batch to fill: under light load a batch is one job, under load
 * it is whatever arrived while the previous batch was committing. Each caller returns only once
 * its own job is committed (or has failed), so an answer is never sent before its write is durable.
 *
 * <p>When a batch fails as a whole (one job's conflict rolls back the shared transaction), each of
 * its jobs is committed again on its own, so one bad job never fails the others.
 *
 * @param <J> a job
 * @param <R> a job's result
 */
public final class GroupCommit<J, R> {

    /** How a batch and a single job are committed. */
    public interface Committer<J, R> {
        /** Commits all jobs in one transaction; results in the jobs' order. Throws when the transaction failed as a whole. */
        List<R> commitAll(List<J> jobs);

        /** Commits one job in its own transaction. */
        R commitOne(J job);
    }

    private final Committer<J, R> committer;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Slot<J, R>> queue = new ArrayDeque<>();
    private boolean batchRunning;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong splitBatches = new AtomicLong();

    public GroupCommit(Committer<J, R> committer, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
        }
        this.committer = committer;
        this.maxBatch = maxBatch;
    }

    /** Commits {@code job}, in a batch with other callers' jobs when some are waiting; rethrows its failure. */
    public R submit(J job) {
        lock.lock();
        try {
            Slot<J, R> slot = new Slot<>(job, lock.newCondition());
            queue.add(slot);
            while (!slot.done) {
                if (batchRunning) {
                    // Woken only when its own job is done or when it is next in line to lead: with 64
                    // writers waiting, waking all of them after every batch would cost more than the batch.
                    slot.wakeUp.awaitUninterruptibly();
                    continue;
                }
                batchRunning = true;
                List<Slot<J, R>> batch = drain();
                lock.unlock();
                try {
                    run(batch);
                } finally {
                    lock.lock();
                    batchRunning = false;
                    for (Slot<J, R> s : batch) {
                        s.wakeUp.signal();
                    }
                    Slot<J, R> nextLeader = queue.peek();
                    if (nextLeader != null) {
                        nextLeader.wakeUp.signal();
                    }
                }
            }
            if (slot.failure != null) {
                throw slot.failure;
            }
            return slot.result;
        } finally {
            lock.unlock();
        }
    }

    private List<Slot<J, R>> drain() {
        List<Slot<J, R>> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (!queue.isEmpty() && batch.size() < maxBatch) {
            batch.add(queue.poll());
        }
        return batch;
    }

    /** Runs outside the lock; marks every slot of the batch done. */
    private void run(List<Slot<J, R>> batch) {
        batches.incrementAndGet();
        jobs.addAndGet(batch.size());
        if (batch.size() > 1) {
            List<R> results = null;
            try {
                results = committer.commitAll(batch.stream().map(s -> s.job).toList());
            } catch (RuntimeException e) {
                splitBatches.incrementAndGet();
            }
            if (results != null) {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).succeed(results.get(i));
                }
                return;
            }
        }
        for (Slot<J, R> slot : batch) {
            try {
                slot.succeed(committer.commitOne(slot.job));
            } catch (RuntimeException e) {
                slot.fail(e);
            }
        }
    }

    /** Jobs waiting for a batch now. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Batches committed so far (a job committed alone counts as a batch of one). */
    public long batches() {
        return batches.get();
    }

    /** Jobs committed or failed so far. */
    public long jobs() {
        return jobs.get();
    }

    /** Batches whose shared transaction failed, so that their jobs were committed one by one. */
    public long splitBatches() {
        return splitBatches.get();
    }

    private static final class Slot<J, R> {
        final J job;
        final Condition wakeUp;
        // volatile: a waiter may read it (under the lock) while the leader sets it (outside the lock);
        // result/failure are written before it, so a waiter that sees done also sees them.
        volatile boolean done;
        R result;
        RuntimeException failure;

        Slot(J job, Condition wakeUp) {
            this.job = job;
            this.wakeUp = wakeUp;
        }

        void succeed(R r) {
            result = r;
            done = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
        }
    }
}
