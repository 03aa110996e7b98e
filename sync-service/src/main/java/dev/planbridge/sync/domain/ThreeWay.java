package dev.planbridge.sync.domain;

import java.util.Objects;

/**
 * The three-way rule for one field: baseline (what the plan was drafted against), desired (the plan),
 * current (the CRM now). Null means "no value" (or no record).
 */
public final class ThreeWay {

    private ThreeWay() {
    }

    /**
     * @param changedByUs the current value was put there by this service (an earlier push, known from the
     *                    ledger or because the record was last modified by the integration user)
     */
    public static Classification classify(String baseline, String desired, String current, boolean changedByUs) {
        if (Objects.equals(current, desired)) {
            return Classification.UNCHANGED;
        }
        if (Objects.equals(current, baseline) || changedByUs) {
            return Classification.WRITE;
        }
        return Classification.CONFLICT;
    }
}
