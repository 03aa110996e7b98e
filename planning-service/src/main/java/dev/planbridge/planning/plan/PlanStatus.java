package dev.planbridge.planning.plan;

/** Where a plan is in its life. Only DRAFT plans can be edited. */
public enum PlanStatus {
    DRAFT, IN_REVIEW, APPROVED, SYNCING, SYNCED, PARTIALLY_SYNCED, SUPERSEDED
}
