package dev.planbridge.emulator.generate;

import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.generate.ActivitySimulator.Kind;
import dev.planbridge.emulator.generate.ReferenceData.Leaf;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.OrgSchema;
import dev.planbridge.emulator.org.WriteOptions;
import dev.planbridge.emulator.org.WriteResult;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One deterministic stream of sales-team changes against an org (see {@link ActivitySimulator}). Not thread-safe: one
 * thread drives it. Keeps id lists and small indexes of accounts, opportunities and territory associations (rebuilt
 * every few thousand steps, since clients also write; full scans per change would cap the rate on a 100k-account org)
 * and checks each picked record is still live before changing it.
 */
final class SalesActivity {

    private static final int REFRESH_EVERY = 5_000;
    private static final int TRIES = 8;

    private final Org org;
    private final SplittableRandom random;
    private final String adminId;
    private final String syncUserId;
    private final List<String> reps = new ArrayList<>();
    private final Map<String, String> managerOf = new HashMap<>();
    private final Set<String> activeUsers = new HashSet<>();
    private final List<String> leafTerritories = new ArrayList<>();
    private final Map<String, Leaf> leafOfTerritory = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> territoriesOfRep = new HashMap<>();
    private final Map<String, List<String>> repsOfTerritory = new HashMap<>();
    private final Deque<String> recycleBin = new ArrayDeque<>();
    private List<String> accountIds = List.of();
    private List<String> opportunityIds = List.of();
    private final List<String> created = new ArrayList<>();
    private final List<String> createdOpportunities = new ArrayList<>();
    /** Territory associations per account, and accounts with opportunities or child accounts (not deleted). */
    private final Map<String, List<String>> associationsByAccount = new HashMap<>();
    private final Set<String> accountsWithDependents = new HashSet<>();
    private int steps;
    private final int totalWeight;

    SalesActivity(Org org, long seed) {
        this.org = org;
        this.random = new SplittableRandom(seed);
        this.adminId = org.adminUserId();
        List<Map<String, Object>> sync = org.find(OrgSchema.USER, "Username", EmulatorConfig.SYNC_USERNAME);
        this.syncUserId = sync.isEmpty() ? null : (String) sync.get(0).get("Id");
        loadTeam();
        loadTerritories();
        refreshRecords();
        int weight = 0;
        for (Kind kind : Kind.values()) {
            weight += kind.weight;
        }
        totalWeight = weight;
    }

    private void loadTeam() {
        Set<String> managers = new HashSet<>();
        List<Map<String, Object>> users = org.records(OrgSchema.USER);
        for (Map<String, Object> user : users) {
            String id = (String) user.get("Id");
            if (Boolean.TRUE.equals(user.get("IsActive")) && !id.equals(syncUserId)) {
                activeUsers.add(id);
            }
            String manager = (String) user.get("ManagerId");
            if (manager != null) {
                managerOf.put(id, manager);
                managers.add(manager);
            }
        }
        for (Map<String, Object> user : users) {
            String id = (String) user.get("Id");
            if (managerOf.containsKey(id) && !managers.contains(id) && activeUsers.contains(id)) {
                reps.add(id);
            }
        }
    }

    private void loadTerritories() {
        String activeModel = null;
        for (Map<String, Object> model : org.records(OrgSchema.TERRITORY2_MODEL)) {
            if ("Active".equals(model.get("State"))) {
                activeModel = (String) model.get("Id");
            }
        }
        Set<String> parents = new HashSet<>();
        List<Map<String, Object>> territories = org.records(OrgSchema.TERRITORY2);
        territories.forEach(t -> parents.add((String) t.get("ParentTerritory2Id")));
        for (Map<String, Object> territory : territories) {
            String id = (String) territory.get("Id");
            if (Objects.equals(activeModel, territory.get("Territory2ModelId")) && !parents.contains(id)) {
                leafTerritories.add(id);
                Leaf leaf = ReferenceData.leafByDeveloperName((String) territory.get("DeveloperName"));
                if (leaf != null) {
                    leafOfTerritory.put(id, leaf);
                }
            }
        }
        for (Map<String, Object> association : org.records(OrgSchema.USER_TERRITORY2_ASSOCIATION)) {
            String user = (String) association.get("UserId");
            String territory = (String) association.get("Territory2Id");
            if (reps.contains(user) && leafTerritories.contains(territory)) {
                territoriesOfRep.computeIfAbsent(user, k -> new LinkedHashSet<>()).add(territory);
                repsOfTerritory.computeIfAbsent(territory, k -> new ArrayList<>()).add(user);
            }
        }
    }

