package dev.planbridge.changefeed.capture;

import dev.planbridge.contracts.feed.ChangeEvent;
import java.util.List;

/** What the engine reports for metrics and health; every method has a no-op default. */
public interface CaptureListener {

    CaptureListener NONE = new CaptureListener() {
    };

    /** After a commit: the events that became visible. */
    default void published(String object, List<ChangeEvent> events) {
    }

    /** Snapshot progress: records read so far by the running snapshot or resnapshot. */
    default void snapshotProgress(String object, long rowsRead, boolean done) {
    }

    /** A complete poll ended without error. */
    default void pollSucceeded(String object) {
    }
}
