package dev.planbridge.contracts.sync;

import java.time.Instant;

/**
 * A push finished (topic {@code sync.completed}, key = plan id). The planning service moves the plan to
 * SYNCED or PARTIALLY_SYNCED from it. Published through the sync service's outbox: a re-send after a crash carries
 * the same {@code eventId}.
 *
 * @param mode          {@code dry-run} or {@code apply}
 * @param outcome       this push's own outcome
 * @param planOutcome   the plan's outcome over all its pushes (a follow-up that wrote its resolved conflicts still
 *                      leaves the plan PARTIALLY_SYNCED while other conflicts of the plan are open); null for dry runs
 *                      and in events of schema version 1 (then use {@code outcome})
 * @param openConflicts held conflicts of the plan not yet resolved and pushed; null when {@code planOutcome} is
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
        Instant finishedAt,
        PushOutcome planOutcome,
        Long openConflicts) {

    /** Version 2 added {@code planOutcome} and {@code openConflicts}; readers of version 1 ignore them. */
    public static final int SCHEMA_VERSION = 2;

    /** An event without the plan-level outcome (schema version 1 shape). */
    public SyncCompleted(int schemaVersion, String eventId, String pushId, String planId, long planVersion, String mode,
                         PushOutcome outcome, long planned, long written, long unchanged, long conflicts, long failed,
                         long apiCalls, Instant startedAt, Instant finishedAt) {
        this(schemaVersion, eventId, pushId, planId, planVersion, mode, outcome, planned, written, unchanged, conflicts,
                failed, apiCalls, startedAt, finishedAt, null, null);
    }

    /** The outcome the plan's status follows: {@code planOutcome}, or {@code outcome} when the sender did not set it. */
    public PushOutcome effectivePlanOutcome() {
        return planOutcome != null ? planOutcome : outcome;
    }
}
