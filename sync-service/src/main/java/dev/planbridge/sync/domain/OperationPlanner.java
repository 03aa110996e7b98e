package dev.planbridge.sync.domain;

import dev.planbridge.contracts.plan.PlanElement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a plan and the CRM's current state into the writes of a push: three-way comparison per record,
 * conflict policies, bad-input checks and dependency order. Pure: the same input gives the same plan.
 */
public final class OperationPlanner {

    static final String NO_TERRITORY = "-";
    private static final String PLANNING_STATE = "Planning";

    private final String integrationUserId;

    public OperationPlanner(String integrationUserId) {
        this.integrationUserId = integrationUserId;
    }

    public PushPlan plan(DesiredPlan plan, CrmSnapshot crm, OwnHistory history, PushOptions options) {
        return new Run(plan, crm, history, options).plan();
    }

    /** Natural key of a user or account association. */
    public static String associationKey(String userOrObjectId, String territoryKey) {
        return userOrObjectId + "|" + territoryKey;
    }

    public static String quotaKey(String ownerId, String periodStart, String forecastingType, String territoryKey) {
        return ownerId + "|" + periodStart + "|" + forecastingType + "|" + (territoryKey == null ? NO_TERRITORY : territoryKey);
    }

    private final class Run {
        private final DesiredPlan plan;
        private final CrmSnapshot crm;
        private final OwnHistory history;
        private final PushOptions options;
        private final RecordReconciler reconciler;
        private final List<PlannedOperation> operations = new ArrayList<>();
        private final List<PushPlan.Conflict> conflicts = new ArrayList<>();
        private final List<PlanIssue> issues = new ArrayList<>();
        private final Map<SObjectType, long[]> tallies = new EnumMap<>(SObjectType.class);
        /** Id or reference of each territory the push can point to, by DeveloperName. */
        private final Map<String, String> territoryRefs = new HashMap<>();
        private final Map<String, String> territoryKeyById = new HashMap<>();
        private final Map<String, String> typeRefs = new HashMap<>();
        /** The account whose owner change moves each opportunity (handoff), by opportunity id. */
        private final Map<String, String> handoffAccountByOpportunity = new HashMap<>();
        private String modelRef;

        Run(DesiredPlan plan, CrmSnapshot crm, OwnHistory history, PushOptions options) {
            this.plan = plan;
            this.crm = crm;
            this.history = history;
            this.options = options;
            this.reconciler = new RecordReconciler(options.policies(), integrationUserId, options.resolutions());
        }

        PushPlan plan() {
            planModel();
            crm.territoriesByKey().forEach((key, record) -> {
                territoryRefs.put(key, record.id());
                territoryKeyById.put(record.id(), key);
            });
            crm.typesByKey().forEach((key, record) -> typeRefs.put(key, record.id()));
            if (options.includes(PushOptions.ScopePart.TERRITORIES)) {
                planTypes();
                planTerritories();
            }
            if (options.includes(PushOptions.ScopePart.USER_ASSIGNMENTS)) {
                planUserAssociations();
            }
            Set<String> presentAccounts = checkAccounts();
            if (options.includes(PushOptions.ScopePart.ACCOUNT_ASSIGNMENTS)) {
                planObjectAssociations(presentAccounts);
            }
            if (options.includes(PushOptions.ScopePart.ACCOUNT_OWNERS)) {
                planAccountOwners(presentAccounts);
            }
            if (options.includes(PushOptions.ScopePart.QUOTAS)) {
                planQuotas();
            }
            Map<SObjectType, PushPlan.Tally> result = new EnumMap<>(SObjectType.class);
            tallies.forEach((object, counts) -> result.put(object, new PushPlan.Tally(counts[0], counts[1])));
            if (options.onlyRecords() != null) {
                // A follow-up push writes the resolved records only.
                // Opportunities handed off with an account belong to the account's resolution.
                operations.removeIf(op -> !options.onlyRecords().contains(op.object().apiName() + "|" + op.naturalKey())
                        && !(op.object() == SObjectType.OPPORTUNITY && options.onlyRecords().contains(
                                SObjectType.ACCOUNT.apiName() + "|" + handoffAccountByOpportunity.get(op.naturalKey()))));
                conflicts.removeIf(c -> !options.onlyRecords().contains(c.object().apiName() + "|" + c.naturalKey()));
            }
            operations.sort((a, b) -> Integer.compare(a.stage(), b.stage()));
            return new PushPlan(List.copyOf(operations), List.copyOf(conflicts), List.copyOf(issues), result);
        }

