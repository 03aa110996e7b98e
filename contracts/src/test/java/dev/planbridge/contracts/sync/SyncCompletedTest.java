package dev.planbridge.contracts.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.planbridge.contracts.ContractsJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SyncCompleted version 2 adds the plan-level outcome without breaking readers or writers of version 1. */
class SyncCompletedTest {

    private static final Instant AT = Instant.parse("2026-11-29T08:00:00Z");

    @Test
    void shouldRoundTripThePlanLevelOutcome() {
        SyncCompleted completed = new SyncCompleted(SyncCompleted.SCHEMA_VERSION, "e1", "push2", "p1", 3, "apply",
                PushOutcome.SYNCED, 4, 4, 0, 0, 0, 2, AT, AT.plusSeconds(1), PushOutcome.PARTIALLY_SYNCED, 7L);

        SyncCompleted read = ContractsJson.read(ContractsJson.write(completed), SyncCompleted.class);

        assertEquals(completed, read);
        assertEquals(PushOutcome.PARTIALLY_SYNCED, read.effectivePlanOutcome());
        assertEquals(7L, read.openConflicts());
    }

    @Test
    void shouldFallBackToThePushOutcomeForVersionOneEvents() {
        String v1 = """
                {"schemaVersion":1,"eventId":"e1","pushId":"push1","planId":"p1","planVersion":3,"mode":"apply",
                 "outcome":"SYNCED","planned":4,"written":4,"unchanged":0,"conflicts":0,"failed":0,"apiCalls":2,
                 "startedAt":"2026-11-29T08:00:00Z","finishedAt":"2026-11-29T08:00:01Z"}""";

        SyncCompleted read = ContractsJson.read(v1, SyncCompleted.class);

        assertNull(read.planOutcome());
        assertNull(read.openConflicts());
        assertEquals(PushOutcome.SYNCED, read.effectivePlanOutcome());
    }

    @Test
    void shouldNotWriteTheDerivedOutcomeAsAField() {
        SyncCompleted completed = new SyncCompleted(1, "e1", "push1", "p1", 3, "apply", PushOutcome.FAILED,
                0, 0, 0, 0, 0, 1, AT, AT);

        assertEquals(false, ContractsJson.write(completed).contains("effectivePlanOutcome"));
    }
}
