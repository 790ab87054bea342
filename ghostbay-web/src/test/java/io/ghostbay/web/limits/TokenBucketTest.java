package io.ghostbay.web.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token bucket on a simulated clock: burst, refill, Retry-After, reconfiguration. */
class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 123_456_789L;

    @Test
    void aNewBucketAllowsItsBurstAtOnceThenRefusesWithTheTimeToTheNextToken() {
        TokenBucket b = new TokenBucket(2, 3, T0);
        assertEquals(0, b.tryTake(T0));
        assertEquals(0, b.tryTake(T0));
        assertEquals(0, b.tryTake(T0));
        long wait = b.tryTake(T0);
        assertEquals(SECOND / 2, wait, "one token at 2/s takes half a second");
        assertEquals(1, TokenBucket.retryAfterSeconds(wait));
    }

    @Test
    void tokensComeBackAtTheRateAndNeverBeyondTheBurst() {
        TokenBucket b = new TokenBucket(2, 2, T0);
        b.tryTake(T0);
        b.tryTake(T0);
        assertTrue(b.tryTake(T0 + SECOND / 4) > 0, "a quarter second earns half a token");
        assertEquals(0, b.tryTake(T0 + SECOND / 2), "half a second earns one token");
        assertTrue(b.tryTake(T0 + SECOND / 2) > 0);
        // an hour of idling refills to the burst, not to 7200 tokens
        long later = T0 + 3600 * SECOND;
        assertTrue(b.isFull(later));
        assertEquals(2.0, b.available(later), 1e-9);
        assertEquals(0, b.tryTake(later));
        assertEquals(0, b.tryTake(later));
        assertTrue(b.tryTake(later) > 0);
    }

    @Test
    void retryAfterIsTheRefillTimeRoundedUpToWholeSeconds() {
        TokenBucket slow = new TokenBucket(0.25, 1, T0); // one request every 4 seconds
        assertEquals(0, slow.tryTake(T0));
        long wait = slow.tryTake(T0 + SECOND);
        assertEquals(3 * SECOND, wait, 1_000);
        assertEquals(3, TokenBucket.retryAfterSeconds(wait));
        assertEquals(1, TokenBucket.retryAfterSeconds(1));
        assertEquals(1, TokenBucket.retryAfterSeconds(SECOND));
        assertEquals(2, TokenBucket.retryAfterSeconds(SECOND + 1));
    }

    @Test
    void aRefusedRequestTakesNothing() {
        TokenBucket b = new TokenBucket(1, 1, T0);
        b.tryTake(T0);
        for (int i = 0; i < 100; i++) {
            assertTrue(b.tryTake(T0 + SECOND / 2) > 0);
        }
        assertEquals(0, b.tryTake(T0 + SECOND), "refusals did not push the next token further away");
    }

    @Test
    void reconfigureKeepsTheEarnedTokensCappedAtTheNewBurst() {
        TokenBucket b = new TokenBucket(10, 10, T0);
        b.reconfigure(1, 2, T0);
        assertEquals(2.0, b.available(T0), 1e-9, "ten tokens capped at the new burst of two");
        b.tryTake(T0);
        b.tryTake(T0);
        assertEquals(SECOND, b.tryTake(T0), "the new rate decides the wait");
        b.reconfigure(1, 5, T0);
        assertFalse(b.isFull(T0), "a larger burst is not a free refill");
        assertEquals(0.0, b.available(T0), 1e-9);
    }

    @Test
    void lastUseIsRecordedForEviction() {
        TokenBucket b = new TokenBucket(1, 1, T0);
        assertEquals(T0, b.lastUsedNanos());
        b.tryTake(T0 + 5 * SECOND);
        assertEquals(T0 + 5 * SECOND, b.lastUsedNanos());
    }

    @Test
    void nonsenseParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, T0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, T0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Double.NaN, 1, T0));
    }
}
