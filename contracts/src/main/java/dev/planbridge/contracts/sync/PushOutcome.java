package dev.planbridge.contracts.sync;

/** How a push ended; the planning service maps it onto the plan's status. */
public enum PushOutcome {
    /** Everything the plan wanted is in the CRM. */
    SYNCED,
    /** Some records were held back as conflicts or failed. */
    PARTIALLY_SYNCED,
    /** The push could not complete (e.g. plan unreadable); nothing more will happen without a new push. */
    FAILED
}