        /**
         * The Territory2Model is written only by a push whose scope includes territories, and its state matters only
         * to the parts that write into it: a push of account owners alone neither creates the model nor cares
         * whether the admin activated it (issue 25: an account-owners push made a create call).
         */
        private void planModel() {
            String name = options.modelDeveloperName();
            if (!options.includes(PushOptions.ScopePart.TERRITORIES)
                    && (crm.model() == null || onlyOutsideTheModel())) {
                if (crm.model() != null) {
                    modelRef = crm.model().id();
                }
                return;
            }
            if (crm.model() == null) {
                String label = plan.header().planName() == null ? name : plan.header().planName();
                Map<String, String> values = new LinkedHashMap<>();
                values.put("DeveloperName", name);
                values.put("Name", label.length() > 80 ? label.substring(0, 80) : label);
                operations.add(new PlannedOperation(Stages.MODEL_CREATE, SObjectType.TERRITORY2_MODEL, OpKind.CREATE,
                        name, null, values, Map.of()));
                modelRef = Refs.to(SObjectType.TERRITORY2_MODEL, name);
                tally(SObjectType.TERRITORY2_MODEL, false);
                return;
            }
            String state = crm.model().get("State");
            if (state != null && !PLANNING_STATE.equalsIgnoreCase(state)) {
                throw new DesiredPlan.InvalidPlanException("Territory2Model " + name + " is in state " + state
                        + "; a push only writes into a model in Planning state (activation is left to the admin)");
            }
            modelRef = crm.model().id();
            tally(SObjectType.TERRITORY2_MODEL, true);
        }

        /** True when no part of the scope writes records that belong to the model (territories, associations, quotas). */
        private boolean onlyOutsideTheModel() {
            return options.scope().stream().allMatch(part -> part == PushOptions.ScopePart.ACCOUNT_OWNERS);
        }

        private void planTypes() {
            Set<String> seen = new HashSet<>();
            for (PlanElement.TerritoryType type : plan.types()) {
                if (blank(type.key())) {
                    issue(SObjectType.TERRITORY2_TYPE, "(blank)", "territory type without a key");
                    continue;
                }
                if (!seen.add(type.key())) {
                    issue(SObjectType.TERRITORY2_TYPE, type.key(), "duplicate territory type key");
                    continue;
                }
                Map<String, String> desired = Map.of("MasterLabel", label(type.label(), type.key()));
                Map<String, String> createWith = new LinkedHashMap<>();
                createWith.put("DeveloperName", type.key());
                createWith.put("Priority", Integer.toString(type.priority()));
                Map<String, String> pushed = history.lastPushed(SObjectType.TERRITORY2_TYPE, type.key());
                CrmRecord current = crm.typesByKey().get(type.key());
                RecordDecision decision = reconciler.reconcile(SObjectType.TERRITORY2_TYPE, type.key(), desired,
                        createWith, pushed, current, pushed);
                if (current == null) {
                    typeRefs.put(type.key(), Refs.to(SObjectType.TERRITORY2_TYPE, type.key()));
                }
                record(decision, Stages.TYPE_CREATE, Stages.TYPE_UPDATE, Stages.TYPE_UPDATE);
            }
        }

