package dev.planbridge.contracts.sync;

import java.time.Instant;

/**
 * A record the push held back because the CRM changed it since the plan's baseline (topic
 * {@code sync.conflicts}, key = push id). Values are rendered as strings, null when absent.
 */
public record SyncConflict(
        int schemaVersion,
        String conflictId,
        String pushId,
        String planId,
        String object,
        String recordKey,
        String recordId,
        String field,
        String baseValue,
        String planValue,
        String crmValue,
        String changedById,
        String changedByName,
        Instant changedAt) {

    public static final int SCHEMA_VERSION = 1;
}
