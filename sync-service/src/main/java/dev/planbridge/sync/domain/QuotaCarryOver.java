package dev.planbridge.sync.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the quotas that archiving the old model deletes are re-created in the new model: those whose territory
 * exists in the new model under the same DeveloperName, whose owner the new plan still assigns to that territory,
 * and whose period the new model's quotas cover, unless the new model already holds that quota.
 */
public final class QuotaCarryOver {

    /** A territory quota as it was saved before the archive deleted it. */
    public record SavedQuota(String quotaId, String territoryDeveloperName, String ownerId, String startDate,
                             String amount, String quantity, String forecastingTypeId) {

        /** Identity of a quota in a model: owner, territory, period and forecasting type. */
        String key(String territoryId) {
            return ownerId + "|" + territoryId + "|" + startDate + "|" + forecastingTypeId;
        }
    }

    /** The new model as the carry-over needs it. */
    public record NewModel(Map<String, String> territoryIdByDeveloperName, Set<String> assignments,
                           Set<String> periods, Set<String> existingQuotaKeys) {

        /** The key of an assignment in {@link #assignments}. */
        public static String assignment(String userId, String territoryId) {
            return userId + "|" + territoryId;
        }

        /** The key of an existing quota in {@link #existingQuotaKeys}. */
        public static String quota(String ownerId, String territoryId, String startDate, String forecastingTypeId) {
            return ownerId + "|" + territoryId + "|" + startDate + "|" + forecastingTypeId;
        }
    }

    /** A quota to create in the new model, and where it came from. */
    public record Recreate(SavedQuota source, String territoryId) {

        public Map<String, String> values() {
            java.util.LinkedHashMap<String, String> values = new java.util.LinkedHashMap<>();
            values.put("QuotaOwnerId", source.ownerId());
            values.put("Territory2Id", territoryId);
            values.put("StartDate", source.startDate());
            values.put("ForecastingTypeId", source.forecastingTypeId());
            if (source.amount() != null) {
                values.put("QuotaAmount", source.amount());
            }
            if (source.quantity() != null) {
                values.put("QuotaQuantity", source.quantity());
            }
            return values;
        }
    }

    private QuotaCarryOver() {
    }

    public static List<Recreate> select(List<SavedQuota> saved, NewModel model) {
        List<Recreate> recreate = new ArrayList<>();
        for (SavedQuota quota : saved) {
            String territoryId = model.territoryIdByDeveloperName().get(quota.territoryDeveloperName());
            if (territoryId == null
                    || !model.assignments().contains(NewModel.assignment(quota.ownerId(), territoryId))
                    || !model.periods().contains(quota.startDate())
                    || model.existingQuotaKeys().contains(quota.key(territoryId))) {
                continue;
            }
            recreate.add(new Recreate(quota, territoryId));
        }
        return recreate;
    }
}
