package dev.planbridge.sync.domain;

import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.salesforce.Soql;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads, in batched queries, the CRM's current state of every record a push may touch. Only the queries the
 * scope needs are made; IN-lists are split to stay under the SOQL length limit.
 */
public final class SnapshotReader {

    private static final String AUDIT = ", LastModifiedById, LastModifiedDate";

    private final CrmGateway crm;
    private final int maxQueryLength;

    public SnapshotReader(CrmGateway crm, int maxQueryLength) {
        this.crm = crm;
        this.maxQueryLength = maxQueryLength;
    }

    public CrmSnapshot read(DesiredPlan plan, PushOptions options) throws CrmCallException {
        CrmRecord model = first(crm.query("SELECT Id, DeveloperName, Name, State" + AUDIT
                + " FROM Territory2Model WHERE DeveloperName = " + Soql.quote(options.modelDeveloperName())));

        Set<String> typeKeys = new LinkedHashSet<>();
        plan.types().forEach(t -> typeKeys.add(t.key()));
        plan.territories().forEach(t -> typeKeys.add(t.typeKey()));
        typeKeys.remove(null);
        Map<String, CrmRecord> types = byField(queryIn("SELECT Id, DeveloperName, MasterLabel, Priority" + AUDIT
                + " FROM Territory2Type WHERE", "DeveloperName", typeKeys, ""), "DeveloperName");

        Map<String, CrmRecord> territories = new HashMap<>();
        List<CrmRecord> userAssociations = new ArrayList<>();
        List<CrmRecord> objectAssociations = new ArrayList<>();
        if (model != null) {
            territories = byField(crm.query("SELECT Id, DeveloperName, Name, Territory2TypeId, ParentTerritory2Id, "
                    + "Territory2ModelId" + AUDIT + " FROM Territory2 WHERE Territory2ModelId = " + Soql.quote(model.id())),
                    "DeveloperName");
            Set<String> territoryIds = new LinkedHashSet<>();
            territories.values().forEach(t -> territoryIds.add(t.id()));
            if (options.includes(PushOptions.ScopePart.USER_ASSIGNMENTS)) {
                userAssociations = queryIn("SELECT Id, UserId, Territory2Id, RoleInTerritory2" + AUDIT
                        + " FROM UserTerritory2Association WHERE", "Territory2Id", territoryIds, "");
            }
            if (options.includes(PushOptions.ScopePart.ACCOUNT_ASSIGNMENTS)) {
                objectAssociations = queryIn("SELECT Id, ObjectId, Territory2Id, AssociationCause" + AUDIT
                        + " FROM ObjectTerritory2Association WHERE", "Territory2Id", territoryIds, "");
            }
        }

        Map<String, CrmRecord> accounts = new HashMap<>();
        boolean accountsInScope = options.includes(PushOptions.ScopePart.ACCOUNT_ASSIGNMENTS)
                || options.includes(PushOptions.ScopePart.ACCOUNT_OWNERS);
        if (accountsInScope) {
            Set<String> accountIds = new LinkedHashSet<>();
            plan.accounts().forEach(a -> accountIds.add(a.accountId()));
            accountIds.remove(null);
            accounts = byId(queryIn("SELECT Id, OwnerId" + AUDIT + " FROM Account WHERE", "Id", accountIds, ""));
        }

        Set<String> userIds = new LinkedHashSet<>();
        if (options.includes(PushOptions.ScopePart.USER_ASSIGNMENTS)) {
            plan.userAssignments().forEach(u -> userIds.add(u.userId()));
        }
        if (options.includes(PushOptions.ScopePart.ACCOUNT_OWNERS)) {
            plan.accounts().forEach(a -> userIds.add(a.desiredOwnerId()));
        }
        if (options.includes(PushOptions.ScopePart.QUOTAS)) {
            plan.quotas().forEach(q -> userIds.add(q.ownerUserId()));
        }
        userIds.remove(null);
        Map<String, CrmRecord> users = byId(queryIn("SELECT Id, Name, IsActive FROM User WHERE", "Id", userIds, ""));

        List<CrmRecord> opportunities = new ArrayList<>();
        if (options.includes(PushOptions.ScopePart.ACCOUNT_OWNERS)
                && options.handoff() == PushOptions.OpportunityHandoff.FOLLOW_ACCOUNT) {
            Set<String> moving = new LinkedHashSet<>();
            for (PlanElement.Account account : plan.accounts()) {
                CrmRecord current = accounts.get(account.accountId());
                if (account.desiredOwnerId() != null && current != null
                        && !Values.sameId(account.desiredOwnerId(), current.get("OwnerId"))) {
                    moving.add(account.accountId());
                }
            }
            opportunities = queryIn("SELECT Id, AccountId, OwnerId" + AUDIT + " FROM Opportunity WHERE IsClosed = false AND",
                    "AccountId", moving, "");
        }

        List<CrmRecord> quotas = new ArrayList<>();
        Map<String, String> forecastingTypes = new HashMap<>();
        Set<String> periods = new HashSet<>();
        if (options.includes(PushOptions.ScopePart.QUOTAS) && !plan.quotas().isEmpty()) {
            for (CrmRecord type : crm.query("SELECT Id, DeveloperName FROM ForecastingType")) {
                forecastingTypes.put(type.get("DeveloperName"), type.id());
            }
            LocalDate min = null;
            LocalDate max = null;
            Set<String> owners = new LinkedHashSet<>();
            for (PlanElement.Quota quota : plan.quotas()) {
                if (quota.periodStart() != null) {
                    min = min == null || quota.periodStart().isBefore(min) ? quota.periodStart() : min;
                    max = max == null || quota.periodStart().isAfter(max) ? quota.periodStart() : max;
                }
                owners.add(quota.ownerUserId());
            }
            owners.remove(null);
            if (min != null) {
                for (CrmRecord period : crm.query("SELECT Id, Type, StartDate FROM Period WHERE StartDate >= "
                        + Soql.date(min) + " AND StartDate <= " + Soql.date(max))) {
                    periods.add(period.get("Type") + "|" + period.get("StartDate"));
                    periods.add("|" + period.get("StartDate"));
                }
            }
            quotas = queryIn("SELECT Id, QuotaOwnerId, StartDate, ForecastingTypeId, Territory2Id, QuotaAmount, QuotaQuantity"
                    + AUDIT + " FROM ForecastingQuota WHERE", "QuotaOwnerId", owners, "");
        }
        return new CrmSnapshot(model, types, territories, userAssociations, objectAssociations, accounts, users,
                opportunities, quotas, forecastingTypes, periods);
    }

