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
 * @param describeInterval     how often the object's describe is re-read to follow fields added or removed in the org
 *                             (a query failing with INVALID_FIELD re-reads it at once)
 */
public record CaptureSettings(Duration overlap, Duration resnapshotAfter, Duration deletedCheckInterval,
        int maxEventsPerCommit, Duration describeInterval) {

    /** Re-reading the describe costs one API call: every five minutes is 288 calls a day per object. */
    public static final Duration DEFAULT_DESCRIBE_INTERVAL = Duration.ofMinutes(5);

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
        Objects.requireNonNull(describeInterval, "describeInterval");
        if (describeInterval.isZero() || describeInterval.isNegative()) {
            throw new IllegalArgumentException("describeInterval must be positive: " + describeInterval);
        }
        if (maxEventsPerCommit < 1) {
            throw new IllegalArgumentException("maxEventsPerCommit must be at least 1: " + maxEventsPerCommit);
        }
    }

    /** With the default describe interval. */
    public CaptureSettings(Duration overlap, Duration resnapshotAfter, Duration deletedCheckInterval,
            int maxEventsPerCommit) {
        this(overlap, resnapshotAfter, deletedCheckInterval, maxEventsPerCommit, DEFAULT_DESCRIBE_INTERVAL);
    }

    public static CaptureSettings defaults() {
        return new CaptureSettings(Duration.ofSeconds(30), Duration.ofDays(15), Duration.ofMinutes(5), 2000);
    }
}
