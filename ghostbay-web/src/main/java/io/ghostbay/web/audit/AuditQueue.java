package io.ghostbay.web.audit;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The bounded queue between request threads and the audit writer, with the drop policy: a full
 * queue drops the record at once (a request never waits for the audit log), counts it, and warns
 * at most once per interval with the number dropped since the last warning.
 */
final class AuditQueue {
    static final long WARN_INTERVAL_MS = 60_000;

    private final BlockingQueue<AuditRecord> queue;
    private final int capacity;
    private final Runnable countDrop;
    private final Consumer<String> warn;
    private final LongSupplier millis;
    private final AtomicLong lastWarning;
    private final AtomicLong dropsSinceWarning = new AtomicLong();

    /**
     * @param countDrop called for every dropped record (the metric)
     * @param warn      receives the rate-limited warning text
     * @param millis    the clock
     */
    AuditQueue(int capacity, Runnable countDrop, Consumer<String> warn, LongSupplier millis) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.countDrop = countDrop;
        this.warn = warn;
        this.millis = millis;
        this.lastWarning = new AtomicLong(millis.getAsLong() - WARN_INTERVAL_MS);
    }

    /** Queues the record, or drops it if the queue is full; never blocks. Answers whether it was queued. */
    boolean offer(AuditRecord r) {
        if (queue.offer(r)) {
            return true;
        }
        countDrop.run();
        dropsSinceWarning.incrementAndGet();
        long now = millis.getAsLong();
        long last = lastWarning.get();
        if (now - last >= WARN_INTERVAL_MS && lastWarning.compareAndSet(last, now)) {
            warn.accept("Audit log: queue full (" + capacity + " records): dropped " + dropsSinceWarning.getAndSet(0)
                    + " record(s) since the last warning; the disk cannot keep up");
        }
        return false;
    }

    /** The writer's end. */
    BlockingQueue<AuditRecord> queue() {
        return queue;
    }
}