        private void planTerritories() {
            Map<String, PlanElement.Territory> byKey = new LinkedHashMap<>();
            for (PlanElement.Territory territory : plan.territories()) {
                if (blank(territory.key())) {
                    issue(SObjectType.TERRITORY2, "(blank)", "territory without a key");
                } else if (byKey.putIfAbsent(territory.key(), territory) != null) {
                    issue(SObjectType.TERRITORY2, territory.key(), "duplicate territory key");
                }
            }
            Map<String, Integer> depths = new HashMap<>();
            Set<String> invalid = new HashSet<>();
            for (String key : byKey.keySet()) {
                depthOf(key, byKey, depths, invalid, new HashSet<>());
            }
            // Drop territories of a bad plan entry before anything can point at them.
            for (String key : invalid) {
                territoryRefs.remove(key);
            }
            for (Map.Entry<String, PlanElement.Territory> entry : byKey.entrySet()) {
                String key = entry.getKey();
                if (invalid.contains(key)) {
                    continue;
                }
                PlanElement.Territory territory = entry.getValue();
                CrmRecord current = crm.territoriesByKey().get(key);
                if (current == null) {
                    territoryRefs.put(key, Refs.to(SObjectType.TERRITORY2, key));
                }
            }
            for (Map.Entry<String, PlanElement.Territory> entry : byKey.entrySet()) {
                String key = entry.getKey();
                if (invalid.contains(key)) {
                    continue;
                }
                PlanElement.Territory territory = entry.getValue();
                Map<String, String> desired = new LinkedHashMap<>();
                desired.put("Name", label(territory.name(), key));
                desired.put("Territory2TypeId", typeRefs.get(territory.typeKey()));
                desired.put("ParentTerritory2Id", territory.parentKey() == null ? null : territoryRefs.get(territory.parentKey()));
                Map<String, String> createWith = new LinkedHashMap<>();
                createWith.put("DeveloperName", key);
                createWith.put("Territory2ModelId", modelRef);
                Map<String, String> pushed = history.lastPushed(SObjectType.TERRITORY2, key);
                RecordDecision decision = reconciler.reconcile(SObjectType.TERRITORY2, key, desired, createWith,
                        pushed, crm.territoriesByKey().get(key), pushed);
                int depth = depths.get(key);
                record(decision, Stages.territoryCreate(depth), Stages.TERRITORY_UPDATE, Stages.territoryDelete(depth));
            }
            for (Map.Entry<String, CrmRecord> entry : crm.territoriesByKey().entrySet()) {
                if (byKey.containsKey(entry.getKey())) {
                    continue;
                }
                Map<String, String> pushed = history.lastPushed(SObjectType.TERRITORY2, entry.getKey());
                RecordDecision decision = reconciler.reconcile(SObjectType.TERRITORY2, entry.getKey(), null, Map.of(),
                        pushed, entry.getValue(), pushed);
                int depth = crmDepth(entry.getValue());
                record(decision, 0, 0, Stages.territoryDelete(depth));
            }
        }

        private int depthOf(String key, Map<String, PlanElement.Territory> byKey, Map<String, Integer> depths,
                            Set<String> invalid, Set<String> visiting) {
            if (depths.containsKey(key)) {
                return depths.get(key);
            }
            if (invalid.contains(key)) {
                return -1;
            }
            PlanElement.Territory territory = byKey.get(key);
            String problem = null;
            int depth = 0;
            if (!visiting.add(key)) {
                problem = "territory hierarchy has a cycle through " + key;
            } else if (!typeRefs.containsKey(territory.typeKey())) {
                problem = "territory type '" + territory.typeKey() + "' is neither in the plan nor in the CRM";
            } else if (territory.parentKey() != null) {
                if (!byKey.containsKey(territory.parentKey())) {
                    problem = "parent territory '" + territory.parentKey() + "' is not in the plan";
                } else {
                    int parentDepth = depthOf(territory.parentKey(), byKey, depths, invalid, visiting);
                    if (parentDepth < 0) {
                        problem = "parent territory '" + territory.parentKey() + "' cannot be pushed";
                    } else {
                        depth = parentDepth + 1;
                    }
                }
            }
            if (problem != null) {
                if (invalid.add(key)) {
                    issue(SObjectType.TERRITORY2, key, problem);
                }
                return -1;
            }
            depths.put(key, depth);
            return depth;
        }

        private int crmDepth(CrmRecord territory) {
            int depth = 0;
            String parent = territory.get("ParentTerritory2Id");
            Map<String, CrmRecord> byId = new HashMap<>();
            crm.territoriesByKey().values().forEach(r -> byId.put(r.id(), r));
            while (parent != null && byId.containsKey(parent) && depth < Stages.MAX_DEPTH) {
                depth++;
                parent = byId.get(parent).get("ParentTerritory2Id");
            }
            return depth;
        }

