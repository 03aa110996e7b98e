package dev.planbridge.cli;

import static dev.planbridge.cli.PlanCommandsTest.PLAN_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.cli.RecordingServer.Answer;
import dev.planbridge.cli.RecordingServer.Run;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports in the three outputs, from answers shaped like ReportService.Balancer / Disruption and BaselineService.CrmChange. */
class PlanReportCommandsTest {

    static final String BALANCER = "{\"planId\":\"" + PLAN_ID + "\",\"version\":7,\"generatedAt\":\"2026-11-29T08:00:00Z\","
            + "\"band\":0.25,\"accounts\":4200,\"unassignedAccounts\":12,\"territories\":["
            + "{\"key\":\"AMER-EAST\",\"name\":\"Americas East\",\"parentKey\":\"AMER\",\"accounts\":2100,"
            + "\"potential\":12500000.50,\"openPipeline\":830000,\"owners\":[\"005A\",\"005B\"],"
            + "\"ownerNames\":[\"Ann Lee\",\"Bo Yu\"],\"quota\":3000000,"
            + "\"quotaToPotential\":0.24,\"flags\":[]},"
            + "{\"key\":\"AMER-WEST\",\"name\":\"Americas West\",\"parentKey\":\"AMER\",\"accounts\":900,"
            + "\"potential\":4000000,\"openPipeline\":120000,\"owners\":[],\"ownerNames\":[],\"quota\":null,"
            + "\"quotaToPotential\":null,\"flags\":[\"ACCOUNTS_OUT_OF_BAND\",\"NO_OWNER\"]}],\"siblings\":[]}";

    static final String DISRUPTION = "{\"planId\":\"" + PLAN_ID + "\",\"version\":7,\"against\":\"live\",\"by\":\"owner\","
            + "\"accounts\":4200,\"moved\":300,\"movedPercent\":7.142857,\"pipelineMoving\":450000.00,"
            + "\"movedWithOpenOpportunities\":40,\"holders\":[{\"holder\":\"005A\",\"name\":\"Ann Lee\",\"kept\":90,\"gained\":5,\"lost\":10,"
            + "\"pipelineGained\":1000,\"pipelineLost\":25000.5,\"lostWithOpenOpportunities\":3}]}";

    private RecordingServer planning;

    @BeforeEach
    void start() throws Exception {
        planning = new RecordingServer();
    }

    @AfterEach
    void stop() {
        planning.close();
    }

    private Run report(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "plan";
        all[1] = "report";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--planning-url";
        all[args.length + 3] = planning.url();
        return RecordingServer.run(all);
    }

    @Test
    void shouldPrintTheBalancerAsAnAlignedTable() {
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/reports/balancer", Answer.json(200, BALANCER));
        Run run = report("balancer", PLAN_ID);
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals(List.of(
                "TERRITORY  NAME           PARENT  ACCOUNTS   POTENTIAL  PIPELINE  OWNERS             QUOTA  QUOTA/POT  FLAGS",
                "---------  -------------  ------  --------  ----------  --------  -------------  ---------  ---------  -----------------------------",
                "AMER-EAST  Americas East  AMER       2,100  12,500,001   830,000  Ann Lee;Bo Yu  3,000,000       0.24",
                "AMER-WEST  Americas West  AMER         900   4,000,000   120,000                                       ACCOUNTS_OUT_OF_BAND;NO_OWNER",
                "4,200 accounts, 12 unassigned; plan version 7; siblings flagged beyond ±25% of their mean"),
                run.out().lines().toList());
    }

    @Test
    void shouldShowThePlansChosenMetricsAsColumns() {
        String chosen = BALANCER.replace("\"unassignedAccounts\":12,", "\"unassignedAccounts\":12,"
                        + "\"potentialField\":\"Bookings_Potential__c\",\"metrics\":[{\"label\":\"Accounts\","
                        + "\"kind\":\"accountCount\"},{\"label\":\"Tier A\",\"kind\":\"countMatching\"}],")
                .replace("\"quotaToPotential\":0.24,", "\"quotaToPotential\":0.24,\"metrics\":[2100,37],")
                .replace("\"quotaToPotential\":null,", "\"quotaToPotential\":null,\"metrics\":[900,0],");
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/reports/balancer", Answer.json(200, chosen));
        Run run = report("balancer", PLAN_ID);
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals(List.of(
                "TERRITORY  NAME           PARENT  ACCOUNTS  TIER A  OWNERS         QUOTA/POT  FLAGS",
                "---------  -------------  ------  --------  ------  -------------  ---------  -----------------------------",
                "AMER-EAST  Americas East  AMER       2,100      37  Ann Lee;Bo Yu       0.24",
                "AMER-WEST  Americas West  AMER         900       0                            ACCOUNTS_OUT_OF_BAND;NO_OWNER",
                "4,200 accounts, 12 unassigned; potential = Bookings_Potential__c; plan version 7; siblings flagged "
                        + "beyond ±25% of their mean"), run.out().lines().toList());
    }

