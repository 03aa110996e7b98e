package dev.planbridge.localstack;

import java.time.Duration;
import java.time.Instant;

/**
 * How long to wait before restarting a process that exited on its own, as Kubernetes' CrashLoopBackOff does: a short
 * pause the first time, doubling with every further crash up to a cap, back to the short pause once the process has
 * run stably for a while. One instance per supervised process.
 */
final class RestartBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration CAP = Duration.ofSeconds(30);
    /** A process that ran this long before exiting is not crash-looping: its next restart is quick again. */
    static final Duration STABLE = Duration.ofMinutes(2);

    private Duration next = FIRST;

    /** The pause before restarting a process that started at {@code startedAt} and was found dead at {@code diedAt}. */
    Duration delayFor(Instant startedAt, Instant diedAt) {
        if (Duration.between(startedAt, diedAt).compareTo(STABLE) >= 0) {
            next = FIRST;
        }
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(CAP) > 0 ? CAP : doubled;
        return delay;
    }
}
