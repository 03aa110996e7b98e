package dev.planbridge.contracts.plan;

import java.time.Instant;

/**
 * A plan was approved (topic {@code plan.events}, key = plan id). Published through the planning service's
 * outbox, exactly once per approval. The plan's content is not in the event (a 100k-account plan does not
 * fit in a Kafka message): consumers read it from {@code desiredStateUrl} and check it against {@code checksum}.
 *
 * @param version         the plan's version at approval (monotonic per plan)
 * @param checksum        SHA-256 (hex) of the desired-state stream at this version
 * @param desiredStateUrl path of the streaming endpoint, relative to the planning service, e.g.
 *                        {@code /api/v1/plans/{id}/desired-state}
 * @param autoPush        whether the sync service should start an apply push on its own
 */
public record PlanApproved(
        int schemaVersion,
        String eventId,
        String planId,
        String planName,
        long version,
        String checksum,
        String approvedBy,
        Instant approvedAt,
        String desiredStateUrl,
        boolean autoPush) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = "PlanApproved";
}
