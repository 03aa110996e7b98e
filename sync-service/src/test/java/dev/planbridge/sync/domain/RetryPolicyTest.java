package dev.planbridge.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    static RetryPolicy policy(double random) {
        return new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30), 3, () -> random);
    }

    static CrmCallException failure(CrmCallException.Kind kind) {
        return new CrmCallException(kind, kind.name(), "test", null);
    }

    @Test
    void shouldRetryLockedRowsWithGrowingBackoff() {
        RetryPolicy policy = policy(1.0);
        assertEquals(RetryPolicy.Action.RETRY, policy.onRecordFailure("UNABLE_TO_LOCK_ROW", 1).action());
        assertEquals(Duration.ofMillis(100), policy.onRecordFailure("UNABLE_TO_LOCK_ROW", 1).delay());
        assertEquals(Duration.ofMillis(200), policy.onRecordFailure("UNABLE_TO_LOCK_ROW", 2).delay());
        assertEquals(Duration.ofMillis(800), policy.onRecordFailure("UNABLE_TO_LOCK_ROW", 4).delay());
        assertEquals(RetryPolicy.Action.GIVE_UP, policy.onRecordFailure("UNABLE_TO_LOCK_ROW", 5).action());
    }

    @Test
    void shouldNotRetryRecordErrorsThatWillRecur() {
        assertEquals(RetryPolicy.Action.GIVE_UP, policy(0.5).onRecordFailure("REQUIRED_FIELD_MISSING", 1).action());
        assertEquals(RetryPolicy.Action.GIVE_UP, policy(0.5).onRecordFailure("INVALID_CROSS_REFERENCE_KEY", 1).action());
    }

    @Test
    void shouldCapBackoffAndJitterBetweenHalfAndAll() {
        assertEquals(Duration.ofSeconds(2), policy(1.0).backoff(30));
        assertEquals(Duration.ofSeconds(1), policy(0.0).backoff(30));
        assertEquals(Duration.ofSeconds(2), policy(1.0).backoff(400));
        assertEquals(Duration.ofMillis(50), policy(0.0).backoff(1));
    }

    @Test
    void shouldLogInAgainWhenTheSessionExpired() {
        RetryPolicy.Decision decision = policy(0.5).onCallFailure(failure(CrmCallException.Kind.SESSION_EXPIRED), 1, 0);
        assertEquals(RetryPolicy.Action.RELOGIN_THEN_RETRY, decision.action());
        assertEquals(Duration.ZERO, decision.delay());
    }

    @Test
    void shouldPauseOnRequestLimitWithoutSpendingAttempts() {
        RetryPolicy.Decision decision = policy(1.0).onCallFailure(failure(CrmCallException.Kind.REQUEST_LIMIT), 50, 0);
        assertEquals(RetryPolicy.Action.RETRY, decision.action());
        assertEquals(Duration.ofSeconds(30), decision.delay());
        assertEquals(RetryPolicy.Action.GIVE_UP,
                policy(1.0).onCallFailure(failure(CrmCallException.Kind.REQUEST_LIMIT), 1, 3).action());
    }

    @Test
    void shouldVerifyBeforeRetryingAfterATransientFault() {
        RetryPolicy.Decision decision = policy(1.0).onCallFailure(failure(CrmCallException.Kind.TRANSIENT), 2, 0);
        assertEquals(RetryPolicy.Action.RETRY, decision.action());
        assertTrue(decision.verifyFirst());
        assertEquals(Duration.ofMillis(200), decision.delay());
        assertEquals(RetryPolicy.Action.GIVE_UP,
                policy(1.0).onCallFailure(failure(CrmCallException.Kind.TRANSIENT), 5, 0).action());
    }

    @Test
    void shouldGiveUpOnPermanentFaults() {
        RetryPolicy.Decision decision = policy(1.0).onCallFailure(failure(CrmCallException.Kind.PERMANENT), 1, 0);
        assertEquals(RetryPolicy.Action.GIVE_UP, decision.action());
        assertFalse(decision.verifyFirst());
    }
}
