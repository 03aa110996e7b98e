package dev.planbridge.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.salesforce.RetryPolicy.CallKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(300));

    @Test
    void shouldRetryRefusedCallsWhateverTheyDoButTransientFailuresOnlyForReads() {
        for (CallKind kind : CallKind.values()) {
            assertTrue(policy.retries(FaultCategory.REQUEST_LIMIT, kind), kind.name());
            assertTrue(policy.retries(FaultCategory.LOCK, kind), kind.name());
            assertFalse(policy.retries(FaultCategory.PERMANENT, kind), kind.name());
            assertFalse(policy.retries(FaultCategory.SESSION_EXPIRED, kind), "renewed, not retried: " + kind);
        }
        assertTrue(policy.retries(FaultCategory.TRANSIENT, CallKind.READ));
        assertFalse(policy.retries(FaultCategory.TRANSIENT, CallKind.WRITE), "a write's outcome is unknown");
    }

    @Test
    void shouldDoubleTheBackoffUpToItsMaximumWithJitterInTheUpperHalf() {
        for (int i = 0; i < 200; i++) {
            long first = policy.backoffAfter(1).toMillis();
            long second = policy.backoffAfter(2).toMillis();
            long third = policy.backoffAfter(3).toMillis();
            assertTrue(first >= 50 && first <= 100, "first " + first);
            assertTrue(second >= 100 && second <= 200, "second " + second);
            assertTrue(third >= 150 && third <= 300, "third capped at max " + third);
        }
    }

    @Test
    void shouldRefuseABudgetThatMakesNoSense() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
        assertTrue(none.getMessage().contains("salesforce.retry.max-attempts"), none.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ofMillis(-1), Duration.ZERO));
        assertEquals(Duration.ZERO, new RetryPolicy(2, Duration.ZERO, Duration.ZERO).backoffAfter(1));
    }
}
