package dev.planbridge.sync.plan;

import dev.planbridge.sync.domain.DesiredPlan;

/** Where a push gets the plan's desired state from. */
public interface DesiredStateSource {

    /**
     * @param expectedChecksum the checksum of the approved version, or null to accept the current one
     * @throws PlanUnavailableException when the planning service cannot be reached or answers 5xx (try later)
     * @throws DesiredPlan.InvalidPlanException when the plan is missing, unreadable or not the approved version
     */
    DesiredPlan read(String planId, String expectedChecksum);

    /** The planning service is down or overloaded; the push waits and tries again. */
    class PlanUnavailableException extends RuntimeException {
        public PlanUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
