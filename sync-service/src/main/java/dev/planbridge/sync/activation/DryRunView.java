package dev.planbridge.sync.activation;

import dev.planbridge.sync.domain.QuotaCarryOver;
import java.util.List;

/** What a dry run found: the model to activate, the Active model its activation archives, the quotas that deletes. */
public record DryRunView(String planId, String modelDeveloperName, String modelId, String modelState,
                         String archivesModelId, String archivesModelName, int quotasDeleted,
                         List<QuotaCarryOver.SavedQuota> quotas, List<String> heldConflicts,
                         List<String> failedRecords) {

    static DryRunView of(ActivationService.DryRun dry) {
        var preview = dry.preview();
        return new DryRunView(dry.planId(), dry.modelDeveloperName(), preview.target().id(), preview.target().state(),
                preview.current() == null ? null : preview.current().id(),
                preview.current() == null ? null : preview.current().name(), preview.quotas().size(), preview.quotas(),
                dry.open().heldConflicts(), dry.open().failedRecords());
    }
}
