package dev.planbridge.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.plan.PlanElement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationPlannerTest {

    static final String SYNC = FakeCrm.SYNC_USER;
    static final String ADMIN = "005000000000ADMAAA";
    static final String ALICE = "005000000000ALIAAA";
    static final String BOB = "005000000000BOBAAA";
    static final String CAROL = "005000000000CARAAA";
    static final String GONE = "005000000000GONAAA";
    static final String ACME = "001000000000ACMAAA";
    static final String GLOBEX = "001000000000GLOAAA";
    static final String DELETED = "001000000000DELAAA";
    static final String MODEL_ID = "0MA000000000001AAA";
    static final String TYPE_ID = "0M5000000000001AAA";
    static final String FT_ID = "0Db000000000001AAA";

    final List<PlanElement> elements = new ArrayList<>();
    CrmRecord model = new CrmRecord(MODEL_ID, Map.of("State", "Planning"), SYNC, null);
    final Map<String, CrmRecord> territories = new HashMap<>();
    final List<CrmRecord> userAssociations = new ArrayList<>();
    final List<CrmRecord> objectAssociations = new ArrayList<>();
    final Map<String, CrmRecord> accounts = new HashMap<>();
    final List<CrmRecord> opportunities = new ArrayList<>();
    final List<CrmRecord> quotas = new ArrayList<>();
    Set<PushOptions.ScopePart> scope = EnumSet.allOf(PushOptions.ScopePart.class);
    ConflictPolicies policies = ConflictPolicies.flagAll();
    PushOptions.OpportunityHandoff handoff = PushOptions.OpportunityHandoff.FOLLOW_ACCOUNT;

    OperationPlannerTest() {
        elements.add(new PlanElement.Header(1, "plan-1", "FY27 plan", 3, "abc", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T00:00:00Z"), LocalDate.of(2027, 1, 1), 0, 0, 0, 0));
        elements.add(new PlanElement.TerritoryType("Region", "Region", 1));
        accounts.put(ACME, record(ACME, Map.of("OwnerId", ALICE), ADMIN));
        accounts.put(GLOBEX, record(GLOBEX, Map.of("OwnerId", ALICE), ADMIN));
    }

    static CrmRecord record(String id, Map<String, String> fields, String by) {
        return new CrmRecord(id, fields, by, Instant.parse("2026-11-15T09:00:00Z"));
    }

    PushPlan plan() {
        Map<String, CrmRecord> users = Map.of(
                ALICE, record(ALICE, Map.of("IsActive", "true"), ADMIN),
                BOB, record(BOB, Map.of("IsActive", "true"), ADMIN),
                CAROL, record(CAROL, Map.of("IsActive", "false"), ADMIN));
        CrmSnapshot crm = new CrmSnapshot(model, Map.of("Region", record(TYPE_ID, Map.of("MasterLabel", "Region"), SYNC)),
                territories, userAssociations, objectAssociations, accounts, users, opportunities, quotas,
                Map.of("Revenue", FT_ID), Set.of("Quarter|2027-01-01", "|2027-01-01"));
        return new OperationPlanner(SYNC).plan(DesiredPlan.of(elements), crm, OwnHistory.none(),
                new PushOptions(scope, policies, handoff, "Planbridge_plan_1"));
    }

    static List<String> describe(PushPlan plan) {
        return plan.operations().stream().map(op -> op.object().apiName() + " " + op.op() + " " + op.naturalKey()).toList();
    }

    void territory(String key, String parent) {
        elements.add(new PlanElement.Territory(key, key + " name", "Region", parent, null, null));
    }

    void account(String id, String desiredOwner, String baselineOwner, String... territoryKeys) {
        elements.add(new PlanElement.Account(id, id, List.of(territoryKeys), desiredOwner, baselineOwner, null, "rule:1"));
    }

    @Test
    void shouldCreateParentsBeforeChildrenAndAssociationsAfterTerritories() {
        territory("EMEA_DACH", "EMEA");
        territory("EMEA", null);
        territory("EMEA_DACH_BERLIN", "EMEA_DACH");
        elements.add(new PlanElement.UserAssignment("EMEA_DACH", BOB, "Owner", null, null, null));
        account(ACME, null, null, "EMEA_DACH_BERLIN");
        PushPlan plan = plan();
        assertEquals(List.of(
                "Territory2 CREATE EMEA",
                "Territory2 CREATE EMEA_DACH",
                "Territory2 CREATE EMEA_DACH_BERLIN",
                "UserTerritory2Association CREATE " + BOB + "|EMEA_DACH",
                "ObjectTerritory2Association CREATE " + ACME + "|EMEA_DACH_BERLIN"), describe(plan));
        PlannedOperation child = plan.operations().get(1);
        assertEquals(Refs.to(SObjectType.TERRITORY2, "EMEA"), child.values().get("ParentTerritory2Id"));
        assertEquals(MODEL_ID, child.values().get("Territory2ModelId"));
        assertEquals(TYPE_ID, child.values().get("Territory2TypeId"));
        assertTrue(plan.operations().get(0).stage() < child.stage());
    }

    @Test
    void shouldCreateTheModelInPlanningStateWhenAbsentAndReferToIt() {
        model = null;
        territory("EMEA", null);
        PushPlan plan = plan();
        assertEquals("Territory2Model CREATE Planbridge_plan_1", describe(plan).get(0));
        assertEquals(Refs.to(SObjectType.TERRITORY2_MODEL, "Planbridge_plan_1"),
                plan.operations().get(1).values().get("Territory2ModelId"));
    }

    @Test
    void shouldRefuseToWriteIntoAnActiveModel() {
        model = new CrmRecord(MODEL_ID, Map.of("State", "Active"), ADMIN, null);
        DesiredPlan.InvalidPlanException e = assertThrows(DesiredPlan.InvalidPlanException.class, this::plan);
        assertTrue(e.getMessage().contains("Planning"));
    }

    @Test
    void shouldWriteOnlyMovedAccountsAndLeaveTheRestAlone() {
        territory("EMEA", null);
        territories.put("EMEA", record("0MI000000000001AAA", territoryFields("EMEA name", null), SYNC));
        objectAssociations.add(record("0MJ000000000001AAA", Map.of("ObjectId", ACME, "Territory2Id", "0MI000000000001AAA",
                "AssociationCause", "Territory2Manual"), SYNC));
        account(ACME, ALICE, ALICE, "EMEA");
        account(GLOBEX, BOB, ALICE, "EMEA");
        PushPlan plan = plan();
        assertEquals(List.of("ObjectTerritory2Association CREATE " + GLOBEX + "|EMEA", "Account UPDATE " + GLOBEX), describe(plan));
        assertEquals(2, plan.tallies().get(SObjectType.ACCOUNT).compared());
        assertEquals(1, plan.tallies().get(SObjectType.ACCOUNT).unchanged());
    }

    static Map<String, String> territoryFields(String name, String parent) {
        Map<String, String> fields = new HashMap<>();
        fields.put("Name", name);
        fields.put("Territory2TypeId", TYPE_ID);
        fields.put("ParentTerritory2Id", parent);
        return fields;
    }

    @Test
    void shouldFlagOwnerChangedInCrmSinceBaselineAndHoldOnlyThatAccount() {
        account(ACME, BOB, ALICE);
        account(GLOBEX, BOB, ALICE);
        accounts.put(ACME, record(ACME, Map.of("OwnerId", CAROL), ADMIN));
        PushPlan plan = plan();
        assertEquals(List.of("Account UPDATE " + GLOBEX), describe(plan));
        PushPlan.Conflict conflict = plan.conflicts().get(0);
        assertEquals(ACME, conflict.naturalKey());
        assertEquals("OwnerId", conflict.field().field());
        assertEquals(CAROL, conflict.field().crmValue());
        assertEquals(ADMIN, conflict.field().changedById());
        assertTrue(conflict.held());
    }

    @Test
    void shouldMoveOpenOpportunitiesOfThePreviousOwnerWithTheAccount() {
        account(ACME, BOB, ALICE);
        opportunities.add(record("006000000000001AAA", Map.of("AccountId", ACME, "OwnerId", ALICE), ADMIN));
        opportunities.add(record("006000000000002AAA", Map.of("AccountId", ACME, "OwnerId", CAROL), ADMIN));
        PushPlan plan = plan();
        assertEquals(List.of("Account UPDATE " + ACME, "Opportunity UPDATE 006000000000001AAA"), describe(plan));
        assertEquals(Map.of("OwnerId", ALICE), plan.operations().get(1).before());
    }

    @Test
    void shouldMoveTheOpportunitiesOfAResolvedAccountInAFollowUpPush() {
        account(ACME, BOB, ALICE);
        account(GLOBEX, BOB, ALICE);
        // ACME was reassigned to Carol after the baseline; the approver kept the plan's owner (Bob).
        accounts.put(ACME, record(ACME, Map.of("OwnerId", CAROL), ADMIN));
        opportunities.add(record("006000000000001AAA", Map.of("AccountId", ACME, "OwnerId", CAROL), ADMIN));
        opportunities.add(record("006000000000002AAA", Map.of("AccountId", ACME, "OwnerId", ALICE), ADMIN));
        opportunities.add(record("006000000000003AAA", Map.of("AccountId", GLOBEX, "OwnerId", ALICE), ADMIN));
        Resolution.Lookup keepPlan = (object, key, field) -> object == SObjectType.ACCOUNT && ACME.equals(key)
                && "OwnerId".equals(field) ? new Resolution(Resolution.Keep.PLAN, null, CAROL) : null;
        Map<String, CrmRecord> users = Map.of(
                ALICE, record(ALICE, Map.of("IsActive", "true"), ADMIN),
                BOB, record(BOB, Map.of("IsActive", "true"), ADMIN),
                CAROL, record(CAROL, Map.of("IsActive", "true"), ADMIN));
        CrmSnapshot crm = new CrmSnapshot(model, Map.of("Region", record(TYPE_ID, Map.of("MasterLabel", "Region"), SYNC)),
                territories, userAssociations, objectAssociations, accounts, users, opportunities, quotas,
                Map.of("Revenue", FT_ID), Set.of());
        PushOptions followUp = new PushOptions(scope, policies, handoff, "Planbridge_plan_1")
                .withResolutions(keepPlan, Set.of("Account|" + ACME));

        PushPlan plan = new OperationPlanner(SYNC).plan(DesiredPlan.of(elements), crm, OwnHistory.none(), followUp);

        // Only the resolved account and the open opportunities of its owner at the time of the push (Carol) move.
        assertEquals(List.of("Account UPDATE " + ACME, "Opportunity UPDATE 006000000000001AAA"), describe(plan));
        assertEquals(Map.of("OwnerId", BOB), plan.operations().get(1).values());
        assertEquals(Map.of("OwnerId", CAROL), plan.operations().get(1).before());
    }

    @Test
    void shouldLeaveOpportunitiesWithTheirOwnerWhenHandoffSaysSo() {
        handoff = PushOptions.OpportunityHandoff.STAY_WITH_OWNER;
        account(ACME, BOB, ALICE);
        opportunities.add(record("006000000000001AAA", Map.of("AccountId", ACME, "OwnerId", ALICE), ADMIN));
        assertEquals(List.of("Account UPDATE " + ACME), describe(plan()));
    }

    @Test
    void shouldLeaveOwnersAloneUnlessInScope() {
        scope = PushOptions.ScopePart.defaults();
        account(ACME, BOB, ALICE);
        assertEquals(List.of(), describe(plan()));
    }

    // Issue 25 item 3: a push with scope account-owners made a create call (the plan's Territory2Model) besides its
    // account updates.
    @Test
    void shouldWriteNothingOutsideEachScopePartEvenWhenTheModelIsAbsent() {
        Map<PushOptions.ScopePart, Set<SObjectType>> objectsOf = Map.of(
                PushOptions.ScopePart.TERRITORIES, Set.of(SObjectType.TERRITORY2_MODEL, SObjectType.TERRITORY2_TYPE,
                        SObjectType.TERRITORY2),
                PushOptions.ScopePart.USER_ASSIGNMENTS, Set.of(SObjectType.USER_TERRITORY2_ASSOCIATION),
                PushOptions.ScopePart.ACCOUNT_ASSIGNMENTS, Set.of(SObjectType.OBJECT_TERRITORY2_ASSOCIATION),
                PushOptions.ScopePart.ACCOUNT_OWNERS, Set.of(SObjectType.ACCOUNT, SObjectType.OPPORTUNITY),
                PushOptions.ScopePart.QUOTAS, Set.of(SObjectType.FORECASTING_QUOTA));
        model = null;
        elements.add(new PlanElement.TerritoryType("Segment", "Segment", 2));
        territory("EMEA", null);
        elements.add(new PlanElement.UserAssignment("EMEA", ALICE, "Owner", null, null, null));
        account(ACME, BOB, ALICE, "EMEA");
        opportunities.add(record("006000000000001AAA", Map.of("AccountId", ACME, "OwnerId", ALICE), ADMIN));
        elements.add(new PlanElement.Quota(ALICE, null, LocalDate.of(2027, 1, 1), "Quarter", new BigDecimal("1000"),
                null, "Revenue", null, null));
        for (PushOptions.ScopePart part : PushOptions.ScopePart.values()) {
            scope = EnumSet.of(part);
            PushPlan plan = plan();
            for (PlannedOperation op : plan.operations()) {
                assertTrue(objectsOf.get(part).contains(op.object()),
                        "scope " + part + " must not write " + op.object().apiName() + " " + op.op() + " " + op.naturalKey());
            }
            if (part != PushOptions.ScopePart.USER_ASSIGNMENTS && part != PushOptions.ScopePart.ACCOUNT_ASSIGNMENTS) {
                // (associations need the territories, which this plan has not pushed yet)
                assertTrue(!plan.operations().isEmpty(), "scope " + part + " writes its own records");
            }
        }
        scope = EnumSet.of(PushOptions.ScopePart.ACCOUNT_OWNERS);
        assertEquals(List.of("Account UPDATE " + ACME, "Opportunity UPDATE 006000000000001AAA"), describe(plan()));
    }

    @Test
    void shouldPushAccountOwnersWhateverStateTheModelIsIn() {
        model = new CrmRecord(MODEL_ID, Map.of("State", "Active"), ADMIN, null);
        scope = EnumSet.of(PushOptions.ScopePart.ACCOUNT_OWNERS);
        account(ACME, BOB, ALICE);
        assertEquals(List.of("Account UPDATE " + ACME), describe(plan()));
    }

    @Test
    void shouldReportBadInputPerRecordAndSkipIt() {
        territory("EMEA", null);
        territory("EMEA", null);
        territory("APAC", "NOWHERE");
        elements.add(new PlanElement.Territory("LATAM", "Latam", "NoSuchType", null, null, null));
        elements.add(new PlanElement.UserAssignment("EMEA", CAROL, "Owner", null, null, null));
        elements.add(new PlanElement.UserAssignment("EMEA", GONE, "Owner", null, null, null));
        account(DELETED, null, null, "EMEA");
        elements.add(new PlanElement.Quota(BOB, null, LocalDate.of(2027, 2, 1), "Quarter", BigDecimal.TEN, null,
                "Revenue", null, null));
        elements.add(new PlanElement.Quota(BOB, null, LocalDate.of(2027, 1, 1), "Quarter", BigDecimal.TEN, null,
                "Bookings", null, null));
        PushPlan plan = plan();
        Map<String, String> reasons = new HashMap<>();
        plan.issues().forEach(issue -> reasons.put(issue.naturalKey(), issue.reason()));
        assertEquals("duplicate territory key", reasons.get("EMEA"));
        assertEquals("parent territory 'NOWHERE' is not in the plan", reasons.get("APAC"));
        assertTrue(reasons.get("LATAM").contains("NoSuchType"));
        assertTrue(reasons.get(CAROL + "|EMEA").contains("inactive"));
        assertTrue(reasons.get(GONE + "|EMEA").contains("does not exist"));
        assertEquals("account deleted or missing in the CRM", reasons.get(DELETED));
        assertTrue(reasons.get(BOB + "|2027-02-01|Revenue|-").contains("no Salesforce Period of type Quarter starts on 2027-02-01"));
        assertTrue(reasons.get(BOB + "|2027-01-01|Bookings|-").contains("forecasting type 'Bookings'"));
        assertEquals(List.of("Territory2 CREATE EMEA"), describe(plan));
    }

    @Test
    void shouldUpdateFoundQuotaAndCreateMissingOne() {
        territory("EMEA", null);
        territories.put("EMEA", record("0MI000000000001AAA", territoryFields("EMEA name", null), SYNC));
        quotas.add(record("0J9000000000001AAA", Map.of("QuotaOwnerId", BOB, "StartDate", "2027-01-01",
                "ForecastingTypeId", FT_ID, "Territory2Id", "0MI000000000001AAA", "QuotaAmount", "1000.0"), ADMIN));
        elements.add(new PlanElement.Quota(BOB, "EMEA", LocalDate.of(2027, 1, 1), "Quarter", new BigDecimal("1500"),
                null, "Revenue", new BigDecimal("1000.00"), null));
        elements.add(new PlanElement.Quota(ALICE, "EMEA", LocalDate.of(2027, 1, 1), "Quarter", new BigDecimal("700"),
                null, "Revenue", null, null));
        PushPlan plan = plan();
        assertEquals(List.of(
                "ForecastingQuota UPDATE " + BOB + "|2027-01-01|Revenue|EMEA",
                "ForecastingQuota CREATE " + ALICE + "|2027-01-01|Revenue|EMEA"), describe(plan));
        assertEquals(Map.of("QuotaAmount", "1500"), plan.operations().get(0).values());
        Map<String, String> created = plan.operations().get(1).values();
        assertEquals("0MI000000000001AAA", created.get("Territory2Id"));
        assertEquals(FT_ID, created.get("ForecastingTypeId"));
        assertEquals("true", created.get("IsAmount"));
    }

    @Test
    void shouldFlagQuotaChangedInCrmUnlessPlanWins() {
        elements.add(new PlanElement.Quota(BOB, null, LocalDate.of(2027, 1, 1), "Quarter", new BigDecimal("1500"),
                null, "Revenue", new BigDecimal("1000"), null));
        quotas.add(record("0J9000000000001AAA", Map.of("QuotaOwnerId", BOB, "StartDate", "2027-01-01",
                "ForecastingTypeId", FT_ID, "QuotaAmount", "1200"), ADMIN));
        assertEquals(List.of(), describe(plan()));
        policies = ConflictPolicies.of(Map.of("ForecastingQuota.QuotaAmount", "PLAN_WINS"));
        PushPlan plan = plan();
        assertEquals(1, plan.operations().size());
        assertEquals(1, plan.conflicts().size());
        assertEquals(Map.of("QuotaAmount", "1200"), plan.operations().get(0).before());
    }

    @Test
    void shouldDeleteOwnAssociationsThePlanDroppedAndFlagOthersAddedByHand() {
        territory("EMEA", null);
        territories.put("EMEA", record("0MI000000000001AAA", territoryFields("EMEA name", null), SYNC));
        objectAssociations.add(record("0MJ000000000001AAA", Map.of("ObjectId", ACME, "Territory2Id", "0MI000000000001AAA",
                "AssociationCause", "Territory2Manual"), SYNC));
        objectAssociations.add(record("0MJ000000000002AAA", Map.of("ObjectId", GLOBEX, "Territory2Id", "0MI000000000001AAA",
                "AssociationCause", "Territory2Manual"), ADMIN));
        objectAssociations.add(record("0MJ000000000003AAA", Map.of("ObjectId", "001000000000RULAAA", "Territory2Id",
                "0MI000000000001AAA", "AssociationCause", "Territory2AssignmentRule"), ADMIN));
        account(ACME, null, null);
        account(GLOBEX, null, null);
        PushPlan plan = plan();
        assertEquals(List.of("ObjectTerritory2Association DELETE " + ACME + "|EMEA"), describe(plan));
        assertEquals(1, plan.conflicts().size());
        assertEquals(GLOBEX + "|EMEA", plan.conflicts().get(0).naturalKey());
    }

    @Test
    void shouldDeleteOwnTerritoriesThePlanDroppedChildrenFirst() {
        territories.put("OLD", record("0MI000000000001AAA", territoryFields("Old", null), SYNC));
        territories.put("OLD_CHILD", record("0MI000000000002AAA", territoryFields("Old child", "0MI000000000001AAA"), SYNC));
        PushPlan plan = plan();
        assertEquals(List.of("Territory2 DELETE OLD_CHILD", "Territory2 DELETE OLD"), describe(plan));
    }

    @Test
    void shouldReplaceAUserAssociationWhoseRoleChangedDeletingFirst() {
        territory("EMEA", null);
        territories.put("EMEA", record("0MI000000000001AAA", territoryFields("EMEA name", null), SYNC));
        userAssociations.add(record("0R0000000000001AAA", Map.of("UserId", BOB, "Territory2Id", "0MI000000000001AAA",
                "RoleInTerritory2", "Overlay"), SYNC));
        elements.add(new PlanElement.UserAssignment("EMEA", BOB, "Owner", null, null, null));
        assertEquals(List.of("UserTerritory2Association DELETE " + BOB + "|EMEA",
                "UserTerritory2Association CREATE " + BOB + "|EMEA"), describe(plan()));
    }

    @Test
    void shouldRequireAHeaderFirst() {
        elements.remove(0);
        assertThrows(DesiredPlan.InvalidPlanException.class, this::plan);
    }
}
