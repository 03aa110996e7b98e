package dev.planbridge.sync.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the CRM holds now for everything a push may touch, read in batched queries before planning.
 *
 * @param model              the Territory2Model the push writes into, null when it does not exist yet
 * @param typesByKey         Territory2Type by DeveloperName (fields MasterLabel, Priority)
 * @param territoriesByKey   the model's Territory2 by DeveloperName (Name, Territory2TypeId, ParentTerritory2Id)
 * @param userAssociations   the model's UserTerritory2Association (UserId, Territory2Id, RoleInTerritory2)
 * @param objectAssociations the model's ObjectTerritory2Association (ObjectId, Territory2Id, AssociationCause)
 * @param accountsById       the plan's accounts that exist (OwnerId)
 * @param usersById          the users the plan names (IsActive, Name)
 * @param openOpportunities  open opportunities of accounts whose owner may change (AccountId, OwnerId)
 * @param quotas             ForecastingQuota of the plan's quota owners (QuotaOwnerId, StartDate,
 *                           ForecastingTypeId, Territory2Id, QuotaAmount, QuotaQuantity)
 * @param forecastingTypeIds ForecastingType Id by DeveloperName
 * @param periodStarts       the Period start dates that exist, as {@code Type|yyyy-MM-dd} and {@code |yyyy-MM-dd}
 */
public record CrmSnapshot(CrmRecord model, Map<String, CrmRecord> typesByKey, Map<String, CrmRecord> territoriesByKey,
                          List<CrmRecord> userAssociations, List<CrmRecord> objectAssociations,
                          Map<String, CrmRecord> accountsById, Map<String, CrmRecord> usersById,
                          List<CrmRecord> openOpportunities, List<CrmRecord> quotas,
                          Map<String, String> forecastingTypeIds, Set<String> periodStarts) {
}
