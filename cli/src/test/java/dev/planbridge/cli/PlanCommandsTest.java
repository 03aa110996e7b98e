package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.cli.RecordingServer.Answer;
import dev.planbridge.cli.RecordingServer.Request;
import dev.planbridge.cli.RecordingServer.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan commands against a recording stand-in of the planning service (answers shaped like its PlanView). */
class PlanCommandsTest {

    static final String PLAN_ID = "7d1c3b9e-1f2a-4c5d-8e9f-0a1b2c3d4e5f";

    private RecordingServer planning;

    static String plan(String status, long version) {
        return "{\"id\":\"" + PLAN_ID + "\",\"name\":\"FY27 Americas\",\"status\":\"" + status + "\",\"author\":\"pat\","
                + "\"version\":" + version + ",\"fiscalYearStart\":\"2027-02-01\",\"fiscalYearEnd\":\"2028-01-31\","
                + "\"startMonth\":2,\"quarters\":[\"2027-02-01\",\"2027-05-01\",\"2027-08-01\",\"2027-11-01\"],"
                + "\"baselineAt\":\"2026-11-29T08:00:00Z\",\"baselineModstamp\":null,\"forkedFrom\":null,"
                + "\"assignAccountOwners\":true,\"overAssignmentFactor\":1.10,\"submittedBy\":null,\"submittedAt\":null,"
                + "\"decidedBy\":null,\"decidedAt\":null,\"decisionComment\":null,\"checksum\":null,\"lastPushId\":null,"
                + "\"createdAt\":\"2026-11-29T08:00:00Z\",\"updatedAt\":\"2026-11-29T08:05:00Z\"}";
    }

    @BeforeEach
    void start() throws Exception {
        planning = new RecordingServer();
    }

    @AfterEach
    void stop() {
        planning.close();
    }

    private Run plan(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "plan";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(new String[] {"--planning-url", planning.url(), "--token", "planner-token"}, 0, all,
                args.length + 1, 4);
        return RecordingServer.run(all);
    }

    @Test
    void shouldCreateADraftWithOnlyTheGivenSettings() {
        planning.on("POST /api/v1/plans", Answer.json(201, plan("DRAFT", 1), Map.of("ETag", "\"1\"")));
        Run run = plan("create", "--name", "FY27 Americas", "--fiscal-year-start", "2027-02-01", "--assign-owners");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        Request sent = planning.requests.get(0);
        assertEquals("{\"name\":\"FY27 Americas\",\"fiscalYearStart\":\"2027-02-01\",\"assignAccountOwners\":true}",
                sent.body());
        assertEquals("application/json", sent.header("Content-Type"));
        assertEquals("Bearer planner-token", sent.header("Authorization"));
        assertEquals("Created Plan " + PLAN_ID + " \"FY27 Americas\": DRAFT, version 1\n", run.out());
    }

    @Test
    void shouldAskForAutoPushWhenCreatingWithTheFlag() {
        planning.on("POST /api/v1/plans", Answer.json(201, plan("DRAFT", 1), Map.of("ETag", "\"1\"")));
        Run run = plan("create", "--name", "FY27 Americas", "--fiscal-year-start", "2027-02-01", "--auto-push");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals("{\"name\":\"FY27 Americas\",\"fiscalYearStart\":\"2027-02-01\",\"autoPush\":true}",
                planning.requests.get(0).body());
    }