        private void planUserAssociations() {
            Map<String, CrmRecord> current = new LinkedHashMap<>();
            for (CrmRecord association : crm.userAssociations()) {
                String territoryKey = territoryKeyById.get(association.get("Territory2Id"));
                if (territoryKey != null) {
                    current.put(associationKey(association.get("UserId"), territoryKey), association);
                }
            }
            Set<String> desiredKeys = new HashSet<>();
            for (PlanElement.UserAssignment assignment : plan.userAssignments()) {
                String key = associationKey(assignment.userId(), assignment.territoryKey());
                String problem = userProblem(assignment.userId());
                if (problem == null && territoryRefs.get(assignment.territoryKey()) == null) {
                    problem = "territory '" + assignment.territoryKey() + "' is not pushed";
                }
                if (problem == null && !desiredKeys.add(key)) {
                    problem = "duplicate user assignment";
                }
                if (problem != null) {
                    issue(SObjectType.USER_TERRITORY2_ASSOCIATION, key, problem);
                    desiredKeys.add(key); // never delete what a bad entry names
                    continue;
                }
                Map<String, String> desired = new LinkedHashMap<>();
                desired.put("RoleInTerritory2", blank(assignment.role()) ? null : assignment.role());
                Map<String, String> createWith = new LinkedHashMap<>();
                createWith.put("UserId", assignment.userId());
                createWith.put("Territory2Id", territoryRefs.get(assignment.territoryKey()));
                Map<String, String> pushed = history.lastPushed(SObjectType.USER_TERRITORY2_ASSOCIATION, key);
                record(reconciler.reconcile(SObjectType.USER_TERRITORY2_ASSOCIATION, key, desired, createWith, pushed,
                        current.get(key), pushed), Stages.USER_ASSOCIATION_CREATE, 0, Stages.USER_ASSOCIATION_DELETE);
            }
            for (Map.Entry<String, CrmRecord> entry : current.entrySet()) {
                if (!desiredKeys.contains(entry.getKey())) {
                    Map<String, String> pushed = history.lastPushed(SObjectType.USER_TERRITORY2_ASSOCIATION, entry.getKey());
                    record(reconciler.reconcile(SObjectType.USER_TERRITORY2_ASSOCIATION, entry.getKey(), null, Map.of(),
                            pushed, entry.getValue(), pushed), 0, 0, Stages.USER_ASSOCIATION_DELETE);
                }
            }
        }

        private Set<String> checkAccounts() {
            Set<String> present = new HashSet<>();
            boolean needed = options.includes(PushOptions.ScopePart.ACCOUNT_ASSIGNMENTS)
                    || options.includes(PushOptions.ScopePart.ACCOUNT_OWNERS);
            Set<String> seen = new HashSet<>();
            for (PlanElement.Account account : plan.accounts()) {
                if (!needed) {
                    break;
                }
                if (!seen.add(account.accountId())) {
                    issue(SObjectType.ACCOUNT, account.accountId(), "account listed twice in the plan");
                } else if (!crm.accountsById().containsKey(account.accountId())) {
                    issue(SObjectType.ACCOUNT, account.accountId(), "account deleted or missing in the CRM");
                } else {
                    present.add(account.accountId());
                }
            }
            return present;
        }

        private void planObjectAssociations(Set<String> presentAccounts) {
            Map<String, CrmRecord> current = new LinkedHashMap<>();
            for (CrmRecord association : crm.objectAssociations()) {
                String territoryKey = territoryKeyById.get(association.get("Territory2Id"));
                if (territoryKey != null && "Territory2Manual".equals(association.get("AssociationCause"))) {
                    current.put(associationKey(association.get("ObjectId"), territoryKey), association);
                }
            }
            Set<String> desiredKeys = new HashSet<>();
            Set<String> planAccounts = new HashSet<>();
            for (PlanElement.Account account : plan.accounts()) {
                if (!planAccounts.add(account.accountId())) {
                    continue;
                }
                List<String> keys = account.territoryKeys() == null ? List.of() : account.territoryKeys();
                for (String territoryKey : new java.util.LinkedHashSet<>(keys)) {
                    String key = associationKey(account.accountId(), territoryKey);
                    desiredKeys.add(key);
                    if (!presentAccounts.contains(account.accountId())) {
                        continue; // reported once, on the account
                    }
                    if (territoryRefs.get(territoryKey) == null) {
                        issue(SObjectType.OBJECT_TERRITORY2_ASSOCIATION, key, "territory '" + territoryKey + "' is not pushed");
                        continue;
                    }
                    Map<String, String> createWith = new LinkedHashMap<>();
                    createWith.put("ObjectId", account.accountId());
                    createWith.put("Territory2Id", territoryRefs.get(territoryKey));
                    createWith.put("AssociationCause", "Territory2Manual");
                    Map<String, String> pushed = history.lastPushed(SObjectType.OBJECT_TERRITORY2_ASSOCIATION, key);
                    record(reconciler.reconcile(SObjectType.OBJECT_TERRITORY2_ASSOCIATION, key, Map.of(), createWith,
                            pushed, current.get(key), pushed), Stages.OBJECT_ASSOCIATION_CREATE, 0,
                            Stages.OBJECT_ASSOCIATION_DELETE);
                }
            }
            for (Map.Entry<String, CrmRecord> entry : current.entrySet()) {
                String accountId = entry.getValue().get("ObjectId");
                if (desiredKeys.contains(entry.getKey()) || (planAccounts.contains(accountId) && !presentAccounts.contains(accountId))) {
                    continue;
                }
                Map<String, String> pushed = history.lastPushed(SObjectType.OBJECT_TERRITORY2_ASSOCIATION, entry.getKey());
                record(reconciler.reconcile(SObjectType.OBJECT_TERRITORY2_ASSOCIATION, entry.getKey(), null, Map.of(),
                        pushed, entry.getValue(), pushed), 0, 0, Stages.OBJECT_ASSOCIATION_DELETE);
            }
        }

