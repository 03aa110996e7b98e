package dev.planbridge.changefeed.capture;

import java.time.Instant;
import java.util.Map;

/**
 * Where the capture of one object publishes and remembers. {@link #commit} is atomic: the events, the state-store
 * changes and the new position become visible together or not at all. {@link #open} returns only what was committed,
 * so an engine restarted after a crash continues exactly where the last commit left off.
 */
public interface CaptureStore extends AutoCloseable {

    /** Takes over the object (fencing any older writer) and restores what was committed. */
    Restored open();

    /** Publishes a batch atomically; on failure nothing of it is visible and the store must be re-opened. */
    void commit(CaptureBatch batch);

    @Override
    void close();

    /**
     * What was committed for the object.
     *
     * @param images         the latest image of every live record (the before-image store)
     * @param deletedMarkers records known to be deleted, with the SystemModstamp of their delete
     * @param position       null when nothing was ever committed (initial snapshot needed)
     */
    record Restored(Map<String, Map<String, Object>> images, Map<String, Instant> deletedMarkers,
            CapturePosition position) {
    }

    /** Another instance took the object over (its transactional id fenced this one): stop capturing. */
    class FencedException extends RuntimeException {
        public FencedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
