package dev.planbridge.changefeed.capture;

import dev.planbridge.contracts.feed.FieldDescribe;
import java.time.Instant;
import java.util.List;

/**
 * Where the capture of one object stands; committed in the same Kafka transaction as the events it covers.
 *
 * @param snapshotDone     false until the initial snapshot has read every record
 * @param watermark        the highest SystemModstamp published (incremental queries start at watermark - overlap)
 * @param lastPollAt       org time at the start of the last complete poll: older than the replication windows means
 *                         a resnapshot with diff is needed
 * @param lastDeletedCheck org time up to which getDeleted has been consulted (the backup path for deletes)
 * @param snapshotRows     records read by the running or last snapshot (progress metric)
 * @param capturedFields   the fields the images carry (Id first) with their describe, committed together with the
 *                         schema change that announced them; null in positions written before fields were recorded
 */
public record CapturePosition(
        String object,
        boolean snapshotDone,
        Instant watermark,
        Instant lastPollAt,
        Instant lastDeletedCheck,
        long snapshotRows,
        List<FieldDescribe> capturedFields) {

    public CapturePosition {
        capturedFields = capturedFields == null ? null : List.copyOf(capturedFields);
    }

    public static CapturePosition initial(String object) {
        return new CapturePosition(object, false, null, null, null, 0, null);
    }

    public CapturePosition withWatermark(Instant newWatermark) {
        return new CapturePosition(object, snapshotDone, newWatermark, lastPollAt, lastDeletedCheck, snapshotRows,
                capturedFields);
    }

    public CapturePosition withLastPollAt(Instant polledAt) {
        return new CapturePosition(object, snapshotDone, watermark, polledAt, lastDeletedCheck, snapshotRows,
                capturedFields);
    }

    public CapturePosition withLastDeletedCheck(Instant checkedUntil) {
        return new CapturePosition(object, snapshotDone, watermark, lastPollAt, checkedUntil, snapshotRows,
                capturedFields);
    }

    public CapturePosition withSnapshotRows(long rows) {
        return new CapturePosition(object, snapshotDone, watermark, lastPollAt, lastDeletedCheck, rows,
                capturedFields);
    }

    public CapturePosition withCapturedFields(List<FieldDescribe> fields) {
        return new CapturePosition(object, snapshotDone, watermark, lastPollAt, lastDeletedCheck, snapshotRows,
                fields);
    }

    public CapturePosition snapshotCompleted(Instant startedAt) {
        Instant mark = watermark == null || startedAt.isAfter(watermark) ? startedAt : watermark;
        return new CapturePosition(object, true, mark, startedAt, lastDeletedCheck == null ? startedAt : lastDeletedCheck,
                snapshotRows, capturedFields);
    }
}