    @Test
    void shouldAskTheServiceForCsvAndPassItThrough() {
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/reports/balancer?format=csv",
                Answer.text("text/csv", "key,name\r\nAMER-EAST,Americas East\r\n"));
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/reports/balancer", Answer.json(200, BALANCER));
        Run run = report("balancer", PLAN_ID, "--csv");
        assertEquals("key,name\r\nAMER-EAST,Americas East\r\n", run.out());
        assertEquals("text/csv", planning.requests.get(0).header("Accept"));
        assertTrue(report("balancer", PLAN_ID, "--json").out().contains("\"unassignedAccounts\" : 12"));
        Run both = report("balancer", PLAN_ID, "--json", "--csv");
        assertEquals(ExitCodes.USAGE, both.exit());
        assertTrue(both.err().startsWith("planbridge: Choose one of --json and --csv"), both.err());
    }

    @Test
    void shouldPrintDisruptionPerOwnerWithBookMoved() {
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/reports/disruption?against=live", Answer.json(200, DISRUPTION));
        Run run = report("disruption", PLAN_ID, "--against", "live");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        // the owner's name, not 005A: ids are for --json and the CSV
        assertEquals("OWNER    KEPT  GAINED  LOST  BOOK MOVED %  PIPELINE GAINED  PIPELINE LOST  LOST WITH OPEN OPPS",
                lines.get(0));
        assertEquals("Ann Lee    90       5    10          10.0            1,000         25,001                    3",
                lines.get(2));
        assertEquals("300 of 4,200 accounts move (7.1%) against live; 450,000 pipeline moving, 40 moved accounts with "
                + "open opportunities", lines.get(3));
        assertEquals(ExitCodes.USAGE, report("disruption", PLAN_ID, "--against", "yesterday").exit());
    }

    @Test
    void shouldCompareWithAnotherPlanOrLive() {
        String other = "11111111-2222-3333-4444-555555555555";
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/compare?with=" + other, Answer.json(200,
                DISRUPTION.replace("\"by\":\"owner\"", "\"by\":\"territory\"")));
        Run run = RecordingServer.run("plan", "compare", PLAN_ID, "--with", other, "--planning-url", planning.url());
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertTrue(run.out().startsWith("TERRITORY  KEPT"), run.out());
        assertEquals(ExitCodes.USAGE, RecordingServer.run("plan", "compare", PLAN_ID, "--with", "../x",
                "--planning-url", planning.url()).exit());
    }

    @Test
    void shouldRenderCrmChangesAsTableOrCsv() {
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/reports/crm-changes?page=0&size=100", Answer.json(200,
                "{\"items\":[{\"accountId\":\"001A\",\"name\":\"Acme, Inc.\",\"kinds\":[\"OWNER\",\"TERRITORY\"],"
                        + "\"baselineOwnerId\":\"005A\",\"liveOwnerId\":\"005B\",\"baselineTerritory\":\"EAST\","
                        + "\"liveTerritory\":\"EAST\",\"baselineModstamp\":\"2026-11-01T00:00:00Z\","
                        + "\"liveModstamp\":\"2026-11-29T08:01:00Z\"}],\"page\":0,\"size\":100,\"total\":1}"));
        Run table = report("crm-changes", PLAN_ID);
        assertEquals(ExitCodes.OK, table.exit(), table.err());
        assertTrue(table.out().contains("001A     Acme, Inc.  OWNER;TERRITORY  005A → 005B              EAST"),
                table.out());
        assertTrue(table.out().endsWith("1 changed account since the baseline\n"), table.out());
        Run csv = report("crm-changes", PLAN_ID, "--csv");
        assertEquals("accountId,name,kinds,baselineOwnerId,liveOwnerId,baselineTerritory,liveTerritory,"
                + "baselineModstamp,liveModstamp\r\n001A,\"Acme, Inc.\",OWNER;TERRITORY,005A,005B,EAST,EAST,"
                + "2026-11-01T00:00:00Z,2026-11-29T08:01:00Z\r\n", csv.out());
    }
}
