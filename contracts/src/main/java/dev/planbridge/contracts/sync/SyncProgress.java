package dev.planbridge.contracts.sync;

import java.time.Instant;

/**
 * Progress of a push (topic {@code sync.progress}, key = push id), published at most a few times a second.
 *
 * @param phase  READING_PLAN, READING_CRM, PLANNING, WRITING, DONE
 * @param object the Salesforce object currently being written, when writing
 */
public record SyncProgress(
        int schemaVersion,
        String pushId,
        String planId,
        String phase,
        String object,
        long done,
        long total,
        long written,
        long unchanged,
        long conflicts,
        long failed,
        long apiCalls,
        Instant at) {

    public static final int SCHEMA_VERSION = 1;
}
