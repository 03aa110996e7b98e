package dev.planbridge.emulator.bulk;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A count over a rolling 24-hour window (records uploaded, batches, query jobs): Salesforce's Bulk API allocations
 * are "per rolling 24-hour period", not per calendar day. Thread-safe.
 */
final class RollingAllocation {

    private static final Duration WINDOW = Duration.ofHours(24);

    private record Use(long atMillis, long amount) {
    }

    private final Clock clock;
    private final Deque<Use> uses = new ArrayDeque<>();
    private long total;

    RollingAllocation(Clock clock) {
        this.clock = clock;
    }

    /** Takes {@code amount} if it fits under {@code limit} within the window; false (nothing taken) otherwise. */
    synchronized boolean tryTake(long amount, long limit) {
        long now = clock.millis();
        while (!uses.isEmpty() && now - uses.peekFirst().atMillis() >= WINDOW.toMillis()) {
            total -= uses.removeFirst().amount();
        }
        if (total + amount > limit) {
            return false;
        }
        uses.addLast(new Use(now, amount));
        total += amount;
        return true;
    }

    synchronized long used() {
        return total;
    }
}
