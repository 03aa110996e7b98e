package dev.planbridge.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchExecutorTest {

    final FakeCrm crm = new FakeCrm();
    final RecordingLedger ledger = new RecordingLedger();
    final List<Duration> sleeps = new ArrayList<>();
    final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(20), 5, () -> 1.0);
    final BatchExecutor executor = new BatchExecutor(crm, policy, sleeps::add, ledger, 200);

    static List<BatchExecutor.ExecOp> associations(int n) {
        List<BatchExecutor.ExecOp> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(new BatchExecutor.ExecOp(i, SObjectType.OBJECT_TERRITORY2_ASSOCIATION, OpKind.CREATE, null,
                    Map.of("ObjectId", String.format("001%012dAAA", i), "Territory2Id", "0MI000000000001AAA",
                            "AssociationCause", "Territory2Manual")));
        }
        return ops;
    }

    @Test
    void shouldSendAtMost200RecordsPerCall() throws Exception {
        executor.execute(associations(450));
        assertEquals(3, crm.writeCalls);
        assertEquals(450, ledger.count("SUCCEEDED"));
        assertEquals(450, crm.count(SObjectType.OBJECT_TERRITORY2_ASSOCIATION));
    }

    @Test
    void shouldRetryOnlyLockedRecordsUntilAllSucceed() throws Exception {
        Random random = new Random(7);
        crm.recordFault = values -> random.nextDouble() < 0.2 ? "UNABLE_TO_LOCK_ROW" : null;
        executor.execute(associations(400));
        assertEquals(400, ledger.count("SUCCEEDED"));
        assertEquals(400, crm.count(SObjectType.OBJECT_TERRITORY2_ASSOCIATION));
        // Records that went through are never sent again.
        long resent = ledger.sends.values().stream().filter(n -> n > 1).count();
        assertTrue(resent > 40 && resent < 130, "resent " + resent);
        assertTrue(sleeps.stream().allMatch(d -> d.compareTo(Duration.ZERO) > 0));
    }

    @Test
    void shouldNotDuplicateWhenTheAnswerOfAWriteWasLost() throws Exception {
        crm.callFaults.add(new FakeCrm.CallFault(CrmCallException.Kind.TRANSIENT, true));
        executor.execute(associations(150));
        assertEquals(150, crm.count(SObjectType.OBJECT_TERRITORY2_ASSOCIATION));
        assertEquals(150, ledger.count("SUCCEEDED"));
        assertEquals(1, crm.writeCalls, "everything was found by the verification query, nothing resent");
        assertEquals(new HashSet<>(crm.records.keySet()), new HashSet<>(ledger.ids.values()));
    }

    @Test
    void shouldResendWhenTheFailedCallWasNotApplied() throws Exception {
        crm.callFaults.add(new FakeCrm.CallFault(CrmCallException.Kind.TRANSIENT, false));
        executor.execute(associations(10));
        assertEquals(10, crm.count(SObjectType.OBJECT_TERRITORY2_ASSOCIATION));
        assertEquals(2, crm.writeCalls);
    }

    @Test
    void shouldLogInAgainAndRetryWhenTheSessionExpired() throws Exception {
        crm.callFaults.add(new FakeCrm.CallFault(CrmCallException.Kind.SESSION_EXPIRED, false));
        executor.execute(associations(5));
        assertEquals(1, crm.logins);
        assertEquals(5, ledger.count("SUCCEEDED"));
    }

    @Test
    void shouldPauseForTheRequestLimitThenContinue() throws Exception {
        crm.callFaults.add(new FakeCrm.CallFault(CrmCallException.Kind.REQUEST_LIMIT, false));
        crm.callFaults.add(new FakeCrm.CallFault(CrmCallException.Kind.REQUEST_LIMIT, false));
        executor.execute(associations(5));
        assertEquals(List.of(Duration.ofSeconds(20), Duration.ofSeconds(20)), sleeps);
        assertEquals(5, ledger.count("SUCCEEDED"));
    }

    @Test
    void shouldRecordPermanentFailuresAndCarryOn() throws Exception {
        crm.recordFault = values -> values.get("ObjectId").charAt(14) == '3' ? "INVALID_CROSS_REFERENCE_KEY" : null;
        executor.execute(associations(20));
        assertEquals(2, ledger.count("FAILED"));
        assertEquals(18, ledger.count("SUCCEEDED"));
        assertEquals(1, crm.writeCalls);
    }

    @Test
    void shouldFailEveryRecordOfACallThatKeepsFailing() throws Exception {
        for (int i = 0; i < 20; i++) {
            crm.callFaults.add(new FakeCrm.CallFault(CrmCallException.Kind.TRANSIENT, false));
        }
        executor.execute(associations(3));
        assertEquals(3, ledger.count("FAILED"));
        assertEquals(0, crm.count(SObjectType.OBJECT_TERRITORY2_ASSOCIATION));
        assertEquals(10, crm.writeCalls);
    }

    @Test
    void shouldTreatDeletingAnAlreadyDeletedRecordAsDone() throws Exception {
        executor.execute(associations(2));
        List<BatchExecutor.ExecOp> deletes = new ArrayList<>();
        for (String id : new ArrayList<>(crm.records.keySet())) {
            deletes.add(new BatchExecutor.ExecOp(100 + deletes.size(), SObjectType.OBJECT_TERRITORY2_ASSOCIATION,
                    OpKind.DELETE, id, Map.of()));
        }
        crm.callFaults.add(new FakeCrm.CallFault(CrmCallException.Kind.TRANSIENT, true));
        executor.execute(deletes);
        assertEquals(0, crm.count(SObjectType.OBJECT_TERRITORY2_ASSOCIATION));
        assertEquals(4, ledger.count("SUCCEEDED"));
    }

    @Test
    void shouldAdoptARecordAnEarlierUnansweredCallCreatedWhenTheCrmReportsADuplicate() throws Exception {
        executor.execute(associations(1));
        String existing = crm.records.keySet().iterator().next();
        BatchExecutor.ExecOp again = new BatchExecutor.ExecOp(9, SObjectType.OBJECT_TERRITORY2_ASSOCIATION, OpKind.CREATE,
                null, associations(1).get(0).values());
        executor.execute(List.of(again));
        assertEquals(existing, ledger.ids.get(9L));
        assertEquals(1, crm.count(SObjectType.OBJECT_TERRITORY2_ASSOCIATION));
    }

    List<BatchExecutor.ExecOp> ownerUpdates(String newOwner, String... ids) {
        List<BatchExecutor.ExecOp> ops = new ArrayList<>();
        for (String id : ids) {
            crm.records.putIfAbsent(id, new java.util.LinkedHashMap<>(Map.of("OwnerId", "005000000000ALIAAA")));
            crm.objectOf.put(id, "Account");
            ops.add(new BatchExecutor.ExecOp(ops.size() + 50, SObjectType.ACCOUNT, OpKind.UPDATE, id, Map.of("OwnerId", newOwner)));
        }
        return ops;
    }

    @Test
    void shouldSettleUpdatesOfUnknownOutcomeByReadingTheCrmInsteadOfWritingThemTwice() throws Exception {
        List<BatchExecutor.ExecOp> updates = ownerUpdates("005000000000BOBAAA", "001000000000001AAA", "001000000000002AAA",
                "001000000000003AAA");
        // A crashed run had sent the first two (15-character Ids come back from some queries).
        crm.records.get("001000000000001AAA").put("OwnerId", "005000000000BOB");
        crm.records.get("001000000000002AAA").put("OwnerId", "005000000000BOBAAA");

        List<BatchExecutor.ExecOp> resend = executor.settleUnknownWrites(updates);

        assertEquals(List.of(updates.get(2)), resend);
        assertEquals(2, ledger.count("SUCCEEDED"));
        assertEquals(0, crm.writeCalls);
    }

    @Test
    void shouldNotResendAnUpdateWhoseAnswerWasLost() throws Exception {
        crm.callFaults.add(new FakeCrm.CallFault(CrmCallException.Kind.TRANSIENT, true));
        executor.execute(ownerUpdates("005000000000BOBAAA", "001000000000001AAA", "001000000000002AAA"));
        assertEquals(1, crm.writeCalls, "the verification query found both applied");
        assertEquals(2, ledger.count("SUCCEEDED"));
        assertEquals("005000000000BOBAAA", crm.records.get("001000000000002AAA").get("OwnerId"));
    }

    @Test
    void shouldSettleDeletesOfUnknownOutcomeByWhetherTheRecordIsGone() throws Exception {
        executor.execute(associations(2));
        List<String> ids = new ArrayList<>(crm.records.keySet());
        List<BatchExecutor.ExecOp> deletes = new ArrayList<>();
        for (String id : ids) {
            deletes.add(new BatchExecutor.ExecOp(200 + deletes.size(), SObjectType.OBJECT_TERRITORY2_ASSOCIATION,
                    OpKind.DELETE, id, Map.of()));
        }
        crm.records.remove(ids.get(0));

        assertEquals(List.of(deletes.get(1)), executor.settleUnknownWrites(deletes));
        assertEquals("SUCCEEDED", ledger.status.get(200L));
    }

    @Test
    void shouldCompareValuesAsTheCrmRendersThem() {
        assertTrue(BatchExecutor.sameValue("1500", "1500.0"));
        assertTrue(BatchExecutor.sameValue("005000000000BOBAAA", "005000000000BOB"));
        assertTrue(BatchExecutor.sameValue(null, ""));
        assertTrue(!BatchExecutor.sameValue("East", "West"));
        assertTrue(!BatchExecutor.sameValue("005000000000BOBAAA", null));
    }
}
