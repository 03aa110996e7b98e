package dev.planbridge.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.planbridge.contracts.sync.PushOutcome;
import org.junit.jupiter.api.Test;

class PlanOutcomesTest {

    @Test
    void shouldReportSyncedWhenNothingOfThePlanIsOpen() {
        assertEquals(PushOutcome.SYNCED, PlanOutcomes.of(PushOutcome.SYNCED, false, 0, 0));
        assertEquals(PushOutcome.SYNCED, PlanOutcomes.of(PushOutcome.SYNCED, true, 0, 0));
    }

    @Test
    void shouldKeepThePlanPartiallySyncedWhenAFollowUpLeavesOtherConflictsOpen() {
        // Regression: a follow-up that wrote its resolved conflicts reported SYNCED for the whole plan.
        assertEquals(PushOutcome.PARTIALLY_SYNCED, PlanOutcomes.of(PushOutcome.SYNCED, true, 1, 0));
    }

    @Test
    void shouldKeepThePlanPartiallySyncedWhileRecordsOfItsFullPushFailedOrWereInvalid() {
        assertEquals(PushOutcome.PARTIALLY_SYNCED, PlanOutcomes.of(PushOutcome.SYNCED, true, 0, 3));
    }

    @Test
    void shouldFollowThePushWhenItIsPartial() {
        assertEquals(PushOutcome.PARTIALLY_SYNCED, PlanOutcomes.of(PushOutcome.PARTIALLY_SYNCED, false, 0, 0));
    }

    @Test
    void shouldLeaveThePlanPartiallySyncedWhenAFollowUpFailsButAFullPushFailsThePlan() {
        assertEquals(PushOutcome.PARTIALLY_SYNCED, PlanOutcomes.of(PushOutcome.FAILED, true, 1, 0));
        assertEquals(PushOutcome.FAILED, PlanOutcomes.of(PushOutcome.FAILED, false, 0, 0));
    }

    @Test
    void shouldRejectNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> PlanOutcomes.of(PushOutcome.SYNCED, false, -1, 0));
    }
}
