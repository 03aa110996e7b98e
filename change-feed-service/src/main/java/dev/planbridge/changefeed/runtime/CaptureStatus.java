package dev.planbridge.changefeed.runtime;

import java.time.Instant;

/** What the capture of one object is doing, for health, metrics and GET /api/v1/feed/status. */
public record CaptureStatus(String object, State state, String detail, Instant since, long published,
        long snapshotRows, boolean snapshotDone) {

    public enum State {
        STARTING, STANDBY, RUNNING, PAUSED_REQUEST_LIMIT, FAILING, CONFIGURATION_ERROR, STOPPED;

        /** States in which the feed of this object is not flowing because something is wrong. */
        public boolean unhealthy() {
            return this == FAILING || this == CONFIGURATION_ERROR;
        }
    }
}
