package dev.planbridge.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelWriterTest {

    final ExecutorService pool = Executors.newCachedThreadPool();
    final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(5), 5, () -> 1.0);
    final List<FakeCrm> crms = new ArrayList<>();
    final List<RecordingLedger> ledgers = new ArrayList<>();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    List<BatchExecutor> lanes(int n) {
        List<BatchExecutor> lanes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FakeCrm crm = new FakeCrm();
            RecordingLedger ledger = new RecordingLedger();
            crms.add(crm);
            ledgers.add(ledger);
            lanes.add(new BatchExecutor(crm, policy, d -> { }, ledger, 200));
        }
        return lanes;
    }

    @Test
    void shouldSendEveryRecordOnceInCallsOfAtMost200SpreadOverTheLanes() throws Exception {
        new ParallelWriter(lanes(3), pool, 200).execute(BatchExecutorTest.associations(1_150));

        assertEquals(6, crms.stream().mapToInt(c -> c.writeCalls).sum(), "⌈1150/200⌉ calls in all");
        Set<Long> succeeded = new HashSet<>();
        long sends = 0;
        for (RecordingLedger ledger : ledgers) {
            ledger.status.forEach((id, status) -> {
                assertEquals("SUCCEEDED", status);
                assertTrue(succeeded.add(id), "operation " + id + " settled by one lane only");
            });
            sends += ledger.sends.values().stream().mapToInt(Integer::intValue).sum();
        }
        assertEquals(1_150, succeeded.size());
        assertEquals(1_150, sends, "nothing sent twice");
        assertTrue(crms.stream().filter(c -> c.writeCalls > 0).count() > 1, "more than one lane worked");
    }

    @Test
    void shouldUseOneLaneForASingleCall() throws Exception {
        new ParallelWriter(lanes(4), pool, 200).execute(BatchExecutorTest.associations(150));
        assertEquals(1, crms.get(0).writeCalls);
        assertEquals(0, crms.get(1).writeCalls + crms.get(2).writeCalls + crms.get(3).writeCalls);
    }

    @Test
    void shouldStopAndReportWhenALaneFails() {
        List<BatchExecutor> lanes = lanes(1);
        lanes.add(new BatchExecutor(new FakeCrm(), policy, d -> { }, new RecordingLedger() {
            @Override
            public void sending(List<BatchExecutor.ExecOp> ops) {
                throw new IllegalStateException("lease lost");
            }
        }, 200));
        ParallelWriter writer = new ParallelWriter(lanes, pool, 200);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> writer.execute(BatchExecutorTest.associations(2_000)));
        assertEquals("lease lost", e.getMessage());
        assertTrue(crms.get(0).writeCalls < 10, "the other lane stopped taking calls");
    }

    @Test
    void shouldRefuseConcurrencyBeyondTheOrgLimit() {
        assertThrows(IllegalArgumentException.class, () -> new ParallelWriter(List.of(), pool, 200));
        assertThrows(IllegalArgumentException.class, () -> new ParallelWriter(lanes(26), pool, 200));
        assertThrows(IllegalArgumentException.class, () -> new ParallelWriter(lanes(2), null, 200));
    }
}
