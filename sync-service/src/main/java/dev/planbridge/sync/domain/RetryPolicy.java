package dev.planbridge.sync.domain;

import java.time.Duration;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * When and how long to wait before trying a failed call or record again: exponential backoff with jitter for
 * transient faults, a longer pause for the org's request limit, an immediate retry after a new login.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration requestLimitPause,
                          int maxRequestLimitPauses, DoubleSupplier random) {

    /** Per-record errors worth retrying: the row was locked by another transaction. */
    public static final Set<String> RETRYABLE_RECORD_ERRORS = Set.of("UNABLE_TO_LOCK_ROW");

    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(60), 60,
                Math::random);
    }

    public enum Action { RETRY, RELOGIN_THEN_RETRY, GIVE_UP }

    /** @param verifyFirst the failed call may have been applied: check by query before sending again */
    public record Decision(Action action, Duration delay, boolean verifyFirst) {
        static Decision giveUp() {
            return new Decision(Action.GIVE_UP, Duration.ZERO, false);
        }
    }

    /**
     * @param attempt          how many times this call was sent already (1 after the first failure)
     * @param limitPausesSoFar how many request-limit pauses this push already took
     */
    public Decision onCallFailure(CrmCallException failure, int attempt, int limitPausesSoFar) {
        return switch (failure.kind()) {
            case SESSION_EXPIRED -> attempt <= maxAttempts
                    ? new Decision(Action.RELOGIN_THEN_RETRY, Duration.ZERO, false) : Decision.giveUp();
            case REQUEST_LIMIT -> limitPausesSoFar < maxRequestLimitPauses
                    ? new Decision(Action.RETRY, jitter(requestLimitPause), false) : Decision.giveUp();
            case TRANSIENT -> attempt < maxAttempts
                    ? new Decision(Action.RETRY, backoff(attempt), true) : Decision.giveUp();
            case PERMANENT -> Decision.giveUp();
        };
    }

    /** A single record failed inside a call that otherwise went through. */
    public Decision onRecordFailure(String statusCode, int attempt) {
        if (RETRYABLE_RECORD_ERRORS.contains(statusCode) && attempt < maxAttempts) {
            return new Decision(Action.RETRY, backoff(attempt), false);
        }
        return Decision.giveUp();
    }

    /** base · 2^(attempt-1), capped, then "equal jitter": between half and all of it. */
    public Duration backoff(int attempt) {
        long base = baseDelay.toMillis();
        long exponential = attempt >= 31 ? Long.MAX_VALUE : base << Math.max(0, attempt - 1);
        long capped = Math.min(exponential < 0 ? Long.MAX_VALUE : exponential, maxDelay.toMillis());
        return jitter(Duration.ofMillis(capped));
    }

    private Duration jitter(Duration delay) {
        long millis = delay.toMillis();
        long half = millis / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (millis - half)));
    }
}