    private void refreshRecords() {
        accountIds = new ArrayList<>();
        accountsWithDependents.clear();
        for (Map<String, Object> account : org.records(OrgSchema.ACCOUNT)) {
            accountIds.add((String) account.get("Id"));
            if (account.get("ParentId") != null) {
                accountsWithDependents.add((String) account.get("ParentId"));
            }
        }
        opportunityIds = new ArrayList<>();
        for (Map<String, Object> opportunity : org.records(OrgSchema.OPPORTUNITY)) {
            opportunityIds.add((String) opportunity.get("Id"));
            if (opportunity.get("AccountId") != null) {
                accountsWithDependents.add((String) opportunity.get("AccountId"));
            }
        }
        associationsByAccount.clear();
        for (Map<String, Object> association : org.records(OrgSchema.OBJECT_TERRITORY2_ASSOCIATION)) {
            associationsByAccount.computeIfAbsent((String) association.get("ObjectId"), k -> new ArrayList<>(1))
                    .add((String) association.get("Id"));
        }
        created.clear();
        createdOpportunities.clear();
    }

    /** Live associations of an account (from the index, checked against the org). */
    private List<String> associationsOf(String accountId) {
        List<String> live = new ArrayList<>();
        for (String id : associationsByAccount.getOrDefault(accountId, List.of())) {
            Map<String, Object> association = org.get(id);
            if (association != null && !Boolean.TRUE.equals(association.get("IsDeleted"))) {
                live.add(id);
            }
        }
        return live;
    }

    private String createAssociation(String accountId, String territoryId, String cause) {
        String id = org.insert(adminId, OrgSchema.OBJECT_TERRITORY2_ASSOCIATION, Map.of("ObjectId", accountId,
                "Territory2Id", territoryId, "AssociationCause", cause));
        associationsByAccount.computeIfAbsent(accountId, k -> new ArrayList<>(1)).add(id);
        return id;
    }

    /** Makes one change; returns its kind, or null when nothing applicable was found (e.g. an empty org). */
    Kind step() {
        if (++steps % REFRESH_EVERY == 0) {
            refreshRecords();
        }
        for (int attempt = 0; attempt < TRIES; attempt++) {
            Kind kind = pickKind();
            boolean done = switch (kind) {
                case OWNER_CHANGE -> changeOwner();
                case NEW_ACCOUNT -> newAccount();
                case ATTRIBUTE_CHANGE -> changeAttributes();
                case OPPORTUNITY_STAGE -> advanceOpportunity();
                case NEW_OPPORTUNITY -> newOpportunity();
                case ACCOUNT_DELETE -> deleteAccount();
                case ACCOUNT_UNDELETE -> undeleteAccount();
                case TERRITORY_REASSIGNMENT -> reassignTerritory();
                case USER_TERRITORY_CHANGE -> changeUserTerritory();
            };
            if (done) {
                return kind;
            }
        }
        return null;
    }

    private Kind pickKind() {
        int pick = random.nextInt(totalWeight);
        for (Kind kind : Kind.values()) {
            pick -= kind.weight;
            if (pick < 0) {
                return kind;
            }
        }
        return Kind.ATTRIBUTE_CHANGE;
    }

    // ------------------------------------------------------------------ the changes

    private boolean changeOwner() {
        Map<String, Object> account = liveRecord(accountIds, created);
        if (account == null || reps.size() < 2) {
            return false;
        }
        String current = (String) account.get("OwnerId");
        // Mostly a hand-over within the team that works the same territories, sometimes anywhere.
        List<String> colleagues = new ArrayList<>();
        for (String territory : territoriesOfRep.getOrDefault(current, new LinkedHashSet<>())) {
            for (String rep : repsOfTerritory.getOrDefault(territory, List.of())) {
                if (!rep.equals(current) && !colleagues.contains(rep)) {
                    colleagues.add(rep);
                }
            }
        }
        String next = !colleagues.isEmpty() && random.nextInt(10) < 7 ? pick(colleagues) : pick(reps);
        if (next.equals(current)) {
            return false;
        }
        org.updateRecord(actorFor(managerOf.get(next)), (String) account.get("Id"), Map.of("OwnerId", next));
        return true;
    }

