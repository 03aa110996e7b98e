package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.cli.RecordingServer.Answer;
import dev.planbridge.cli.RecordingServer.Run;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code plan activate} against a recording stand-in of the sync service (answers shaped like its views). */
class PlanActivateCommandTest {

    static final String PLAN_ID = PlanCommandsTest.PLAN_ID;

    private RecordingServer sync;

    @BeforeEach
    void start() throws Exception {
        sync = new RecordingServer();
    }

    @AfterEach
    void stop() {
        sync.close();
    }

    private Run activate(String... args) {
        String[] all = new String[args.length + 7];
        all[0] = "plan";
        all[1] = "activate";
        System.arraycopy(args, 0, all, 2, args.length);
        System.arraycopy(new String[] {"--sync-url", sync.url(), "--token", "approver-token", "--json"}, 0, all,
                args.length + 2, 5);
        return RecordingServer.run(all);
    }

    @Test
    void shouldScheduleTheActivationAtTheGivenInstant() {
        sync.on("POST /api/v1/activations", Answer.json(202, "{\"id\":\"a1\",\"status\":\"SCHEDULED\","
                + "\"runAt\":\"2027-02-01T00:00:00Z\",\"modelDeveloperName\":\"FY27\"}", Map.of()));
        Run run = activate(PLAN_ID, "--at", "2027-02-01T00:00:00Z");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals("{\"planId\":\"" + PLAN_ID + "\",\"at\":\"2027-02-01T00:00:00Z\"}", sync.requests.get(0).body());
        assertEquals("Bearer approver-token", sync.requests.get(0).header("Authorization"));
        assertTrue(run.out().contains("\"status\" : \"SCHEDULED\""), run.out());
    }

    @Test
    void shouldSendForceWithItsReasonAndAskForADryRun() {
        sync.on("POST /api/v1/activations", Answer.json(200, "{\"modelDeveloperName\":\"FY27\"}", Map.of()));
        Run run = activate(PLAN_ID, "--dry-run", "--force", "--reason", "CFO signed off");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals("{\"planId\":\"" + PLAN_ID + "\",\"dryRun\":true,\"force\":true,\"reason\":\"CFO signed off\"}",
                sync.requests.get(0).body());
    }

    @Test
    void shouldRefuseBadInputBeforeCallingTheService() {
        Run badInstant = activate(PLAN_ID, "--at", "next tuesday");
        assertEquals(ExitCodes.USAGE, badInstant.exit());
        assertTrue(badInstant.err().contains("--at 'next tuesday' is not an ISO-8601 instant"), badInstant.err());
        Run noReason = activate(PLAN_ID, "--force");
        assertEquals(ExitCodes.USAGE, noReason.exit());
        assertTrue(noReason.err().contains("--force needs --reason"), noReason.err());
        Run notAPlan = activate("FY27");
        assertEquals(ExitCodes.USAGE, notAPlan.exit());
        assertEquals(0, sync.requests.size());
    }

    @Test
    void shouldReportARefusalWithTheServicesReason() {
        sync.on("POST /api/v1/activations", Answer.problem(409, "Conflict",
                "The plan has 2 held conflicts and 0 failed records"));
        Run run = activate(PLAN_ID);
        assertEquals(ExitCodes.CONFLICT, run.exit(), run.err());
        assertTrue(run.err().contains("2 held conflicts"), run.err());
    }

    @Test
    void shouldPrintTheQuotasTheArchiveDeletesAndWhatBlocksIt() {
        sync.on("POST /api/v1/activations", Answer.json(200, "{\"modelDeveloperName\":\"FY27\",\"modelId\":\"0MA2\","
                + "\"modelState\":\"Planning\",\"archivesModelId\":\"0MA1\",\"archivesModelName\":\"FY26\","
                + "\"quotasDeleted\":1,\"quotas\":[{\"quotaId\":\"0J91\",\"territoryDeveloperName\":\"West\","
                + "\"ownerId\":\"005R\",\"startDate\":\"2026-10-01\",\"amount\":\"900\"}],"
                + "\"heldConflicts\":[\"Account 001A OwnerId\"],\"failedRecords\":[]}"));
        String[] args = {"plan", "activate", PLAN_ID, "--dry-run", "--sync-url", sync.url(), "--token", "t"};
        Run run = RecordingServer.run(args);
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertTrue(run.out().contains("archives FY26 (0MA1); Salesforce deletes its 1 territory quotas"), run.out());
        assertTrue(run.out().contains("West") && run.out().contains("0J91"), run.out());
        assertTrue(run.out().contains("1 held conflicts, 0 failed records"), run.out());
        assertTrue(run.out().contains("conflict Account 001A OwnerId"), run.out());
    }
}
