package io.ghostbay.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentReadsTest {
    private final RecentReads reads = new RecentReads(16, 1_000);

    @Test
    void aSecondReadWithinTheWindowIsHot() {
        assertTrue(reads.firstReadIn("a", 0));
        assertFalse(reads.firstReadIn("a", 500));
        assertFalse(reads.firstReadIn("a", 1_400), "each read restarts the window");
    }

    @Test
    void aReadAfterTheWindowIsAFirstReadAgain() {
        assertTrue(reads.firstReadIn("a", 0));
        assertTrue(reads.firstReadIn("a", 1_001));
    }

    @Test
    void otherBlobsAreIndependent() {
        assertTrue(reads.firstReadIn("a", 0));
        assertTrue(reads.firstReadIn("b", 10));
        assertFalse(reads.firstReadIn("b", 20));
    }

    @Test
    void aCollisionForgetsTheOlderBlob() {
        RecentReads one = new RecentReads(1, 1_000);
        assertTrue(one.firstReadIn("a", 0));
        assertTrue(one.firstReadIn("b", 1));
        assertTrue(one.firstReadIn("a", 2), "b took a's only slot");
    }
}
