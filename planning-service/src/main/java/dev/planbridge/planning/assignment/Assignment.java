package dev.planbridge.planning.assignment;

import java.util.List;

/**
 * Where one account lands in a plan and why.
 *
 * @param territoryKey null when nothing placed it
 * @param ruleId       the rule that placed it (source RULE)
 * @param explanation  the steps taken, in evaluation order, for the "why is this account here?" question
 */
public record Assignment(String accountId, String territoryKey, Source source, Long ruleId, String ruleName,
                         String overrideReason, List<String> explanation) {

    public enum Source { OVERRIDE, RULE, UNASSIGNED }

    /** The {@code assignedBy} value of the desired-state stream. */
    public String assignedBy() {
        return switch (source) {
            case OVERRIDE -> "override:" + accountId;
            case RULE -> "rule:" + ruleId;
            case UNASSIGNED -> "unassigned";
        };
    }
}
