package dev.planbridge.cli;

import static dev.planbridge.cli.PlanCommandsTest.PLAN_ID;
import static dev.planbridge.cli.PlanCommandsTest.plan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.planbridge.cli.CliProcess.Result;
import dev.planbridge.cli.CliProcess.Stdout;
import dev.planbridge.cli.RecordingServer.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planbridge plan ...} run as a user runs it: the packaged jar in its own JVM against a local planning
 * stand-in, stdout in a file or a pipe. Regression for issue 25: tables written with {@code print} were lost at exit.
 */
@Timeout(300)
@EnabledIfSystemProperty(named = CliProcess.JAR_PROPERTY, matches = ".+", disabledReason = CliProcess.ONLY_IN_VERIFY)
class PlanCommandsProcessIT {

    @TempDir
    Path dir;

    private RecordingServer planning;
    private CliProcess cli;

    @BeforeEach
    void start() throws Exception {
        planning = new RecordingServer();
        cli = CliProcess.withDemoTokens(dir);
    }

    @AfterEach
    void stop() {
        planning.close();
    }

    private Result planCli(Stdout stdout, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("plan"));
        all.addAll(List.of(args));
        all.addAll(List.of("--planning-url", planning.url()));
        return cli.run(stdout, env, all);
    }

    private Result planCli(String... args) {
        return planCli(Stdout.FILE, Map.of(), args);
    }

    @Test
    void shouldPrintTheBalancerTableIntoAFileAndThroughAPipe() {
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/reports/balancer", Answer.json(200, PlanReportCommandsTest.BALANCER));
        for (Stdout stdout : Stdout.values()) {
            Result run = planCli(stdout, Map.of(), "report", "balancer", PLAN_ID);
            assertEquals(ExitCodes.OK, run.exit(), stdout + ": " + run.describe());
            assertEquals(List.of(
                    "TERRITORY  NAME           PARENT  ACCOUNTS   POTENTIAL  PIPELINE  OWNERS             QUOTA  QUOTA/POT  FLAGS",
                    "---------  -------------  ------  --------  ----------  --------  -------------  ---------  ---------  -----------------------------",
                    "AMER-EAST  Americas East  AMER       2,100  12,500,001   830,000  Ann Lee;Bo Yu  3,000,000       0.24",
                    "AMER-WEST  Americas West  AMER         900   4,000,000   120,000                                       ACCOUNTS_OUT_OF_BAND;NO_OWNER",
                    "4,200 accounts, 12 unassigned; plan version 7; siblings flagged beyond ±25% of their mean"),
                    run.outLines(), stdout + ": " + run.describe());
            assertEquals("", run.err(), stdout + ": " + run.describe());
        }
        // no --token: the planner's demo token under -Dplanbridge.root, as ./planbridge passes it
        assertEquals("Bearer planner-jwt", planning.requests.get(0).header("Authorization"));
    }

    @Test
    void shouldPrintDisruptionCompareAndCrmChangesTables() {
        String other = "11111111-2222-3333-4444-555555555555";
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/reports/disruption?against=baseline",
                Answer.json(200, PlanReportCommandsTest.DISRUPTION));
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/compare?with=" + other,
                Answer.json(200, PlanReportCommandsTest.DISRUPTION.replace("\"by\":\"owner\"", "\"by\":\"territory\"")));
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/reports/crm-changes?page=0&size=100", Answer.json(200,
                "{\"items\":[{\"accountId\":\"001A\",\"name\":\"Acme, Inc.\",\"kinds\":[\"OWNER\"],\"baselineOwnerId\":"
                        + "\"005A\",\"liveOwnerId\":\"005B\",\"baselineTerritory\":\"EAST\",\"liveTerritory\":\"EAST\","
                        + "\"baselineModstamp\":\"2026-11-01T00:00:00Z\",\"liveModstamp\":\"2026-11-29T08:01:00Z\"}],"
                        + "\"page\":0,\"size\":100,\"total\":1}"));

        Result disruption = planCli("report", "disruption", PLAN_ID);
        assertEquals(ExitCodes.OK, disruption.exit(), disruption.describe());
        assertEquals(List.of("OWNER    KEPT  GAINED  LOST  BOOK MOVED %  PIPELINE GAINED  PIPELINE LOST  LOST WITH OPEN OPPS",
                "-------  ----  ------  ----  ------------  ---------------  -------------  -------------------",
                "Ann Lee    90       5    10          10.0            1,000         25,001                    3",
                "300 of 4,200 accounts move (7.1%) against live; 450,000 pipeline moving, 40 moved accounts with open "
                        + "opportunities"), disruption.outLines(), disruption.describe());

        Result compare = planCli(Stdout.PIPE, Map.of(), "compare", PLAN_ID, "--with", other);
        assertEquals(ExitCodes.OK, compare.exit(), compare.describe());
        assertTrue(compare.out().startsWith("TERRITORY  KEPT  GAINED"), compare.describe());
        assertTrue(compare.out().endsWith("40 moved accounts with open opportunities\n"), compare.describe());

        Result changes = planCli("report", "crm-changes", PLAN_ID);
        assertEquals(ExitCodes.OK, changes.exit(), changes.describe());
        assertEquals("001A     Acme, Inc.  OWNER    005A → 005B              EAST                         "
                + "2026-11-29T08:01:00Z", changes.line(2), changes.describe());
        assertEquals("1 changed account since the baseline", changes.line(3), changes.describe());
        Result csv = planCli("report", "crm-changes", PLAN_ID, "--csv");
        assertEquals("accountId,name,kinds,baselineOwnerId,liveOwnerId,baselineTerritory,liveTerritory,"
                + "baselineModstamp,liveModstamp\r\n001A,\"Acme, Inc.\",OWNER,005A,005B,EAST,EAST,"
                + "2026-11-01T00:00:00Z,2026-11-29T08:01:00Z\r\n", csv.out(), csv.describe());
    }

    @Test
    void shouldListShowCreateAndForkPlans() {
        planning.on("GET /api/v1/plans?page=0&size=50", Answer.json(200, "{\"items\":[" + plan("DRAFT", 3)
                + "],\"page\":0,\"size\":50,\"total\":1}"));
        planning.on("GET /api/v1/plans/" + PLAN_ID, Answer.json(200, plan("APPROVED", 9)));
        planning.on("POST /api/v1/plans", Answer.json(201, plan("DRAFT", 1)));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/fork", Answer.json(201, plan("DRAFT", 1)));

        Result list = planCli("list");
        assertEquals(ExitCodes.OK, list.exit(), list.describe());
        assertEquals(List.of("ID                                    NAME           STATUS  VERSION  FISCAL YEAR              "
                        + "AUTHOR  UPDATED",
                "------------------------------------  -------------  ------  -------  -----------------------  ------  "
                        + "--------------------",
                PLAN_ID + "  FY27 Americas  DRAFT         3  2027-02-01 – 2028-01-31  pat     2026-11-29T08:05:00Z",
                "1 plan"), list.outLines(), list.describe());
        assertTrue(planCli("list", "--json").out().contains("\"total\" : 1"));

        Result show = planCli("show", PLAN_ID);
        assertEquals(ExitCodes.OK, show.exit(), show.describe());
        assertEquals("Id:              " + PLAN_ID, show.line(0), show.describe());
        assertTrue(show.out().contains("Status:          APPROVED\n"), show.describe());
        assertTrue(show.out().endsWith("Updated:         2026-11-29T08:05:00Z\n"), show.describe());

        Result created = planCli("create", "--name", "FY27 Americas", "--fiscal-year-start", "2027-02-01");
        assertEquals("Created Plan " + PLAN_ID + " \"FY27 Americas\": DRAFT, version 1\n", created.out(), created.describe());
        Result forked = planCli("fork", PLAN_ID, "--name", "What if");
        assertEquals("Forked into Plan " + PLAN_ID + " \"FY27 Americas\": DRAFT, version 1\n", forked.out(), forked.describe());
    }

    @Test
    void shouldPrintTheImportTableAndOnARefusedFileWhatWasImportedBeforeIt() throws Exception {
        Path samples = Files.createDirectories(dir.resolve("samples"));
        Files.writeString(samples.resolve("territory-types.csv"), "key,label,priority\ngeo,Geography,1\n");
        Files.writeString(samples.resolve("territories.csv"), "key,name,typeKey\nAMER,Americas,nope\n");
        planning.on("GET /api/v1/plans/" + PLAN_ID, Answer.json(200, plan("DRAFT", 1), Map.of("ETag", "\"1\"")));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/imports/territory-types?file=territory-types.csv",
                Answer.json(200, "{\"kind\":\"territory-types\",\"rows\":1,\"planVersion\":2}", Map.of("ETag", "\"2\"")));

        Result single = planCli("import", PLAN_ID, samples.resolve("territory-types.csv").toString());
        assertEquals(ExitCodes.OK, single.exit(), single.describe());
        assertEquals(List.of("FILE                 KIND             ROWS  PLAN VERSION",
                "-------------------  ---------------  ----  ------------",
                "territory-types.csv  territory-types     1             2"), single.outLines(), single.describe());
        assertEquals("", single.err());

        planning.on("POST /api/v1/plans/" + PLAN_ID + "/imports/territories?file=territories.csv",
                Answer.problem(400, "Invalid input", "1 row refused"));
        Result refused = planCli("import", PLAN_ID, samples.toString());
        assertEquals(ExitCodes.REJECTED, refused.exit(), refused.describe());
        assertEquals(single.outLines(), refused.outLines(), refused.describe());
        assertEquals("planbridge: Invalid input: 1 row refused (in territories.csv; the files above were imported)\n",
                refused.err());
    }

    @Test
    void shouldExportCsvToStdoutByteForByteInUtf8WhateverTheLocale() throws Exception {
        String quotas = "territoryKey,quarter,amount,note\r\nDACH,2027-02-01,1000000,Zürich – Genève\r\n";
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/exports/quotas", Answer.text("text/csv; charset=UTF-8", quotas));
        // a POSIX locale makes Java 17's default charset ASCII: ü and – must not turn into '?'
        for (Stdout stdout : Stdout.values()) {
            Result run = planCli(stdout, Map.of("LANG", "C", "LC_ALL", "C"), "export", PLAN_ID, "quotas");
            assertEquals(ExitCodes.OK, run.exit(), stdout + ": " + run.describe());
            assertArrayEquals(quotas.getBytes(StandardCharsets.UTF_8), run.outBytes(), stdout + ": " + run.describe());
        }
        Path out = dir.resolve("export");
        Result toDir = planCli("export", PLAN_ID, "quotas", "--out", out.toString());
        assertEquals("Wrote " + out.resolve("quotas.csv") + " (1 rows)\n", toDir.out(), toDir.describe());
        assertEquals(quotas, Files.readString(out.resolve("quotas.csv")));
    }

    @Test
    void shouldFailWhenTheExportCannotBeWritten() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full, a device whose writes fail with 'no space left'");
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/exports/quotas", Answer.text("text/csv", "h\r\nquotas\r\n"));
        List<String> args = List.of("plan", "export", PLAN_ID, "quotas", "--planning-url", planning.url());
        CliProcess.Running export = cli.start(full, Map.of(), args);
        assertEquals(ExitCodes.OUTPUT_FAILED, export.await(), export.err());
        assertEquals("planbridge: could not write all of the output (standard output closed, or the disk full)\n",
                export.err());
    }

    @Test
    void shouldSubmitApproveAndRejectWithTheRolesDemoToken() {
        planning.on("GET /api/v1/plans/" + PLAN_ID, Answer.json(200, plan("IN_REVIEW", 4), Map.of("ETag", "\"4\"")));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/submit", Answer.json(200, plan("IN_REVIEW", 4)));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/approve", Answer.json(200, plan("APPROVED", 5)));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/reject", Answer.problem(409, "Conflict",
                "Plan FY27 Americas is APPROVED; only a plan in review can be rejected"));

        Result submit = planCli("submit", PLAN_ID);
        assertEquals("Plan " + PLAN_ID + " \"FY27 Americas\": IN_REVIEW, version 4\n", submit.out(), submit.describe());
        Result approve = planCli("approve", PLAN_ID, "--as", "approver", "--comment", "ok");
        assertEquals(ExitCodes.OK, approve.exit(), approve.describe());
        assertEquals("Plan " + PLAN_ID + " \"FY27 Americas\": APPROVED, version 5\n", approve.out(), approve.describe());
        assertEquals("Bearer approver-jwt", planning.requests.get(3).header("Authorization"), planning.calls().toString());
        Result reject = planCli("reject", PLAN_ID, "--as", "approver", "--comment", "too late");
        assertEquals(ExitCodes.CONFLICT, reject.exit(), reject.describe());
        assertEquals("", reject.out());
        assertEquals("planbridge: Conflict: Plan FY27 Americas is APPROVED; only a plan in review can be rejected\n",
                reject.err());
    }

    @Test
    void shouldExplainMissingPlansUnreachableServicesAndBadIdsOnStderr() throws Exception {
        Result missing = planCli("show", PLAN_ID);
        assertEquals(ExitCodes.NOT_FOUND, missing.exit(), missing.describe());
        assertEquals("", missing.out());
        assertEquals("planbridge: Not found: no route GET /api/v1/plans/" + PLAN_ID + "\n", missing.err());

        Result badId = planCli("report", "balancer", "FY27");
        assertEquals(ExitCodes.USAGE, badId.exit(), badId.describe());
        assertEquals("planbridge: 'FY27' is not a plan id (a UUID, see: planbridge plan list)\n"
                + "Try: planbridge plan report balancer --help\n", badId.err());

        String closed = "http://127.0.0.1:" + RecordingServer.closedPort() + "/";
        Result unreachable = cli.run(List.of("plan", "list", "--planning-url", closed));
        assertEquals(ExitCodes.UNREACHABLE, unreachable.exit(), unreachable.describe());
        assertEquals("planbridge: Cannot reach " + closed + " (connection refused). Is the stack running? "
                + "Try ./planbridge status\n", unreachable.err());
        assertEquals(List.of("GET /api/v1/plans/" + PLAN_ID), planning.calls());
    }
}
