package dev.planbridge.planning.plan;

/**
 * Where a plan is in its life. Only DRAFT plans can be edited. ACTIVE: its Territory2Model went live in the CRM
 * (sync's {@code PlanActivated}); ARCHIVED: a later plan's model went live and Salesforce archived this one's.
 */
public enum PlanStatus {
    DRAFT, IN_REVIEW, APPROVED, SYNCING, SYNCED, PARTIALLY_SYNCED, ACTIVE, SUPERSEDED, ARCHIVED;

    /** Approved and not replaced: the plan of its fiscal year that the sync service executes. */
    public static final java.util.Set<PlanStatus> EXECUTABLE =
            java.util.EnumSet.of(APPROVED, SYNCING, SYNCED, PARTIALLY_SYNCED, ACTIVE);
}
