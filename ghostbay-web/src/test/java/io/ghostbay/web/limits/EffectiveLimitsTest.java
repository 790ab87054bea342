package io.ghostbay.web.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ghostbay.service.KeyLimits;
import org.junit.jupiter.api.Test;

/** Which limits apply to a key: its overrides, else the server's defaults. */
class EffectiveLimitsTest {

    @Test
    void noOverrideTakesTheDefaults() {
        assertEquals(new EffectiveLimits(50, 100, 8), EffectiveLimits.of(KeyLimits.NONE, 50, 100, 8));
        assertEquals(new EffectiveLimits(50, 100, 8), EffectiveLimits.of(null, 50, 100, 8));
    }

    @Test
    void withoutABurstSettingTheBurstIsOneSecondOfTheRate() {
        assertEquals(new EffectiveLimits(50, 50, 0), EffectiveLimits.of(KeyLimits.NONE, 50, 0, 0));
        assertEquals(new EffectiveLimits(0.5, 1, 0), EffectiveLimits.of(KeyLimits.NONE, 0.5, 0, 0));
    }

    @Test
    void anOverriddenRateBringsItsOwnBurstNotTheDefaultOne() {
        assertEquals(new EffectiveLimits(2, 2, 8), EffectiveLimits.of(new KeyLimits(2, null, null), 50, 100, 8));
        assertEquals(new EffectiveLimits(2, 10, 8), EffectiveLimits.of(new KeyLimits(2, 10, null), 50, 100, 8));
    }

    @Test
    void anOverriddenBurstAloneKeepsTheDefaultRate() {
        assertEquals(new EffectiveLimits(50, 5, 8), EffectiveLimits.of(new KeyLimits(null, 5, null), 50, 100, 8));
    }

    @Test
    void zeroOverridesLiftTheDefaultLimits() {
        EffectiveLimits l = EffectiveLimits.of(new KeyLimits(0, null, 0), 50, 100, 8);
        assertEquals(0, l.ratePerSecond());
        assertEquals(0, l.maxConcurrent());
    }

    @Test
    void anOverriddenConcurrencyAlone() {
        assertEquals(new EffectiveLimits(0, 1, 1), EffectiveLimits.of(new KeyLimits(null, null, 1), 0, 0, 0));
    }
}
