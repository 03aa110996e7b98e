package dev.planbridge.support.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: base, 2x, 4x ... up to max; reset after a success. */
public final class Backoff {

    private final Duration base;
    private final Duration max;
    private int failures;

    public Backoff(Duration base, Duration max) {
        if ((base.isZero() || base.isNegative()) || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < base <= max, got " + base + " and " + max);
        }
        this.base = base;
        this.max = max;
    }

    /** The wait after one more failure. */
    public Duration next() {
        int exponent = Math.min(failures, 20);
        failures++;
        long millis = Math.min(max.toMillis(), base.toMillis() << exponent);
        long jitter = ThreadLocalRandom.current().nextLong(millis / 5 + 1);
        return Duration.ofMillis(Math.min(max.toMillis(), millis - millis / 10 + jitter));
    }

    public int failures() {
        return failures;
    }

    public void reset() {
        failures = 0;
    }
}
