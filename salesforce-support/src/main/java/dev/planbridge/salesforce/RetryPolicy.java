package dev.planbridge.salesforce;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently {@link SalesforceClient} retries a call. Which faults are retried is a property of the
 * call, not of the budget: see {@link #retries(FaultCategory, CallKind)}.
 *
 * @param maxAttempts    attempts per call, the first included (1: no retries)
 * @param initialBackoff wait before the second attempt, doubled per attempt
 * @param maxBackoff     the longest single wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("salesforce.retry.max-attempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative() || maxBackoff == null
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("salesforce.retry needs 0 <= initial-backoff <= max-backoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
    }

    public static RetryPolicy of(SalesforceConfig.Retry config) {
        return new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff());
    }

    /** Whether a call may read twice (a query) or could apply a write twice. */
    public enum CallKind {
        READ, WRITE
    }

    /**
     * A refused call (request limit, lock) is retried whatever it does; a transient failure only when the call reads,
     * because a write may have been applied before the connection broke and its caller must find out which.
     * Permanent faults are never retried; an expired session is renewed, not retried (see SalesforceClient).
     */
    public boolean retries(FaultCategory category, CallKind kind) {
        return switch (category) {
            case REQUEST_LIMIT, LOCK -> true;
            case TRANSIENT -> kind == CallKind.READ;
            case SESSION_EXPIRED, PERMANENT -> false;
        };
    }

    /** The wait after failed attempt {@code attempt} (1-based): exponential, with jitter in its upper half. */
    public Duration backoffAfter(int attempt) {
        long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
