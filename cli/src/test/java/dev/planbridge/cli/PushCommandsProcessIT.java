package dev.planbridge.cli;

import static dev.planbridge.cli.PlanCommandsTest.PLAN_ID;
import static dev.planbridge.cli.PushCommandsTest.CONFLICT_ID;
import static dev.planbridge.cli.PushCommandsTest.PUSH_ID;
import static dev.planbridge.cli.PushCommandsTest.conflicts;
import static dev.planbridge.cli.PushCommandsTest.fullStream;
import static dev.planbridge.cli.PushCommandsTest.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.cli.CliProcess.Result;
import dev.planbridge.cli.CliProcess.Stdout;
import dev.planbridge.cli.RecordingServer.Answer;
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
 * {@code planbridge push ...} and {@code planbridge conflicts ...} as separate processes against a local sync
 * stand-in: the progress goes to stderr, the end-of-push report to stdout (a file or a pipe), and the exit code says
 * how the push ended. Regression for issue 25: the report was written with {@code print} and lost at exit.
 */
@Timeout(300)
@EnabledIfSystemProperty(named = CliProcess.JAR_PROPERTY, matches = ".+", disabledReason = CliProcess.ONLY_IN_VERIFY)
class PushCommandsProcessIT {

    private static final String REPORT_TABLE = String.join("\n", "OBJECT      OPERATION  SUCCEEDED  CONFLICT",
            "----------  ---------  ---------  --------", "Territory2  INSERT             2",
            "Account     UPDATE                       1") + "\n";

    @TempDir
    Path dir;

    private RecordingServer sync;
    private CliProcess cli;

    @BeforeEach
    void start() throws Exception {
        sync = new RecordingServer();
        cli = CliProcess.withDemoTokens(dir);
    }

    @AfterEach
    void stop() {
        sync.close();
    }

    private Result run(Stdout stdout, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--sync-url", sync.url()));
        return cli.run(stdout, Map.of(), all);
    }

    private Result run(String... args) {
        return run(Stdout.FILE, args);
    }

    /** A push whose progress stream runs to DONE and which then reads as COMPLETED; undo and follow-up are children. */
    private void finishedPush(String id, String mode, String kind, String outcome, String conflictList) {
        String parent = kind.equals("PUSH") ? "null" : "\"" + PUSH_ID + "\"";
        sync.on("GET /api/v1/pushes/" + id + "/events", Answer.events(fullStream()));
        sync.on("GET /api/v1/pushes/" + id, Answer.json(200, push(id, mode, kind, "COMPLETED", outcome)
                .replace("\"parentPushId\":null", "\"parentPushId\":" + parent)));
        sync.on("GET /api/v1/pushes/" + id + "/conflicts", Answer.json(200, conflictList));
    }

    @Test
    void shouldPrintTheDryRunReportOnStdoutAndTheProgressOnStderr() {
        sync.on("POST /api/v1/pushes", Answer.json(202, push(PUSH_ID, "dry-run", "PUSH", "QUEUED", null)));
        finishedPush(PUSH_ID, "dry-run", "PUSH", "SYNCED", "[]");
        for (Stdout stdout : Stdout.values()) {
            Result run = run(stdout, "push", "dry-run", PLAN_ID);
            assertEquals(ExitCodes.OK, run.exit(), stdout + ": " + run.describe());
            assertEquals("Push " + PUSH_ID + " (dry-run) of plan " + PLAN_ID + ": COMPLETED, SYNCED, 9 API calls, 2.5 s\n"
                    + REPORT_TABLE + "2 written, 39 unchanged, 1 conflicts, 1 held back, 0 failed, 0 invalid, "
                    + "2 estimated write calls\n", run.out(), stdout + ": " + run.describe());
            // not a terminal (no console): --progress auto writes one line per step, no carriage returns
            assertEquals(List.of("Queued", "Reading plan", "Reading CRM", "Planning", "Writing Territory2",
                    "Writing Account", "Done"), run.err().lines().map(line -> line.substring(0, 18).strip()).toList(),
                    stdout + ": " + run.describe());
            assertTrue(run.err().indexOf('\r') < 0, run.describe());
        }
        assertEquals("Bearer planner-jwt", sync.requests.get(0).header("Authorization"));
    }

