package dev.planbridge.sync.push;

import java.time.Instant;
import java.util.UUID;

/** One conflict as the API shows it. */
public record ConflictView(UUID id, UUID pushId, String object, String recordKey, String recordId, String field,
                           String baseValue, String planValue, String crmValue, String changedById,
                           String changedByName, Instant changedAt, String policy, boolean held, String resolution,
                           String resolvedValue, String resolvedBy, Instant resolvedAt) {

    static ConflictView of(PushConflict c) {
        return new ConflictView(c.id, c.pushId, c.object, c.naturalKey, c.recordId, c.field, c.baseValue, c.planValue,
                c.crmValue, c.changedById, c.changedByName, c.changedAt, c.policy, c.held, c.resolution,
                c.resolvedValue, c.resolvedBy, c.resolvedAt);
    }
}
