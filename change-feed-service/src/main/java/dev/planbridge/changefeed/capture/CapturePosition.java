package dev.planbridge.changefeed.capture;

import java.time.Instant;

/**
 * Where the capture of one object stands; committed in the same Kafka transaction as the events it covers.
 *
 * @param snapshotDone     false until the initial snapshot has read every record
 * @param watermark        the highest SystemModstamp published (incremental queries start at watermark - overlap)
 * @param lastPollAt       org time at the start of the last complete poll: older than the replication windows means
 *                         a resnapshot with diff is needed
 * @param lastDeletedCheck org time up to which getDeleted has been consulted (the backup path for deletes)
 * @param snapshotRows     records read by the running or last snapshot (progress metric)
 */
public record CapturePosition(
        String object,
        boolean snapshotDone,
        Instant watermark,
        Instant lastPollAt,
        Instant lastDeletedCheck,
        long snapshotRows) {

    public static CapturePosition initial(String object) {
        return new CapturePosition(object, false, null, null, null, 0);
    }

    public CapturePosition withWatermark(Instant newWatermark) {
        return new CapturePosition(object, snapshotDone, newWatermark, lastPollAt, lastDeletedCheck, snapshotRows);
    }

    public CapturePosition withLastPollAt(Instant polledAt) {
        return new CapturePosition(object, snapshotDone, watermark, polledAt, lastDeletedCheck, snapshotRows);
    }

    public CapturePosition withLastDeletedCheck(Instant checkedUntil) {
        return new CapturePosition(object, snapshotDone, watermark, lastPollAt, checkedUntil, snapshotRows);
    }

    public CapturePosition withSnapshotRows(long rows) {
        return new CapturePosition(object, snapshotDone, watermark, lastPollAt, lastDeletedCheck, rows);
    }

    public CapturePosition snapshotCompleted(Instant startedAt) {
        Instant mark = watermark == null || startedAt.isAfter(watermark) ? startedAt : watermark;
        return new CapturePosition(object, true, mark, startedAt, lastDeletedCheck == null ? startedAt : lastDeletedCheck,
                snapshotRows);
    }
}
