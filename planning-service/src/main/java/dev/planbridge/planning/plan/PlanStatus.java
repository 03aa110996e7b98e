package dev.planbridge.planning.plan;

/** Where a plan is in its life. Only DRAFT plans can be edited. */
public enum PlanStatus {
    DRAFT, IN_REVIEW, APPROVED, SYNCING, SYNCED, PARTIALLY_SYNCED, SUPERSEDED;

    /** Approved and not replaced: the plan of its fiscal year that the sync service executes. */
    public static final java.util.Set<PlanStatus> EXECUTABLE =
            java.util.EnumSet.of(APPROVED, SYNCING, SYNCED, PARTIALLY_SYNCED);
}
