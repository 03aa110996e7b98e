package dev.planbridge.planning.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.common.Problem;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FiscalPlanTest {

    final Instant now = Instant.parse("2026-01-10T10:00:00Z");
    final FiscalPlan plan = FiscalPlan.draft("FY27", FiscalCalendar.of(2026, 2), "paula", now);

    @Test
    void shouldGoThroughReviewToApprovalByAnotherUser() {
        plan.submit("paula", now);
        plan.approve("arthur", "ok", "abc", now);

        assertEquals(PlanStatus.APPROVED, plan.status);
        assertEquals(3, plan.version);
        assertEquals("abc", plan.checksum);
    }

    @Test
    void shouldRefuseApprovalByTheAuthor() {
        plan.submit("paula", now);

        Problem problem = assertThrows(Problem.class, () -> plan.approve("paula", "self", "abc", now));
        assertEquals(403, problem.status());
    }

    @Test
    void shouldMakeApprovedPlanImmutable() {
        plan.submit("paula", now);
        plan.approve("arthur", null, "abc", now);

        Problem problem = assertThrows(Problem.class, plan::ensureEditable);
        assertEquals(409, problem.status());
        assertTrue(problem.getMessage().contains("fork"));
    }

    @Test
    void shouldReturnRejectedPlanToDraftOnlyWithComment() {
        plan.submit("paula", now);
        assertThrows(Problem.class, () -> plan.reject("arthur", " ", now));

        plan.reject("arthur", "quota too high", now);
        assertEquals(PlanStatus.DRAFT, plan.status);
        plan.ensureEditable();
    }

    @Test
    void shouldFollowSyncResultsOnlyAfterApproval() {
        assertEquals(false, plan.markSyncResult("p1", PlanStatus.SYNCED, now));
        plan.submit("paula", now);
        plan.approve("arthur", null, "abc", now);

        assertTrue(plan.markSyncing("p1", now));
        assertTrue(plan.markSyncResult("p1", PlanStatus.PARTIALLY_SYNCED, now));
        assertEquals(PlanStatus.PARTIALLY_SYNCED, plan.status);
        assertThrows(Problem.class, () -> plan.submit("paula", now));
    }

    @Test
    void shouldIgnoreSyncResultsOnceSuperseded() {
        plan.submit("paula", now);
        plan.approve("arthur", null, "abc", now);
        assertTrue(plan.markSyncing("p1", now));

        plan.supersede(now);

        assertEquals(PlanStatus.SUPERSEDED, plan.status);
        assertEquals(false, plan.markSyncResult("p1", PlanStatus.SYNCED, now));
        assertEquals(false, plan.markSyncing("p2", now));
        assertEquals(PlanStatus.SUPERSEDED, plan.status);
    }

    @Test
    void shouldOnlySupersedeApprovedPlans() {
        Problem problem = assertThrows(Problem.class, () -> plan.supersede(now));
        assertEquals(409, problem.status());
        assertEquals(PlanStatus.DRAFT, plan.status);
    }

    @Test
    void shouldLeaveFailedPushApprovedForAnotherTry() {
        plan.submit("paula", now);
        plan.approve("arthur", null, "abc", now);
        assertTrue(plan.markSyncing("p1", now));

        assertTrue(plan.markSyncResult("p1", PlanStatus.APPROVED, now));

        assertEquals(PlanStatus.APPROVED, plan.status);
        assertTrue(plan.markSyncing("p2", now));
        assertEquals("p2", plan.lastPushId);
    }

    @Test
    void shouldBecomeActiveOnceItsModelGoesLiveAndStayActiveThroughFollowUps() {
        plan.submit("paula", now);
        plan.approve("arthur", null, "abc", now);
        plan.markSyncing("p1", now);
        plan.markSyncResult("p1", PlanStatus.PARTIALLY_SYNCED, now);

        assertTrue(plan.markActive(now));
        assertEquals(PlanStatus.ACTIVE, plan.status);
        assertEquals(false, plan.markActive(now), "a redelivered activation changes nothing");
        // A follow-up into the live model neither shows SYNCING nor drops the plan back to SYNCED.
        assertEquals(false, plan.markSyncing("p2", now));
        assertEquals(false, plan.markSyncResult("p2", PlanStatus.SYNCED, now));
        assertEquals(PlanStatus.ACTIVE, plan.status);
        assertTrue(PlanStatus.EXECUTABLE.contains(plan.status), "a live plan can still be pushed (follow-ups)");

        assertTrue(plan.markArchived(now));
        assertEquals(PlanStatus.ARCHIVED, plan.status);
    }

    @Test
    void shouldNeitherActivateNorArchiveAPlanThatWasNeverApproved() {
        assertEquals(false, plan.markActive(now));
        assertEquals(false, plan.markArchived(now));
        assertEquals(PlanStatus.DRAFT, plan.status);
    }
}
