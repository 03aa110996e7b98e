package dev.planbridge.sync.domain;

import java.util.List;

/**
 * Whether a plan's model may be activated: not while conflicts are held or records failed, unless an admin forces it
 * and says why (the reason is audited with the activation).
 */
public final class ActivationGate {

    /** What the plan's pushes left open: held conflicts and failed or invalid records, each named. */
    public record Open(List<String> heldConflicts, List<String> failedRecords) {

        public Open {
            heldConflicts = List.copyOf(heldConflicts);
            failedRecords = List.copyOf(failedRecords);
        }

        boolean clean() {
            return heldConflicts.isEmpty() && failedRecords.isEmpty();
        }
    }

    /** A refused activation, with the open items a caller must settle (or force past). */
    public static final class Refused extends RuntimeException {
        private final Open open;

        Refused(String message, Open open) {
            super(message);
            this.open = open;
        }

        public Open open() {
            return open;
        }
    }

    /** Forcing is an admin's decision. */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message);
        }
    }

    private ActivationGate() {
    }

    /**
     * @param pushed  true when the plan has a completed apply push (its model exists in Planning state)
     * @param force   the caller asks to activate despite open items
     * @param isAdmin only admins may force
     * @param reason  required with force
     */
    public static void check(boolean pushed, Open open, boolean force, boolean isAdmin, String reason) {
        if (!pushed) {
            throw new IllegalArgumentException("planId: the plan has no completed apply push; push it before activating");
        }
        if (force && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("reason: a forced activation needs a reason (it is audited)");
        }
        if (force && !isAdmin) {
            throw new NotAllowed("force: only an admin can force an activation past open conflicts or failures");
        }
        if (!open.clean() && !force) {
            throw new Refused("The plan has " + open.heldConflicts().size() + " held conflicts and "
                    + open.failedRecords().size() + " failed records; settle them (follow-up push) or have an admin "
                    + "force the activation with a reason", open);
        }
    }
}
