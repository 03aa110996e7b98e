package dev.planbridge.planning.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.common.Problem;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FiscalPlanAutoPushTest {

    final Instant now = Instant.parse("2026-01-10T10:00:00Z");
    final FiscalPlan plan = FiscalPlan.draft("FY27", FiscalCalendar.of(2026, 2), "paula", now);

    @Test
    void shouldStartWithAutoPushOff() {
        assertFalse(plan.autoPush);
    }

    @Test
    void shouldLetADraftAndAPlanInReviewChangeAutoPush() {
        plan.changeAutoPush(true);
        assertTrue(plan.autoPush);

        plan.submit("paula", now);
        plan.changeAutoPush(false);
        assertFalse(plan.autoPush);
    }

    @Test
    void shouldRefuseAutoPushChangesOnceApproved() {
        plan.submit("paula", now);
        plan.approve("arthur", "ok", "abc", now);

        Problem problem = assertThrows(Problem.class, () -> plan.changeAutoPush(true));
        assertEquals(409, problem.status());
        assertFalse(plan.autoPush);
    }
}
