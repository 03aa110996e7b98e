package dev.planbridge.sync.domain;

import java.util.List;
import java.util.Map;

/**
 * Everything a push will do, computed before anything is written.
 *
 * @param tallies per object: records compared and records already as planned
 */
public record PushPlan(List<PlannedOperation> operations, List<Conflict> conflicts, List<PlanIssue> issues,
                       Map<SObjectType, Tally> tallies) {

    /** A conflicting field of one record, with what the policy did about it. */
    public record Conflict(SObjectType object, String naturalKey, String recordId, FieldConflict field, boolean held) {
    }

    public record Tally(long compared, long unchanged) {
    }
}
