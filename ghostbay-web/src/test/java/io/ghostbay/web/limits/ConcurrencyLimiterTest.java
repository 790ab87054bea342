package io.ghostbay.web.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Permits for requests in flight per id. */
class ConcurrencyLimiterTest {

    @Test
    void upToMaxPermitsThenNoneUntilOneIsReleased() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter();
        ConcurrencyLimiter.Permit first = limiter.tryAcquire("k", 2);
        ConcurrencyLimiter.Permit second = limiter.tryAcquire("k", 2);
        assertNotNull(first);
        assertNotNull(second);
        assertNull(limiter.tryAcquire("k", 2));
        assertNotNull(limiter.tryAcquire("other", 2), "another id has its own count");
        first.close();
        ConcurrencyLimiter.Permit third = limiter.tryAcquire("k", 2);
        assertNotNull(third);
        assertEquals(2, limiter.inFlight("k"));
    }

    @Test
    void closingTwiceGivesBackOnePlace() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter();
        ConcurrencyLimiter.Permit a = limiter.tryAcquire("k", 2);
        limiter.tryAcquire("k", 2);
        a.close();
        a.close();
        assertEquals(1, limiter.inFlight("k"));
        assertNull(limiter.tryAcquire("k", 1));
    }

    @Test
    void anIdWithNothingInFlightKeepsNoEntry() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter();
        List<ConcurrencyLimiter.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            permits.add(limiter.tryAcquire("k" + i, 1));
        }
        assertEquals(100, limiter.trackedIds());
        permits.forEach(ConcurrencyLimiter.Permit::close);
        assertEquals(0, limiter.trackedIds());
        assertEquals(0, limiter.inFlight("k0"));
    }

    @Test
    void zeroMeansUnlimitedButCounted() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter();
        for (int i = 0; i < 50; i++) {
            assertNotNull(limiter.tryAcquire("k", 0));
        }
        assertEquals(50, limiter.inFlight("k"));
        assertNull(limiter.tryAcquire("k", 50), "a cap set later counts the requests already in flight");
    }

    @Test
    void concurrentAcquirersNeverExceedTheCap() throws InterruptedException {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter();
        int max = 3;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 2000; i++) {
                    ConcurrencyLimiter.Permit p = limiter.tryAcquire("k", max);
                    if (p != null) {
                        highest.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        inside.decrementAndGet();
                        p.close();
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        assertEquals(0, limiter.inFlight("k"));
        assertEquals(0, limiter.trackedIds());
        assertEquals(true, highest.get() <= max, "at most " + max + " at once, saw " + highest.get());
    }
}
