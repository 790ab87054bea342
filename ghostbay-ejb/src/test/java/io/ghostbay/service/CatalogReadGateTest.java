package io.ghostbay.service;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogReadGateTest {

    @Test
    void autoAdmitsEightPerProcessor() {
        assertEquals(16, CatalogReadGate.forSetting("auto", 2).permits());
        assertEquals(64, CatalogReadGate.forSetting(" AUTO ", 8).permits());
        assertEquals(16, CatalogReadGate.forSetting(null, 2).permits());
        assertEquals(16, CatalogReadGate.forSetting("", 2).permits());
        assertEquals(8, CatalogReadGate.forSetting("auto", 0).permits());
    }

    @Test
    void aNumberIsTheLimitAndZeroOrLessMeansNone() {
        assertEquals(3, CatalogReadGate.forSetting("3", 2).permits());
        assertEquals(100, CatalogReadGate.forSetting(" 100 ", 2).permits());
        assertSame(CatalogReadGate.UNLIMITED, CatalogReadGate.forSetting("0", 2));
        assertSame(CatalogReadGate.UNLIMITED, CatalogReadGate.forSetting("-1", 2));
        assertThrows(IllegalArgumentException.class, () -> CatalogReadGate.forSetting("many", 2));
        assertThrows(IllegalArgumentException.class, () -> CatalogReadGate.forSetting("1.5", 2));
    }

    @Test
    void noMoreThanThePermitsAreInsideAtOnce() throws Exception {
        CatalogReadGate gate = new CatalogReadGate(2);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(8);
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    gate.enter();
                    try {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                    } finally {
                        gate.leave();
                    }
                }
                done.countDown();
            });
            thread.start();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertTrue(most.get() <= 2, "at most two inside, saw " + most.get());
        assertEquals(0, inside.get());
    }

    @Test
    void aFullGateHoldsTheNextReaderUntilOneLeaves() throws Exception {
        CatalogReadGate gate = new CatalogReadGate(1);
        gate.enter();
        CountDownLatch entered = new CountDownLatch(1);
        Thread next = new Thread(() -> {
            gate.enter();
            entered.countDown();
            gate.leave();
        });
        next.start();
        assertFalse(entered.await(200, TimeUnit.MILLISECONDS), "admitted while the only permit was taken");
        gate.leave();
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        next.join();
    }

    @Test
    void theUnlimitedGateNeverWaits() {
        for (int i = 0; i < 1000; i++) {
            CatalogReadGate.UNLIMITED.enter();
        }
        assertEquals(0, CatalogReadGate.UNLIMITED.permits());
    }
}
