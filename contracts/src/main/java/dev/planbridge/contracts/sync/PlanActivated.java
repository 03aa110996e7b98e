package dev.planbridge.contracts.sync;

import java.time.Instant;

/**
 * A plan's Territory2Model is Active in the CRM (topic {@code sync.activations}, key = plan id), sent once per
 * activation through the sync service's outbox.
 *
 * @param activationId      the activation request that did it
 * @param modelId           the model now Active
 * @param archivedModelId   the model Salesforce archived with it, null on the org's first activation
 * @param archivedQuotas    quotas that archive deleted, saved in the plan's history before it
 * @param recreatedQuotas   of those, how many were created again in the new model
 * @param forced            activated past held conflicts or failed records by an admin
 */
public record PlanActivated(
        int schemaVersion,
        String eventId,
        String activationId,
        String planId,
        String modelId,
        String modelDeveloperName,
        String archivedModelId,
        long archivedQuotas,
        long recreatedQuotas,
        boolean forced,
        String requestedBy,
        Instant activatedAt) {

    public static final int SCHEMA_VERSION = 1;
}
