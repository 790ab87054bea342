package io.ghostbay.web.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The drop policy: a full queue never blocks, every drop is counted, warnings come once a minute. */
class AuditQueueTest {
    private static AuditRecord record(int i) {
        return new AuditRecord(Instant.EPOCH, "R" + i, null, null, null, null, "GET", "GetObject", null, null, 200, null,
                null, 0, 0, 0, null);
    }

    @Test
    void fullQueueDropsCountsAndWarnsOncePerMinute() {
        AtomicInteger dropped = new AtomicInteger();
        List<String> warnings = new ArrayList<>();
        AtomicLong now = new AtomicLong(1_000_000);
        AuditQueue q = new AuditQueue(3, dropped::incrementAndGet, warnings::add, now::get);

        for (int i = 0; i < 3; i++) {
            assertTrue(q.offer(record(i)));
        }
        long start = System.nanoTime();
        for (int i = 3; i < 10; i++) {
            assertFalse(q.offer(record(i)), "a full queue refuses at once");
        }
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "offer never waits");
        assertEquals(7, dropped.get());
        assertEquals(3, q.queue().size());
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("dropped 1 record(s)"), warnings::toString);

        now.addAndGet(59_000);
        q.offer(record(10));
        assertEquals(1, warnings.size(), "no second warning within the minute");

        now.addAndGet(1_000);
        q.offer(record(11));
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(1).contains("dropped 8 record(s)"), warnings::toString);

        q.queue().poll();
        assertTrue(q.offer(record(12)), "room again once the writer took one");
        assertEquals(9, dropped.get());
    }
}
