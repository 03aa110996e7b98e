package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.cli.RecordingServer.Answer;
import dev.planbridge.cli.RecordingServer.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code plan timeline}: the planning service's audit of the plan and the sync service's activations, merged. */
class PlanTimelineCommandTest {

    static final String PLAN_ID = PlanCommandsTest.PLAN_ID;

    private RecordingServer planning;
    private RecordingServer sync;

    @BeforeEach
    void start() throws Exception {
        planning = new RecordingServer();
        sync = new RecordingServer();
    }

    @AfterEach
    void stop() {
        planning.close();
        sync.close();
    }

    @Test
    void shouldMergeApprovalPushesAndActivationsOldestFirstWithTheUpcomingOne() {
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/audit?entity=plan&size=1000", Answer.json(200, "{\"items\":["
                + "{\"at\":\"2026-12-01T10:00:00Z\",\"action\":\"approve\",\"actor\":\"arthur\",\"before\":{\"status\":\"IN_REVIEW\"},\"after\":{\"status\":\"APPROVED\"}},"
                + "{\"at\":\"2026-12-02T09:00:00Z\",\"action\":\"sync-completed\",\"actor\":\"sync-service\",\"before\":{\"status\":\"SYNCING\"},\"after\":{\"status\":\"SYNCED\"}}"
                + "],\"page\":0,\"size\":1000,\"total\":2}"));
        sync.on("GET /api/v1/activations?planId=" + PLAN_ID, Answer.json(200, "[{\"id\":\"a1\",\"status\":\"SCHEDULED\","
                + "\"modelDeveloperName\":\"FY27\",\"requestedBy\":\"arthur\",\"forced\":false,"
                + "\"createdAt\":\"2026-12-02T10:00:00Z\",\"runAt\":\"2027-01-01T00:00:00Z\"}]"));

        Run run = RecordingServer.run("plan", "timeline", PLAN_ID, "--planning-url", planning.url(), "--sync-url",
                sync.url(), "--token", "viewer-token");

        assertEquals(ExitCodes.OK, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.indexOf("approve") < out.indexOf("sync-completed")
                && out.indexOf("sync-completed") < out.indexOf("activation-requested")
                && out.indexOf("activation-requested") < out.indexOf("activation-due"), out);
        assertTrue(out.contains("IN_REVIEW → APPROVED"), out);
        assertTrue(out.contains("upcoming"), out);
        assertTrue(planning.requests.get(0).path().contains("entity=plan"), planning.requests.get(0).path());
    }

    @Test
    void shouldRefuseAPlanIdThatIsNotAUuid() {
        Run run = RecordingServer.run("plan", "timeline", "FY27", "--planning-url", planning.url(), "--sync-url",
                sync.url(), "--token", "viewer-token");
        assertEquals(ExitCodes.USAGE, run.exit());
        assertEquals(0, planning.requests.size());
    }
}
