package dev.planbridge.sync.activation;

/**
 * {@code POST /api/v1/activations}: activate the Territory2Model of the plan's latest push at {@code at} (an ISO-8601
 * instant; now when absent), or with {@code dryRun} only list what the archive of the current Active model deletes.
 * {@code force} (admins only, with a {@code reason}) activates past held conflicts and failed records.
 */
public record ActivationRequest(String planId, String at, Boolean dryRun, Boolean force, String reason) {
}
