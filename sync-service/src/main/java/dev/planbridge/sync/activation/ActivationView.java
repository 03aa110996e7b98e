package dev.planbridge.sync.activation;

import java.time.Instant;
import java.util.Map;

/** An activation as the API shows it. */
public record ActivationView(String id, String planId, String modelDeveloperName, String status, Instant runAt,
                             String requestedBy, boolean forced, String forceReason, Map<String, Object> forcedPast,
                             String targetModelId, String archivedModelId, String archivedModelName, int attempts,
                             String lastError, Integer recreatedQuotas, Instant createdAt, Instant activatedAt,
                             Instant finishedAt) {

    static ActivationView of(Activation a) {
        return new ActivationView(a.id.toString(), a.planId, a.modelDeveloperName, a.status, a.runAt, a.requestedBy,
                a.forced, a.forceReason, a.forcedPast, a.targetModelId, a.archivedModelId, a.archivedModelName,
                a.attempts, a.lastError, a.recreatedQuotas, a.createdAt, a.activatedAt, a.finishedAt);
    }
}
