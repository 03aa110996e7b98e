package dev.planbridge.changefeed.capture;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of one engine.
 *
 * @param overlap              how far before the watermark each incremental query starts, so that records committed
 *                             late with an older SystemModstamp are still seen (de-duplicated by the state store)
 * @param resnapshotAfter      a poll gap longer than this (Salesforce keeps deleted rows 15 days, OT2A 12 hours)
 *                             triggers a resnapshot with diff instead of incremental capture
 * @param deletedCheckInterval how often getDeleted is consulted as the backup path for deletes (zero: never)
 * @param maxEventsPerCommit   upper bound of events in one Kafka transaction
 */
public record CaptureSettings(Duration overlap, Duration resnapshotAfter, Duration deletedCheckInterval,
        int maxEventsPerCommit) {

    public CaptureSettings {
        Objects.requireNonNull(overlap, "overlap");
        Objects.requireNonNull(resnapshotAfter, "resnapshotAfter");
        Objects.requireNonNull(deletedCheckInterval, "deletedCheckInterval");
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("overlap must not be negative: " + overlap);
        }
        if (resnapshotAfter.isZero() || resnapshotAfter.isNegative()) {
            throw new IllegalArgumentException("resnapshotAfter must be positive: " + resnapshotAfter);
        }
        if (maxEventsPerCommit < 1) {
            throw new IllegalArgumentException("maxEventsPerCommit must be at least 1: " + maxEventsPerCommit);
        }
    }

    public static CaptureSettings defaults() {
        return new CaptureSettings(Duration.ofSeconds(30), Duration.ofDays(15), Duration.ofMinutes(5), 2000);
    }
}