    @Test
    void shouldRefuseABadDateBeforeCallingTheService() {
        Run run = plan("create", "--name", "x", "--fiscal-year-start", "next year");
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().startsWith("planbridge: --fiscal-year-start must be a date like 2027-02-01"), run.err());
        assertTrue(run.err().contains("Try: planbridge plan create --help"), run.err());
        assertEquals(List.of(), planning.calls());
    }

    @Test
    void shouldListPlansAsAnAlignedTable() {
        planning.on("GET /api/v1/plans?page=0&size=50&status=IN_REVIEW",
                Answer.json(200, "{\"items\":[" + plan("IN_REVIEW", 12) + "],\"page\":0,\"size\":50,\"total\":1}"));
        Run run = plan("list", "--status", "in_review");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("ID                                    NAME           STATUS     VERSION"),
                run.out());
        assertTrue(lines.get(2).startsWith(PLAN_ID + "  FY27 Americas  IN_REVIEW       12  2027-02-01 – 2028-01-31"),
                run.out());
        assertEquals("1 plan", lines.get(3));
        assertEquals(ExitCodes.USAGE, plan("list", "--status", "finished").exit());
    }

    @Test
    void shouldSubmitWithTheETagReadFirst() {
        planning.on("GET /api/v1/plans/" + PLAN_ID, Answer.json(200, plan("DRAFT", 3), Map.of("ETag", "\"3\"")));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/submit", Answer.json(200, plan("IN_REVIEW", 4)));
        Run run = plan("submit", PLAN_ID);
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals(List.of("GET /api/v1/plans/" + PLAN_ID, "POST /api/v1/plans/" + PLAN_ID + "/submit"), planning.calls());
        assertEquals("\"3\"", planning.requests.get(1).header("If-Match"));
        assertEquals("", planning.requests.get(1).body());
        assertEquals("Plan " + PLAN_ID + " \"FY27 Americas\": IN_REVIEW, version 4\n", run.out());
    }

    @Test
    void shouldReportAStaleETagAsOneLineWithTheConflictExitCode() {
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/approve", Answer.problem(412, "Precondition failed",
                "Plan FY27 Americas is at version \\\"5\\\" but the request was based on \\\"4\\\"; reload it and retry"));
        Run run = plan("approve", PLAN_ID, "--etag", "4", "--comment", "ok");
        assertEquals(ExitCodes.CONFLICT, run.exit());
        assertEquals(List.of("POST /api/v1/plans/" + PLAN_ID + "/approve"), planning.calls());
        assertEquals("\"4\"", planning.requests.get(0).header("If-Match"));
        assertEquals("{\"comment\":\"ok\"}", planning.requests.get(0).body());
        assertEquals("planbridge: Precondition failed: Plan FY27 Americas is at version \"5\" but the request was "
                + "based on \"4\"; reload it and retry\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void shouldRejectWithTheCommentAndRequireIt() {
        assertEquals(ExitCodes.USAGE, plan("reject", PLAN_ID).exit());
        planning.on("GET /api/v1/plans/" + PLAN_ID, Answer.json(200, plan("IN_REVIEW", 4), Map.of("ETag", "\"4\"")));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/reject", Answer.json(200, plan("DRAFT", 5)));
        Run run = plan("reject", PLAN_ID, "--comment", "EMEA quotas too high");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals("{\"comment\":\"EMEA quotas too high\"}", planning.requests.get(1).body());
    }

    @Test
    void shouldImportADirectoryInDependencyOrderChainingETags(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("territories.csv"), "key,name,typeKey\nAMER,Americas,geo\n");
        Files.writeString(dir.resolve("territory-types.csv"), "key,label,priority\ngeo,Geography,1\n");
        Files.writeString(dir.resolve("notes.txt"), "not a plan file");
        planning.on("GET /api/v1/plans/" + PLAN_ID, Answer.json(200, plan("DRAFT", 1), Map.of("ETag", "\"1\"")));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/imports/territory-types?file=territory-types.csv",
                Answer.json(200, "{\"kind\":\"territory-types\",\"file\":\"territory-types.csv\",\"rows\":1,\"planVersion\":2}",
                        Map.of("ETag", "\"2\"")));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/imports/territories?file=territories.csv",
                Answer.json(200, "{\"kind\":\"territories\",\"file\":\"territories.csv\",\"rows\":1,\"planVersion\":3}",
                        Map.of("ETag", "\"3\"")));
        Run run = plan("import", PLAN_ID, dir.toString());
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals(3, planning.requests.size(), planning.calls().toString());
        Request types = planning.requests.get(1);
        Request territories = planning.requests.get(2);
        assertEquals("\"1\"", types.header("If-Match"));
        assertEquals("text/csv", types.header("Content-Type"));
        assertEquals("key,label,priority\ngeo,Geography,1\n", types.body());
        assertEquals("\"2\"", territories.header("If-Match"));
        assertTrue(run.out().contains("\nterritories.csv      territories         1             3\n"), run.out());
    }

    @Test
    void shouldShowWhereAnImportWasRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("territories.csv"), "key,name,typeKey\nAMER,Americas,nope\n");
        planning.on("GET /api/v1/plans/" + PLAN_ID, Answer.json(200, plan("DRAFT", 1), Map.of("ETag", "\"1\"")));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/imports/territories?file=territories.csv",
                new Answer(400, "application/problem+json", Map.of(), List.of("{\"type\":\"about:blank\",\"title\":"
                        + "\"Invalid input\",\"status\":400,\"detail\":\"1 row refused\",\"errors\":[{\"file\":"
                        + "\"territories.csv\",\"row\":1,\"field\":\"typeKey\",\"reason\":\"unknown territory type 'nope'\"}]}")));
        Run run = plan("import", PLAN_ID, dir.resolve("territories.csv").toString());
        assertEquals(ExitCodes.REJECTED, run.exit());
        assertEquals("planbridge: Invalid input: 1 row refused; territories.csv row 1, column typeKey: unknown territory "
                + "type 'nope' (in territories.csv; nothing was imported)\n", run.err());
    }

    @Test
    void shouldRefuseFilesItCannotPlace(@TempDir Path dir) throws Exception {
        Path odd = Files.writeString(dir.resolve("fy27.csv"), "a\n1\n");
        Run run = plan("import", PLAN_ID, odd.toString());
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("Cannot tell what fy27.csv holds"), run.err());
        assertEquals(ExitCodes.USAGE, plan("import", PLAN_ID, dir.resolve("missing").toString()).exit());
        assertEquals(ExitCodes.USAGE, plan("import", "not-a-plan", odd.toString()).exit());
        assertEquals(List.of(), planning.calls());
    }

    @Test
    void shouldExportOneKindToStdoutOrEveryKindToADirectory(@TempDir Path dir) throws Exception {
        for (String kind : PlanCommands.EXPORT_KINDS) {
            planning.on("GET /api/v1/plans/" + PLAN_ID + "/exports/" + kind, Answer.text("text/csv", "h\r\n" + kind + "\r\n"));
        }
        Run one = plan("export", PLAN_ID, "quotas");
        assertEquals("h\r\nquotas\r\n", one.out());
        assertEquals("text/csv", planning.requests.get(0).header("Accept"));
        Run all = plan("export", PLAN_ID, "--out", dir.toString());
        assertEquals(ExitCodes.OK, all.exit(), all.err());
        assertEquals("h\r\nassignments\r\n", Files.readString(dir.resolve("assignments.csv")));
        assertTrue(all.out().contains("territory-types.csv (1 rows)"), all.out());
        assertEquals(ExitCodes.USAGE, plan("export", PLAN_ID).exit());
        assertEquals(ExitCodes.USAGE, plan("export", PLAN_ID, "everything").exit());
    }

    @Test
    void shouldForkAndShow() {
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/fork", Answer.json(201, plan("DRAFT", 1)));
        planning.on("GET /api/v1/plans/" + PLAN_ID, Answer.json(200, plan("APPROVED", 9)));
        assertEquals(ExitCodes.OK, plan("fork", PLAN_ID, "--name", "What if").exit());
        assertEquals("{\"name\":\"What if\"}", planning.requests.get(0).body());
        Run show = plan("show", PLAN_ID);
        assertTrue(show.out().contains("Status:          APPROVED\n"), show.out());
        assertTrue(show.out().contains("Quarters:        2027-02-01, 2027-05-01, 2027-08-01, 2027-11-01\n"), show.out());
        assertTrue(plan("show", PLAN_ID, "--json").out().contains("\"status\" : \"APPROVED\""));
    }

    @Test
    void shouldHelpOnEveryCommand() {
        Run run = RecordingServer.run("plan", "import", "--help");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertTrue(run.out().startsWith("Usage: planbridge plan import"), run.out());
        assertEquals(ExitCodes.OK, RecordingServer.run("plan", "report", "balancer", "--help").exit());
    }

    @Test
    void shouldExplainAMissingPlan() {
        Run run = plan("show", PLAN_ID);
        assertEquals(ExitCodes.NOT_FOUND, run.exit());
        assertEquals("planbridge: Not found: no route GET /api/v1/plans/" + PLAN_ID + "\n", run.err());
    }
}