    @Test
    void shouldPrintTheApplyReportWithConflictsAndExitPartial() {
        sync.on("POST /api/v1/pushes", Answer.json(202, push(PUSH_ID, "apply", "PUSH", "QUEUED", null)));
        finishedPush(PUSH_ID, "apply", "PUSH", "PARTIALLY_SYNCED", conflicts(null));
        Result run = run(Stdout.PIPE, "push", "apply", PLAN_ID, "--as", "approver", "--progress", "none");
        assertEquals(ExitCodes.PARTIAL, run.exit(), run.describe());
        assertEquals("", run.err());
        assertEquals("Push " + PUSH_ID + " (apply) of plan " + PLAN_ID + ": COMPLETED, PARTIALLY_SYNCED, 9 API calls, 2.5 s",
                run.line(0), run.describe());
        assertEquals(REPORT_TABLE, String.join("\n", run.outLines().subList(1, 5)) + "\n", run.describe());
        assertEquals("Conflicts (changed in the CRM since the plan's baseline):", run.line(6), run.describe());
        assertTrue(run.line(9).startsWith(CONFLICT_ID + "  Account  001A    OwnerId  005OLD  005PLAN  005CRM"), run.describe());
        assertEquals("Resolve with: planbridge conflicts resolve " + PUSH_ID + " <conflict> --keep plan|crm|value, then: "
                + "planbridge push follow-up " + PUSH_ID, run.line(10), run.describe());
        assertEquals("Bearer approver-jwt", sync.requests.get(0).header("Authorization"));

        Result json = run("push", "apply", PLAN_ID, "--progress", "none", "--json");
        assertEquals(ExitCodes.PARTIAL, json.exit(), json.describe());
        assertTrue(json.out().startsWith("{\n  \"id\" : \"" + PUSH_ID + "\""), json.describe());
        assertTrue(json.out().endsWith("}\n"), json.describe());
    }

    @Test
    void shouldPrintTheReportsOfUndoFollowUpAndStatus() {
        String undo = "a0000000-0000-4000-8000-000000000003";
        String followUp = "a0000000-0000-4000-8000-000000000004";
        finishedPush(PUSH_ID, "apply", "PUSH", "SYNCED", "[]");
        sync.on("POST /api/v1/pushes/" + PUSH_ID + "/undo", Answer.json(202, push(undo, "apply", "UNDO", "QUEUED", null)));
        sync.on("POST /api/v1/pushes/" + PUSH_ID + "/follow-up",
                Answer.json(202, push(followUp, "apply", "FOLLOW_UP", "QUEUED", null)));
        finishedPush(undo, "apply", "UNDO", "SYNCED", "[]");
        finishedPush(followUp, "apply", "FOLLOW_UP", "SYNCED", "[]");

        Result undone = run("push", "undo", PUSH_ID, "--as", "approver");
        assertEquals(ExitCodes.OK, undone.exit(), undone.describe());
        assertTrue(undone.out().startsWith("Push " + undo + " (apply, undo of " + PUSH_ID + ") of plan " + PLAN_ID
                + ": COMPLETED, SYNCED"), undone.describe());
        assertTrue(undone.out().contains(REPORT_TABLE), undone.describe());
        assertTrue(undone.err().contains("Done"), undone.describe());

        Result followed = run("push", "follow-up", PUSH_ID, "--as", "approver", "--progress", "none");
        assertEquals(ExitCodes.OK, followed.exit(), followed.describe());
        assertTrue(followed.out().startsWith("Push " + followUp + " (apply, follow-up of " + PUSH_ID + ") of plan "
                + PLAN_ID), followed.describe());
        assertTrue(followed.out().contains(REPORT_TABLE), followed.describe());

        Result status = run("push", "status", PUSH_ID);
        assertEquals(ExitCodes.OK, status.exit(), status.describe());
        assertEquals("Push " + PUSH_ID + " (apply) of plan " + PLAN_ID + ": COMPLETED, SYNCED, 9 API calls, 2.5 s",
                status.line(0), status.describe());
        assertTrue(status.out().contains(REPORT_TABLE), status.describe());
    }

