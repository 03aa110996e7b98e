package dev.planbridge.contracts.sync;

import java.time.Instant;

/**
 * A push finished (topic {@code sync.completed}, key = plan id). The planning service moves the plan to
 * SYNCED or PARTIALLY_SYNCED from it.
 *
 * @param mode {@code dry-run} or {@code apply}
 */
public record SyncCompleted(
        int schemaVersion,
        String eventId,
        String pushId,
        String planId,
        long planVersion,
        String mode,
        PushOutcome outcome,
        long planned,
        long written,
        long unchanged,
        long conflicts,
        long failed,
        long apiCalls,
        Instant startedAt,
        Instant finishedAt) {

    public static final int SCHEMA_VERSION = 1;
}
