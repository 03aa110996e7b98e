package dev.planbridge.planning.quota;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the CRM quota a plan quota was drafted against, among the ForecastingQuota rows of the plan's baseline.
 * A plan quota names its forecasting type by DeveloperName, the CRM row by ForecastingType Id, so the two meet
 * through the configured name → Id map; an org whose baseline quotas all use one forecasting type needs no map.
 * Owner, period start and territory (none for a quota without one) must be equal.
 */
public final class QuotaBaselines {

    /** One ForecastingQuota of the baseline; {@code territoryKey} is its Territory2's DeveloperName or null. */
    public record CrmQuota(String quotaId, String ownerId, String territoryKey, LocalDate periodStart,
                           String forecastingTypeId, BigDecimal amount, BigDecimal quantity) {
    }

    private final Map<String, List<CrmQuota>> byKey = new HashMap<>();
    private final Map<String, String> typeIdsByName;
    private final String onlyTypeId;

    public QuotaBaselines(Collection<CrmQuota> quotas, Map<String, String> typeIdsByName) {
        this.typeIdsByName = Map.copyOf(typeIdsByName);
        Set<String> types = new HashSet<>();
        for (CrmQuota quota : quotas) {
            byKey.computeIfAbsent(key(quota.ownerId(), quota.territoryKey(), quota.periodStart()), k -> new ArrayList<>())
                    .add(quota);
            types.add(quota.forecastingTypeId());
        }
        this.onlyTypeId = types.size() == 1 ? types.iterator().next() : null;
    }

    /** The baseline quota of this owner, territory, period and forecasting type, if the CRM had one. */
    public Optional<CrmQuota> find(String ownerId, String territoryKey, LocalDate periodStart, String forecastingType) {
        List<CrmQuota> candidates = byKey.get(key(ownerId, territoryKey, periodStart));
        if (candidates == null || ownerId == null || periodStart == null) {
            return Optional.empty();
        }
        String typeId = typeIdsByName.getOrDefault(forecastingType, onlyTypeId);
        if (typeId == null) {
            return Optional.empty();
        }
        return candidates.stream().filter(q -> typeId.equals(q.forecastingTypeId())).findFirst();
    }

    /** Reads {@code Name=Id,Name=Id} (the {@code planning.crm.forecasting-type-ids} setting). */
    public static Map<String, String> parseTypeIds(String setting) {
        Map<String, String> ids = new HashMap<>();
        if (setting == null || setting.isBlank()) {
            return ids;
        }
        for (String pair : setting.split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("planning.crm.forecasting-type-ids: '" + pair.trim()
                        + "' is not DeveloperName=Id");
            }
            ids.put(parts[0].trim(), parts[1].trim());
        }
        return ids;
    }

    private static String key(String ownerId, String territoryKey, LocalDate periodStart) {
        return ownerId + "|" + (territoryKey == null ? "" : territoryKey) + "|" + periodStart;
    }
}
