package dev.planbridge.support.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void shouldDoubleEachWaitUpToTheMaximumWithinTenPercentJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(5000));
        for (long expected : new long[] {1000, 2000, 4000, 5000, 5000}) {
            long wait = backoff.next().toMillis();
            assertTrue(wait >= expected * 0.9 && wait <= Math.min(5000, expected * 1.1), expected + " ~ " + wait);
        }
        assertEquals(5, backoff.failures());
    }

    @Test
    void shouldStartFromTheBaseAgainAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(60000));
        backoff.next();
        backoff.next();
        backoff.reset();
        assertTrue(backoff.next().toMillis() <= 1100);
    }

    @Test
    void shouldRefuseAMaximumBelowTheBase() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
