package dev.planbridge.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordReconcilerTest {

    static final String SYNC_USER = "005000000000SYNCAA";
    static final String REP = "005000000000REPXAA";
    final RecordReconciler flagging = new RecordReconciler(ConflictPolicies.flagAll(), SYNC_USER);

    static CrmRecord account(String owner, String modifiedBy) {
        return new CrmRecord("001000000000001AAA", Map.of("OwnerId", owner), modifiedBy, Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void shouldUpdateOnlyTheFieldsThatMove() {
        RecordDecision decision = flagging.reconcile(SObjectType.ACCOUNT, "001", Map.of("OwnerId", "B"), Map.of(),
                Map.of("OwnerId", "A"), account("A", REP), null);
        assertEquals(List.of(OpKind.UPDATE), decision.ops());
        assertEquals(Map.of("OwnerId", "B"), decision.writes());
        assertEquals(Map.of("OwnerId", "A"), decision.before());
    }

    @Test
    void shouldHoldRecordAndReportWhoChangedItWhenFlagging() {
        RecordDecision decision = flagging.reconcile(SObjectType.ACCOUNT, "001", Map.of("OwnerId", "B"), Map.of(),
                Map.of("OwnerId", "A"), account("C", REP), null);
        assertTrue(decision.held());
        assertTrue(decision.ops().isEmpty());
        FieldConflict conflict = decision.conflicts().get(0);
        assertEquals("A", conflict.baseValue());
        assertEquals("B", conflict.planValue());
        assertEquals("C", conflict.crmValue());
        assertEquals(REP, conflict.changedById());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), conflict.changedAt());
    }

    @Test
    void shouldOverwriteConflictWhenPlanWinsAndStillReportIt() {
        RecordReconciler planWins = new RecordReconciler(ConflictPolicies.of(Map.of("Account.OwnerId", "PLAN_WINS")), SYNC_USER);
        RecordDecision decision = planWins.reconcile(SObjectType.ACCOUNT, "001", Map.of("OwnerId", "B"), Map.of(),
                Map.of("OwnerId", "A"), account("C", REP), null);
        assertEquals(List.of(OpKind.UPDATE), decision.ops());
        assertEquals(Map.of("OwnerId", "C"), decision.before());
        assertEquals(1, decision.conflicts().size());
        assertFalse(decision.held());
    }

    @Test
    void shouldKeepCrmValueWhenCrmWins() {
        RecordReconciler crmWins = new RecordReconciler(ConflictPolicies.of(Map.of("default", "CRM_WINS")), SYNC_USER);
        RecordDecision decision = crmWins.reconcile(SObjectType.ACCOUNT, "001", Map.of("OwnerId", "B"), Map.of(),
                Map.of("OwnerId", "A"), account("C", REP), null);
        assertTrue(decision.ops().isEmpty());
        assertFalse(decision.held());
        assertEquals(1, decision.conflicts().size());
    }

    @Test
    void shouldNotFlagChangesMadeByTheIntegrationUser() {
        RecordDecision decision = flagging.reconcile(SObjectType.ACCOUNT, "001", Map.of("OwnerId", "B"), Map.of(),
                Map.of("OwnerId", "A"), account("C", SYNC_USER), null);
        assertEquals(List.of(OpKind.UPDATE), decision.ops());
        assertTrue(decision.conflicts().isEmpty());
    }

    @Test
    void shouldNotFlagValuesAnEarlierPushWroteEvenIfSomeoneTouchedTheRecordSince() {
        RecordDecision decision = flagging.reconcile(SObjectType.ACCOUNT, "001", Map.of("OwnerId", "B"), Map.of(),
                Map.of("OwnerId", "A"), account("C", REP), Map.of("OwnerId", "C"));
        assertEquals(List.of(OpKind.UPDATE), decision.ops());
        assertTrue(decision.conflicts().isEmpty());
    }

    @Test
    void shouldCreateWhatDidNotExistWithItsKeys() {
        RecordDecision decision = flagging.reconcile(SObjectType.TERRITORY2, "EMEA", Map.of("Name", "Europe"),
                Map.of("DeveloperName", "EMEA"), null, null, null);
        assertEquals(List.of(OpKind.CREATE), decision.ops());
        assertEquals(Map.of("DeveloperName", "EMEA", "Name", "Europe"), decision.writes());
    }

    @Test
    void shouldFlagRecordDeletedInCrmSinceBaseline() {
        RecordDecision decision = flagging.reconcile(SObjectType.FORECASTING_QUOTA, "q", Map.of("QuotaAmount", "10"),
                Map.of(), Map.of("QuotaAmount", "5"), null, null);
        assertTrue(decision.held());
        assertEquals(FieldConflict.EXISTENCE, decision.conflicts().get(0).field());
    }

    @Test
    void shouldDeleteOwnRecordsThePlanDropped() {
        CrmRecord ours = new CrmRecord("0R0000000000001AAA", Map.of("RoleInTerritory2", "Owner"), SYNC_USER, null);
        RecordDecision decision = flagging.reconcile(SObjectType.USER_TERRITORY2_ASSOCIATION, "u|t", null, Map.of(),
                null, ours, null);
        assertEquals(List.of(OpKind.DELETE), decision.ops());
        assertEquals(Map.of("RoleInTerritory2", "Owner"), decision.before());
    }

    @Test
    void shouldFlagRecordsSomeoneElseAddedThatThePlanDoesNotHave() {
        CrmRecord theirs = new CrmRecord("0R0000000000001AAA", Map.of("RoleInTerritory2", "Owner"), REP, null);
        RecordDecision decision = flagging.reconcile(SObjectType.USER_TERRITORY2_ASSOCIATION, "u|t", null, Map.of(),
                null, theirs, null);
        assertTrue(decision.held());
        assertEquals(FieldConflict.PRESENT, decision.conflicts().get(0).crmValue());
    }

    @Test
    void shouldReplaceAnAssociationWhoseRoleChangedBecauseAssociationsHaveNoUpdate() {
        CrmRecord ours = new CrmRecord("0R0000000000001AAA",
                Map.of("UserId", "005A", "Territory2Id", "0MIA", "RoleInTerritory2", "Overlay"), SYNC_USER, null);
        RecordDecision decision = flagging.reconcile(SObjectType.USER_TERRITORY2_ASSOCIATION, "u|t",
                Map.of("RoleInTerritory2", "Owner"), Map.of("UserId", "005A", "Territory2Id", "0MIA"), null, ours, null);
        assertEquals(List.of(OpKind.DELETE, OpKind.CREATE), decision.ops());
        assertEquals("Owner", decision.writes().get("RoleInTerritory2"));
        assertEquals("005A", decision.writes().get("UserId"));
    }

    @Test
    void shouldLeaveMatchingRecordsAlone() {
        RecordDecision decision = flagging.reconcile(SObjectType.ACCOUNT, "001", Map.of("OwnerId", "B"), Map.of(),
                Map.of("OwnerId", "A"), account("B", REP), null);
        assertTrue(decision.unchanged());
    }
}