    /** Names of users (for conflict reports), by Id. */
    public Map<String, String> userNames(Collection<String> ids) throws CrmCallException {
        Map<String, String> names = new HashMap<>();
        for (CrmRecord user : queryIn("SELECT Id, Name FROM User WHERE", "Id", new LinkedHashSet<>(ids), "")) {
            names.put(user.id(), user.get("Name"));
        }
        return names;
    }

    private List<CrmRecord> queryIn(String prefix, String field, Collection<String> values, String suffix)
            throws CrmCallException {
        List<CrmRecord> records = new ArrayList<>();
        for (String soql : Soql.inQueries(prefix, field, values, suffix, maxQueryLength)) {
            records.addAll(crm.query(soql));
        }
        return records;
    }

    private static CrmRecord first(List<CrmRecord> records) {
        return records.isEmpty() ? null : records.get(0);
    }

    private static Map<String, CrmRecord> byId(List<CrmRecord> records) {
        Map<String, CrmRecord> map = new HashMap<>();
        records.forEach(r -> map.put(r.id(), r));
        return map;
    }

    private static Map<String, CrmRecord> byField(List<CrmRecord> records, String field) {
        Map<String, CrmRecord> map = new HashMap<>();
        records.forEach(r -> map.put(r.get(field), r));
        return map;
    }
}
