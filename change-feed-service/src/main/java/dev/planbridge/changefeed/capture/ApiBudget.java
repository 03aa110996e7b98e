package dev.planbridge.changefeed.capture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The share of the org's daily API allocation the feed may use, over a rolling 24 hours (minute buckets). Polling
 * slows down from 80 % of the budget on, so that the remaining calls last, and stops until calls age out when the
 * budget is spent.
 */
public final class ApiBudget {

    private static final int BUCKETS = 24 * 60;
    private static final Duration WINDOW = Duration.ofHours(24);
    private static final double SLOW_DOWN_FROM = 0.8;
    private static final Duration LONGEST_DELAY = Duration.ofHours(1);

    private final long dailyCalls;
    private final Clock clock;
    private final long[] buckets = new long[BUCKETS];
    private final long[] bucketMinute = new long[BUCKETS];

    public ApiBudget(long dailyCalls, Clock clock) {
        if (dailyCalls < 1) {
            throw new IllegalArgumentException("The API budget must allow at least 1 call a day, not " + dailyCalls);
        }
        this.dailyCalls = dailyCalls;
        this.clock = clock;
    }

    public long dailyCalls() {
        return dailyCalls;
    }

    public synchronized void record(long calls) {
        long minute = currentMinute();
        int slot = (int) (minute % BUCKETS);
        if (bucketMinute[slot] != minute) {
            bucketMinute[slot] = minute;
            buckets[slot] = 0;
        }
        buckets[slot] += calls;
    }

    /** Calls made in the last 24 hours. */
    public synchronized long used() {
        long minute = currentMinute();
        long sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (minute - bucketMinute[i] < BUCKETS) {
                sum += buckets[i];
            }
        }
        return sum;
    }

    public boolean exhausted() {
        return used() >= dailyCalls;
    }

    /**
     * How long to wait before the next poll.
     *
     * @param pollInterval the configured interval (the delay while the budget is comfortable)
     * @param callsPerPoll what one poll costs (the last one's count is a fair estimate)
     */
    public Duration nextPollDelay(Duration pollInterval, long callsPerPoll) {
        long used = used();
        if (used < SLOW_DOWN_FROM * dailyCalls) {
            return pollInterval;
        }
        long remaining = dailyCalls - used;
        if (remaining <= 0) {
            return untilOldestCallAgesOut();
        }
        // Spread the remaining calls over the window: fewer left, longer waits.
        long perPoll = Math.max(1, callsPerPoll);
        Duration spread = WINDOW.multipliedBy(perPoll).dividedBy(remaining);
        Duration delay = spread.compareTo(pollInterval) > 0 ? spread : pollInterval;
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }

    private synchronized Duration untilOldestCallAgesOut() {
        long minute = currentMinute();
        long oldest = minute;
        for (int i = 0; i < BUCKETS; i++) {
            if (buckets[i] > 0 && minute - bucketMinute[i] < BUCKETS && bucketMinute[i] < oldest) {
                oldest = bucketMinute[i];
            }
        }
        Instant agesOut = Instant.ofEpochSecond((oldest + BUCKETS) * 60);
        Duration wait = Duration.between(clock.instant(), agesOut);
        return wait.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : wait;
    }

    private long currentMinute() {
        return clock.instant().getEpochSecond() / 60;
    }
}
