package dev.planbridge.sync.domain;

import java.util.List;
import java.util.Map;

/**
 * What a push does with one record after the three-way comparison.
 *
 * @param ops       the writes (empty when unchanged, held or kept); an association whose role changed gets
 *                  a DELETE and a CREATE
 * @param writes    the fields to send (for CREATE/UPDATE)
 * @param before    the CRM's values of those fields before the write (for undo)
 * @param conflicts every conflicting field, whatever the policy did with it
 * @param held      true when a FLAG conflict holds the record back
 */
public record RecordDecision(SObjectType object, String naturalKey, String recordId, List<OpKind> ops,
                             Map<String, String> writes, Map<String, String> before,
                             List<FieldConflict> conflicts, boolean held) {

    public boolean unchanged() {
        return ops.isEmpty() && conflicts.isEmpty();
    }
}
