package dev.planbridge.sync.domain;

import dev.planbridge.contracts.sync.PushOutcome;

/**
 * The plan's outcome after one of its pushes finished. A push only sees its own records: a follow-up that wrote
 * every resolved conflict is itself SYNCED, yet the plan stays PARTIALLY_SYNCED while any held conflict of the plan
 * is still open or a record of the plan failed or was skipped as invalid.
 */
public final class PlanOutcomes {

    private PlanOutcomes() {
    }

    /**
     * @param push          the finished push's own outcome
     * @param followUp      whether the push applied resolved conflicts of an earlier push
     * @param openConflicts held conflicts of the plan that are not yet resolved and pushed
     * @param problems      records of the plan that failed or were skipped as invalid
     */
    public static PushOutcome of(PushOutcome push, boolean followUp, long openConflicts, long problems) {
        if (openConflicts < 0 || problems < 0) {
            throw new IllegalArgumentException("Counts cannot be negative: openConflicts=" + openConflicts
                    + ", problems=" + problems);
        }
        if (push == PushOutcome.FAILED) {
            // A failed follow-up wrote nothing, but the push it follows did: the plan stays partially synced.
            return followUp ? PushOutcome.PARTIALLY_SYNCED : PushOutcome.FAILED;
        }
        if (push == PushOutcome.PARTIALLY_SYNCED || openConflicts > 0 || problems > 0) {
            return PushOutcome.PARTIALLY_SYNCED;
        }
        return PushOutcome.SYNCED;
    }
}