        private void planAccountOwners(Set<String> presentAccounts) {
            Map<String, List<CrmRecord>> opportunitiesByAccount = new HashMap<>();
            for (CrmRecord opportunity : crm.openOpportunities()) {
                opportunitiesByAccount.computeIfAbsent(opportunity.get("AccountId"), k -> new ArrayList<>()).add(opportunity);
            }
            Set<String> done = new HashSet<>();
            for (PlanElement.Account account : plan.accounts()) {
                if (account.desiredOwnerId() == null || !presentAccounts.contains(account.accountId())
                        || !done.add(account.accountId())) {
                    continue;
                }
                String problem = userProblem(account.desiredOwnerId());
                if (problem != null) {
                    issue(SObjectType.ACCOUNT, account.accountId(), "new owner: " + problem);
                    continue;
                }
                CrmRecord current = crm.accountsById().get(account.accountId());
                Map<String, String> baseline = new LinkedHashMap<>();
                baseline.put("OwnerId", account.baselineOwnerId());
                Map<String, String> pushed = history.lastPushed(SObjectType.ACCOUNT, account.accountId());
                RecordDecision decision = reconciler.reconcile(SObjectType.ACCOUNT, account.accountId(),
                        Map.of("OwnerId", account.desiredOwnerId()), Map.of(), baseline, current, pushed);
                record(decision, 0, Stages.ACCOUNT_UPDATE, 0);
                if (decision.ops().contains(OpKind.UPDATE)
                        && options.handoff() == PushOptions.OpportunityHandoff.FOLLOW_ACCOUNT) {
                    String previousOwner = current.get("OwnerId");
                    for (CrmRecord opportunity : opportunitiesByAccount.getOrDefault(account.accountId(), List.of())) {
                        if (Values.sameId(previousOwner, opportunity.get("OwnerId"))) {
                            Map<String, String> before = new LinkedHashMap<>();
                            before.put("OwnerId", opportunity.get("OwnerId"));
                            operations.add(new PlannedOperation(Stages.OPPORTUNITY_UPDATE, SObjectType.OPPORTUNITY,
                                    OpKind.UPDATE, opportunity.id(), opportunity.id(),
                                    Map.of("OwnerId", account.desiredOwnerId()), before));
                            handoffAccountByOpportunity.put(opportunity.id(), account.accountId());
                            tally(SObjectType.OPPORTUNITY, false);
                        }
                    }
                }
            }
        }