    private boolean newAccount() {
        String rep = reps.isEmpty() ? adminId : pick(reps);
        List<String> territories = new ArrayList<>(territoriesOfRep.getOrDefault(rep, new LinkedHashSet<>()));
        String territory = territories.isEmpty() ? null : pick(territories);
        Leaf leaf = territory == null ? null : leafOfTerritory.get(territory);
        if (leaf == null) {
            leaf = ReferenceData.LEAVES.get(random.nextInt(ReferenceData.LEAVES.size()));
        }
        Map<String, Object> values = AccountFactory.account(random, leaf);
        values.values().removeIf(Objects::isNull);
        values.put("OwnerId", rep);
        values.put("Type", "Prospect");
        String id = org.insert(rep, OrgSchema.ACCOUNT, values);
        created.add(id);
        if (territory != null) {
            // Territory assignment rules run on save; they act as the admin who owns them.
            createAssociation(id, territory, "Territory2AssignmentRule");
        }
        return true;
    }

    private boolean changeAttributes() {
        Map<String, Object> account = liveRecord(accountIds, created);
        if (account == null) {
            return false;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        int roll = random.nextInt(100);
        if (roll < 20) {
            String industry = pick(ReferenceData.INDUSTRIES);
            if (industry.equals(account.get("Industry"))) {
                return false;
            }
            values.put("Industry", industry);
        } else if (roll < 60) {
            Integer before = (Integer) account.get("NumberOfEmployees");
            int employees = before == null ? AccountFactory.employees(random)
                    : (int) Math.max(1, Math.round(before * (0.85 + random.nextDouble() * 0.4)));
            if (Objects.equals(before, employees)) {
                employees++;
            }
            values.put("NumberOfEmployees", employees);
            String segment = AccountFactory.segmentOf(employees);
            if (!segment.equals(account.get("Segment__c"))) {
                values.put("Segment__c", segment);
            }
        } else if (roll < 90) {
            Integer employees = (Integer) account.get("NumberOfEmployees");
            values.put("AnnualRevenue", AccountFactory.revenue(random, employees == null ? 50 : employees));
        } else {
            String type = ReferenceData.ACCOUNT_TYPES.get(ReferenceData.weighted(random,
                    ReferenceData.ACCOUNT_TYPE_WEIGHTS));
            if (type.equals(account.get("Type"))) {
                return false;
            }
            values.put("Type", type);
        }
        org.updateRecord(ownerOrManager((String) account.get("OwnerId")), (String) account.get("Id"), values);
        return true;
    }

    private boolean advanceOpportunity() {
        Map<String, Object> opportunity = null;
        for (int i = 0; i < TRIES && opportunity == null; i++) {
            Map<String, Object> candidate = liveRecord(opportunityIds, createdOpportunities);
            if (candidate != null && Boolean.FALSE.equals(candidate.get("IsClosed"))) {
                opportunity = candidate;
            }
        }
        if (opportunity == null) {
            return false;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        int stage = ReferenceData.OPEN_STAGES.indexOf((String) opportunity.get("StageName"));
        int roll = random.nextInt(100);
        if (roll < 15) {
            values.put("StageName", ReferenceData.CLOSED_WON);
            values.put("Probability", 100);
            values.put("CloseDate", today());
        } else if (roll < 30) {
            values.put("StageName", ReferenceData.CLOSED_LOST);
            values.put("Probability", 0);
            values.put("CloseDate", today());
        } else if (roll < 40 || stage < 0 || stage == ReferenceData.OPEN_STAGES.size() - 1) {
            LocalDate close = (LocalDate) opportunity.get("CloseDate");
            values.put("CloseDate", (close == null || close.isBefore(today()) ? today() : close).plusDays(30));
        } else {
            values.put("StageName", ReferenceData.OPEN_STAGES.get(stage + 1));
            values.put("Probability", AccountFactory.OPEN_STAGE_PROBABILITY[stage + 1]);
        }
        org.updateRecord(ownerOrManager((String) opportunity.get("OwnerId")), (String) opportunity.get("Id"), values);
        return true;
    }

    private boolean newOpportunity() {
        Map<String, Object> account = liveRecord(accountIds, created);
        if (account == null) {
            return false;
        }
        String owner = (String) account.get("OwnerId");
        String actor = ownerOrManager(owner);
        Map<String, Object> values = AccountFactory.opportunity(random, (String) account.get("Id"), account,
                activeUsers.contains(owner) ? owner : actor, today().plusDays(30 + random.nextInt(150)));
        values.put("StageName", ReferenceData.OPEN_STAGES.get(0));
        values.put("Probability", AccountFactory.OPEN_STAGE_PROBABILITY[0]);
        createdOpportunities.add(org.insert(actor, OrgSchema.OPPORTUNITY, values));
        accountsWithDependents.add((String) account.get("Id"));
        return true;
    }

    private boolean deleteAccount() {
        // Clean-up of duplicates and dead prospects: only accounts without opportunities (Salesforce would cascade).
        for (int i = 0; i < TRIES; i++) {
            Map<String, Object> account = liveRecord(accountIds, created);
            if (account == null) {
                return false;
            }
            String id = (String) account.get("Id");
            if (accountsWithDependents.contains(id)) {
                continue;
            }
            for (String association : associationsOf(id)) {
                org.deleteRecord(adminId, association);
            }
            org.deleteRecord(adminId, id);
            recycleBin.push(id);
            return true;
        }
        return false;
    }

    private boolean undeleteAccount() {
        while (!recycleBin.isEmpty()) {
            String id = recycleBin.pop();
            Map<String, Object> account = org.get(id);
            if (account == null || !Boolean.TRUE.equals(account.get("IsDeleted"))) {
                continue;
            }
            List<WriteResult> result = org.undelete(adminId, List.of(id), WriteOptions.DEFAULT);
            return result.get(0).success();
        }
        return false;
    }

    private boolean reassignTerritory() {
        Map<String, Object> account = liveRecord(accountIds, created);
        if (account == null || leafTerritories.size() < 2) {
            return false;
        }
        String id = (String) account.get("Id");
        List<String> current = associationsOf(id);
        String target = pick(leafTerritories);
        for (String association : current) {
            if (target.equals(org.get(association).get("Territory2Id"))) {
                return false;
            }
        }
        for (String association : current) {
            org.deleteRecord(adminId, association);
        }
        createAssociation(id, target, "Territory2Manual");
        return true;
    }

    private boolean changeUserTerritory() {
        if (reps.isEmpty() || leafTerritories.isEmpty()) {
            return false;
        }
        String rep = pick(reps);
        LinkedHashSet<String> territories = territoriesOfRep.computeIfAbsent(rep, k -> new LinkedHashSet<>());
        String target = pick(leafTerritories);
        if (territories.contains(target)) {
            if (territories.size() < 2) {
                return false;
            }
            // Hand a territory back: remove the association.
            for (Map<String, Object> association : org.find(OrgSchema.USER_TERRITORY2_ASSOCIATION, "UserId", rep)) {
                if (target.equals(association.get("Territory2Id"))) {
                    org.deleteRecord(adminId, (String) association.get("Id"));
                }
            }
            territories.remove(target);
            repsOfTerritory.getOrDefault(target, new ArrayList<>()).remove(rep);
            return true;
        }
        org.insert(adminId, OrgSchema.USER_TERRITORY2_ASSOCIATION, Map.of("UserId", rep, "Territory2Id", target,
                "RoleInTerritory2", "Sales Rep", "IsActive", true));
        territories.add(target);
        repsOfTerritory.computeIfAbsent(target, k -> new ArrayList<>()).add(rep);
        return true;
    }

    // ------------------------------------------------------------------ helpers

    /** A random live record from the known ids plus the ones this stream created; null after a few misses. */
    private Map<String, Object> liveRecord(List<String> known, List<String> extra) {
        int size = known.size() + extra.size();
        if (size == 0) {
            return null;
        }
        for (int i = 0; i < TRIES; i++) {
            int index = random.nextInt(size);
            String id = index < known.size() ? known.get(index) : extra.get(index - known.size());
            Map<String, Object> record = org.get(id);
            if (record != null && !Boolean.TRUE.equals(record.get("IsDeleted"))) {
                return record;
            }
        }
        return null;
    }

    /** The owner when active, else their manager when active, else the admin (never the sync user). */
    private String ownerOrManager(String owner) {
        if (owner != null && activeUsers.contains(owner)) {
            return owner;
        }
        return actorFor(owner == null ? null : managerOf.get(owner));
    }

    private String actorFor(String user) {
        return user != null && activeUsers.contains(user) ? user : adminId;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(org.now(), ZoneOffset.UTC);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
