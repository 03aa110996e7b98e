package dev.planbridge.planning.plan;

import dev.planbridge.planning.common.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Every edit of a plan goes through here: the caller must send the ETag it read ({@code If-Match}); the plan row is
 * locked for the transaction, the version compared (412 when stale, 428 when missing), the plan must be a draft
 * (409 otherwise), and the version is bumped once per edit.
 */
@ApplicationScoped
public class PlanGuard {

    private final Event<PlanChanged> changes;

    public PlanGuard(Event<PlanChanged> changes) {
        this.changes = changes;
    }

    public static FiscalPlan find(UUID planId) {
        FiscalPlan plan = FiscalPlan.findById(planId);
        if (plan == null) {
            throw Problem.notFound("No plan " + planId);
        }
        return plan;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public FiscalPlan lockForEdit(UUID planId, String ifMatch) {
        FiscalPlan plan = lock(planId, ifMatch);
        plan.ensureEditable();
        return plan;
    }

    /** Locks and checks the version without requiring a draft (workflow transitions). */
    @Transactional(Transactional.TxType.MANDATORY)
    public FiscalPlan lock(UUID planId, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new Problem(428, "Precondition required",
                    "Send the plan's ETag in If-Match so concurrent edits cannot overwrite each other");
        }
        FiscalPlan plan = FiscalPlan.findById(planId, LockModeType.PESSIMISTIC_WRITE);
        if (plan == null) {
            throw Problem.notFound("No plan " + planId);
        }
        String expected = ifMatch.trim();
        if (expected.startsWith("W/")) {
            expected = expected.substring(2);
        }
        if (!expected.equals("*") && !expected.equals(plan.etag())) {
            throw new Problem(412, "Precondition failed", "The plan is at version " + plan.version
                    + " but the request was based on " + ifMatch + "; reload it and retry");
        }
        return plan;
    }

    /** Bumps the version and tells observers (after commit) what changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(FiscalPlan plan, PlanChanged.Change change) {
        long previous = plan.version;
        plan.touch(Instant.now());
        changes.fire(new PlanChanged(plan.id, previous, plan.version, change));
    }
}
