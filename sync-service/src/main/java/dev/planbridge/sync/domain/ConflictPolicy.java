package dev.planbridge.sync.domain;

import java.util.Locale;

/** What a push does with a conflicting field. */
public enum ConflictPolicy {
    /** Hold the record back and report the conflict; write the other records. */
    FLAG,
    /** Overwrite the CRM's value with the plan's (the conflict is still reported). */
    PLAN_WINS,
    /** Keep the CRM's value (the conflict is still reported). */
    CRM_WINS;

    public static ConflictPolicy parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Conflict policy is missing; use FLAG, PLAN_WINS or CRM_WINS");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown conflict policy '" + text + "'; use FLAG, PLAN_WINS or CRM_WINS");
        }
    }
}