        private void planQuotas() {
            Map<String, String> typeNameById = new HashMap<>();
            crm.forecastingTypeIds().forEach((name, id) -> typeNameById.put(id, name));
            Map<String, CrmRecord> current = new HashMap<>();
            for (CrmRecord quota : crm.quotas()) {
                String territoryId = quota.get("Territory2Id");
                String territoryKey = territoryId == null ? null : territoryKeyById.get(territoryId);
                if (territoryId != null && territoryKey == null) {
                    continue; // a quota of another model's territory
                }
                String key = quotaKey(quota.get("QuotaOwnerId"), quota.get("StartDate"),
                        typeNameById.get(quota.get("ForecastingTypeId")), territoryKey);
                Map<String, String> fields = new LinkedHashMap<>(quota.fields());
                fields.put("QuotaAmount", Values.decimal(quota.get("QuotaAmount")));
                fields.put("QuotaQuantity", Values.decimal(quota.get("QuotaQuantity")));
                current.put(key, new CrmRecord(quota.id(), fields, quota.lastModifiedById(), quota.lastModifiedDate()));
            }
            Set<String> seen = new HashSet<>();
            for (PlanElement.Quota quota : plan.quotas()) {
                String start = Values.date(quota.periodStart());
                String key = quotaKey(quota.ownerUserId(), start, quota.forecastingType(), quota.territoryKey());
                String problem = userProblem(quota.ownerUserId());
                if (problem == null && quota.periodStart() == null) {
                    problem = "quota without a period start";
                } else if (problem == null && !crm.periodStarts().contains(quota.periodType() + "|" + start)
                        && !(quota.periodType() == null && crm.periodStarts().contains("|" + start))) {
                    problem = "no Salesforce Period" + (quota.periodType() == null ? "" : " of type " + quota.periodType())
                            + " starts on " + start;
                }
                if (problem == null && !crm.forecastingTypeIds().containsKey(quota.forecastingType())) {
                    problem = "forecasting type '" + quota.forecastingType() + "' does not exist in the CRM";
                }
                if (problem == null && quota.territoryKey() != null && territoryRefs.get(quota.territoryKey()) == null) {
                    problem = "territory '" + quota.territoryKey() + "' is not pushed";
                }
                if (problem == null && quota.amount() == null && quota.quantity() == null) {
                    problem = "quota without amount or quantity";
                }
                if (problem == null && !seen.add(key)) {
                    problem = "duplicate quota";
                }
                if (problem != null) {
                    issue(SObjectType.FORECASTING_QUOTA, key, problem);
                    continue;
                }
                Map<String, String> desired = new LinkedHashMap<>();
                Map<String, String> baseline = new LinkedHashMap<>();
                if (quota.amount() != null) {
                    desired.put("QuotaAmount", Values.decimal(quota.amount()));
                    baseline.put("QuotaAmount", Values.decimal(quota.baselineAmount()));
                }
                if (quota.quantity() != null) {
                    desired.put("QuotaQuantity", Values.decimal(quota.quantity()));
                    baseline.put("QuotaQuantity", Values.decimal(quota.baselineQuantity()));
                }
                boolean hadBaseline = quota.baselineAmount() != null || quota.baselineQuantity() != null;
                Map<String, String> createWith = new LinkedHashMap<>();
                createWith.put("QuotaOwnerId", quota.ownerUserId());
                createWith.put("StartDate", start);
                createWith.put("ForecastingTypeId", crm.forecastingTypeIds().get(quota.forecastingType()));
                if (quota.territoryKey() != null) {
                    createWith.put("Territory2Id", territoryRefs.get(quota.territoryKey()));
                }
                createWith.put("IsAmount", Boolean.toString(quota.amount() != null));
                createWith.put("IsQuantity", Boolean.toString(quota.quantity() != null));
                Map<String, String> pushed = history.lastPushed(SObjectType.FORECASTING_QUOTA, key);
                record(reconciler.reconcile(SObjectType.FORECASTING_QUOTA, key, desired, createWith,
                        hadBaseline ? baseline : null, current.get(key), pushed), Stages.QUOTA_CREATE,
                        Stages.QUOTA_UPDATE, 0);
            }
        }

        private String userProblem(String userId) {
            if (blank(userId)) {
                return "no user given";
            }
            CrmRecord user = crm.usersById().get(userId);
            if (user == null) {
                return "user " + userId + " does not exist in the CRM";
            }
            if ("false".equalsIgnoreCase(user.get("IsActive"))) {
                return "user " + userId + " is inactive";
            }
            return null;
        }

        private void record(RecordDecision decision, int createStage, int updateStage, int deleteStage) {
            tally(decision.object(), decision.unchanged());
            for (FieldConflict conflict : decision.conflicts()) {
                conflicts.add(new PushPlan.Conflict(decision.object(), decision.naturalKey(), decision.recordId(),
                        conflict, decision.held()));
            }
            for (OpKind op : decision.ops()) {
                switch (op) {
                    case CREATE -> operations.add(new PlannedOperation(createStage, decision.object(), op,
                            decision.naturalKey(), null, decision.writes(), Map.of()));
                    case UPDATE -> operations.add(new PlannedOperation(updateStage, decision.object(), op,
                            decision.naturalKey(), decision.recordId(), decision.writes(), decision.before()));
                    case DELETE -> operations.add(new PlannedOperation(deleteStage, decision.object(), op,
                            decision.naturalKey(), decision.recordId(), Map.of(), decision.before()));
                }
            }
        }

        private void tally(SObjectType object, boolean unchanged) {
            long[] counts = tallies.computeIfAbsent(object, k -> new long[2]);
            counts[0]++;
            if (unchanged) {
                counts[1]++;
            }
        }

        private void issue(SObjectType object, String key, String reason) {
            issues.add(new PlanIssue(object, key, reason));
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String label(String label, String fallback) {
        String text = blank(label) ? fallback : label;
        return text.length() > 80 ? text.substring(0, 80) : text;
    }
}
