package dev.planbridge.sync.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * What a push does when one of its steps (planning, saving the plan, queueing events, writing) fails with an
 * unexpected error: try again after a growing wait, or give up once the same step failed {@code maxAttempts} times
 * in a row, so a push that can never get past a step ends FAILED with the reason instead of starting over forever
 * (issue 25: a push stayed QUEUED for good while its save was aborted at every attempt).
 */
public final class StepRetries {

    /** What to do after a failure. */
    public sealed interface Decision permits Retry, GiveUp {
        /** Failures of this step in a row, this one included. */
        int failures();

        /** The reason to show on the push. */
        String reason();
    }

    public record Retry(int failures, Duration delay, String reason) implements Decision {
    }

    public record GiveUp(int failures, String reason) implements Decision {
    }

    private final int maxAttempts;
    private final Duration firstWait;
    private final Duration maxWait;

    public StepRetries(int maxAttempts, Duration firstWait, Duration maxWait) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("sync.max-step-attempts must be at least 1, was " + maxAttempts);
        }
        if (firstWait == null || firstWait.isNegative() || maxWait == null || maxWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("the first wait must be ≥ 0 and not longer than the longest wait");
        }
        this.maxAttempts = maxAttempts;
        this.firstWait = firstWait;
        this.maxWait = maxWait;
    }

    /**
     * @param previousStep     the step whose failures are counted so far (null when none)
     * @param previousFailures how many times in a row it failed
     * @param step             the step that failed now
     * @param error            what went wrong
     */
    public Decision failed(String previousStep, int previousFailures, String step, String error) {
        Objects.requireNonNull(step, "step");
        int failures = step.equals(previousStep) ? previousFailures + 1 : 1;
        String cause = error == null || error.isBlank() ? "no message" : error;
        if (failures >= maxAttempts) {
            return new GiveUp(failures, step + " failed " + failures + (failures == 1 ? " time" : " times")
                    + " in a row; the push stops retrying. Last error: " + cause);
        }
        Duration wait = firstWait.multipliedBy(1L << Math.min(failures - 1, 20));
        wait = wait.compareTo(maxWait) > 0 ? maxWait : wait;
        return new Retry(failures, wait, step + " failed (attempt " + failures + " of " + maxAttempts + "), retrying in "
                + wait.toMillis() + " ms: " + cause);
    }
}