    @Test
    void shouldReturnThePushIdWithNoWaitAndExplainFailuresOnStderr() {
        sync.on("POST /api/v1/pushes", Answer.json(202, push(PUSH_ID, "apply", "PUSH", "QUEUED", null)));
        Result noWait = run("push", "apply", PLAN_ID, "--no-wait");
        assertEquals("Started push " + PUSH_ID + " (apply); follow it with: planbridge push status " + PUSH_ID
                + " --follow\n", noWait.out(), noWait.describe());

        String failed = "a0000000-0000-4000-8000-000000000005";
        sync.on("GET /api/v1/pushes/" + failed, Answer.json(200, push(failed, "apply", "PUSH", "FAILED", "FAILED")
                .replace("\"error\":null", "\"error\":\"Plan checksum does not match the approval\"")));
        sync.on("GET /api/v1/pushes/" + failed + "/conflicts", Answer.json(200, "[]"));
        Result status = run("push", "status", failed, "--follow");
        assertEquals(ExitCodes.SERVICE_FAILED, status.exit(), status.describe());
        assertEquals("Error: Plan checksum does not match the approval", status.line(1), status.describe());

        sync.on("GET /api/v1/pushes/" + PUSH_ID, Answer.json(200, push(PUSH_ID, "apply", "PUSH", "COMPLETED", "SYNCED")));
        sync.on("POST /api/v1/pushes/" + PUSH_ID + "/undo", Answer.problem(403, "Forbidden",
                "Only an approver or admin may undo a push"));
        Result forbidden = run("push", "undo", PUSH_ID);
        assertEquals(ExitCodes.NOT_ALLOWED, forbidden.exit(), forbidden.describe());
        assertEquals("", forbidden.out());
        assertEquals("planbridge: Forbidden: Only an approver or admin may undo a push\n", forbidden.err());

        Result badProgress = run("push", "dry-run", PLAN_ID, "--progress", "fancy");
        assertEquals(ExitCodes.USAGE, badProgress.exit(), badProgress.describe());
        assertTrue(badProgress.err().startsWith("planbridge: --progress must be auto, live, lines or none, not 'fancy'\n"),
                badProgress.describe());
    }

    @Test
    void shouldListConflictsAsATableOrCsvAndResolveOne() {
        sync.on("GET /api/v1/pushes/" + PUSH_ID, Answer.json(200, push(PUSH_ID, "apply", "PUSH", "COMPLETED",
                "PARTIALLY_SYNCED")));
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/conflicts", Answer.json(200, conflicts(null)));
        sync.on("POST /api/v1/pushes/" + PUSH_ID + "/conflicts/" + CONFLICT_ID + "/resolve",
                Answer.json(200, conflicts("plan").replaceAll("^\\[|\\]$", "")));

        Result table = run(Stdout.PIPE, "conflicts", "list", PUSH_ID);
        assertEquals(ExitCodes.OK, table.exit(), table.describe());
        assertEquals("Push " + PUSH_ID + " (apply) of plan " + PLAN_ID, table.line(0), table.describe());
        assertTrue(table.line(3).startsWith(CONFLICT_ID + "  Account  001A"), table.describe());
        assertEquals("1 conflict", table.line(4), table.describe());

        Result csv = run("conflicts", "list", PUSH_ID, "--csv");
        assertEquals(ExitCodes.OK, csv.exit(), csv.describe());
        assertEquals(String.join(",", ConflictCommands.CSV_COLUMNS), csv.line(0), csv.describe());
        assertTrue(csv.out().endsWith(",FLAG,true,,,,\r\n"), csv.describe());

        Result resolved = run("conflicts", "resolve", PUSH_ID, CONFLICT_ID, "--keep", "plan", "--as", "approver");
        assertEquals(ExitCodes.OK, resolved.exit(), resolved.describe());
        assertEquals("Resolved Account 001A OwnerId: keep the plan value. Push it with: planbridge push follow-up "
                + PUSH_ID + "\n", resolved.out(), resolved.describe());

        Result bad = run("conflicts", "resolve", PUSH_ID, CONFLICT_ID, "--keep", "mine");
        assertEquals(ExitCodes.USAGE, bad.exit(), bad.describe());
        assertEquals("planbridge: --keep must be plan, crm or value, not 'mine'\n"
                + "Try: planbridge conflicts resolve --help\n", bad.err());
    }
}
