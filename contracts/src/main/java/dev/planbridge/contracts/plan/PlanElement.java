package dev.planbridge.contracts.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One line of a plan's desired-state stream ({@code application/x-ndjson}): a header first, then the
 * elements in dependency order (types, territories parents first, user assignments, accounts, quotas).
 * Each element carries the baseline values it was drafted against, so the sync service can tell a plan
 * change from a CRM change (three-way: baseline, desired, current).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PlanElement.Header.class, name = "header"),
        @JsonSubTypes.Type(value = PlanElement.TerritoryType.class, name = "territoryType"),
        @JsonSubTypes.Type(value = PlanElement.Territory.class, name = "territory"),
        @JsonSubTypes.Type(value = PlanElement.UserAssignment.class, name = "userAssignment"),
        @JsonSubTypes.Type(value = PlanElement.Account.class, name = "account"),
        @JsonSubTypes.Type(value = PlanElement.Quota.class, name = "quota")
})
public sealed interface PlanElement {

    /**
     * @param baselineAt        when the baseline snapshot of the CRM mirror was taken
     * @param baselineModstamp  the SystemModstamp high-water mark of that snapshot
     * @param fiscalYearStart   first day of the plan's fiscal year
     */
    record Header(int schemaVersion, String planId, String planName, long version, String checksum,
                  Instant baselineAt, Instant baselineModstamp, LocalDate fiscalYearStart,
                  long territoryCount, long accountCount, long userAssignmentCount, long quotaCount)
            implements PlanElement {
        public static final int SCHEMA_VERSION = 1;
    }

    /** A Territory2Type; {@code priority} is unique per org. */
    record TerritoryType(String key, String label, int priority) implements PlanElement {
    }

    /**
     * A Territory2. {@code key} is its DeveloperName, unique per plan; {@code parentKey} is null for roots.
     * {@code ownerUserId} is null for an over-carved (to-be-hired) seat.
     */
    record Territory(String key, String name, String typeKey, String parentKey, Integer headcountCapacity,
                     String ownerUserId) implements PlanElement {
    }

    /** A UserTerritory2Association; {@code role} is Owner, Overlay or Manager. */
    record UserAssignment(String territoryKey, String userId, String role, LocalDate startDate,
                          LocalDate endDate, BigDecimal splitPercent) implements PlanElement {
    }

    /**
     * An account's effective assignment.
     *
     * @param territoryKeys     the territories the account belongs to in the plan (ObjectTerritory2Association)
     * @param desiredOwnerId    the Account.OwnerId the plan wants, or null when the plan leaves owners alone
     * @param baselineOwnerId   Account.OwnerId in the baseline
     * @param baselineModstamp  the account's SystemModstamp in the baseline
     * @param assignedBy        what placed it: {@code rule:<id>}, {@code override:<id>} or {@code unassigned}
     */
    record Account(String accountId, String accountName, List<String> territoryKeys, String desiredOwnerId,
                   String baselineOwnerId, Instant baselineModstamp, String assignedBy) implements PlanElement {
    }

    /**
     * A ForecastingQuota target for one owner (and optionally one territory) in one period.
     *
     * @param forecastingType DeveloperName of the ForecastingType
     * @param baselineAmount  the CRM's QuotaAmount in the baseline, null when there was none
     */
    record Quota(String ownerUserId, String territoryKey, LocalDate periodStart, String periodType,
                 BigDecimal amount, BigDecimal quantity, String forecastingType,
                 BigDecimal baselineAmount, BigDecimal baselineQuantity) implements PlanElement {
    }
}
