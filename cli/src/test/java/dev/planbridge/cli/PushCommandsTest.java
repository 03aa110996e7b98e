package dev.planbridge.cli;

import static dev.planbridge.cli.PlanCommandsTest.PLAN_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.cli.RecordingServer.Answer;
import dev.planbridge.cli.RecordingServer.Run;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.sync.SyncProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push commands against a stand-in sync service: the start request, the SSE progress, the final report, exit codes. */
class PushCommandsTest {

    static final String PUSH_ID = "a0000000-0000-4000-8000-000000000001";
    static final String CONFLICT_ID = "c0000000-0000-4000-8000-000000000009";

    private RecordingServer sync;

    static String push(String id, String mode, String kind, String status, String outcome) {
        return "{\"id\":\"" + id + "\",\"planId\":\"" + PLAN_ID + "\",\"planVersion\":7,\"mode\":\"" + mode + "\","
                + "\"kind\":\"" + kind + "\",\"parentPushId\":null,\"status\":\"" + status + "\",\"outcome\":"
                + (outcome == null ? "null" : "\"" + outcome + "\"") + ",\"error\":null,\"options\":{},"
                + "\"report\":{\"planned\":{\"Territory2 INSERT\":2,\"Account UPDATE\":1},"
                + "\"compared\":{\"Territory2\":2,\"Account\":40},\"unchanged\":{\"Territory2\":0,\"Account\":39},"
                + "\"conflicts\":1,\"heldRecords\":1,\"invalidRecords\":0,\"estimatedWriteCallsTotal\":2,"
                + "\"operations\":{\"Territory2 INSERT\":{\"SUCCEEDED\":2},\"Account UPDATE\":{\"CONFLICT\":1}},"
                + "\"written\":2,\"failed\":0,\"skippedInvalid\":0,\"heldConflicts\":1,\"durationMillis\":2500},"
                + "\"apiCalls\":9,\"requestedBy\":\"alice\",\"createdAt\":\"2026-11-29T08:00:00Z\","
                + "\"startedAt\":\"2026-11-29T08:00:01Z\",\"finishedAt\":null}";
    }

    static String conflicts(String resolution) {
        return "[{\"id\":\"" + CONFLICT_ID + "\",\"pushId\":\"" + PUSH_ID + "\",\"object\":\"Account\","
                + "\"recordKey\":\"001A\",\"recordId\":\"001A\",\"field\":\"OwnerId\",\"baseValue\":\"005OLD\","
                + "\"planValue\":\"005PLAN\",\"crmValue\":\"005CRM\",\"changedById\":\"005X\",\"changedByName\":\"Rita Rep\","
                + "\"changedAt\":\"2026-11-29T07:59:00Z\",\"policy\":\"FLAG\",\"held\":true,\"resolution\":"
                + (resolution == null ? "null" : "\"" + resolution + "\"") + ",\"resolvedValue\":null,\"resolvedBy\":null,"
                + "\"resolvedAt\":null}]";
    }

    static String event(String phase, String object, long done, long total, long calls) {
        // Quarkus REST writes one "data:" line per element of the Multi, then a blank line
        return "data:" + ContractsJson.write(new SyncProgress(1, PUSH_ID, PLAN_ID, phase, object, done, total, done, 0, 0,
                0, calls, Instant.parse("2026-11-29T08:00:02Z"))) + "\n\n";
    }

    static List<String> fullStream() {
        return List.of(event("QUEUED", null, 0, 0, 0), ": keep-alive comment\n\n", event("READING_PLAN", null, 0, 0, 1),
                event("READING_CRM", null, 0, 0, 2), event("PLANNING", null, 0, 0, 4),
                event("WRITING", "Territory2", 1, 3, 5), event("WRITING", "Territory2", 2, 3, 6),
                event("WRITING", "Account", 3, 3, 8), event("DONE", null, 3, 3, 9));
    }

    @BeforeEach
    void start() throws Exception {
        sync = new RecordingServer();
    }

    @AfterEach
    void stop() {
        sync.close();
    }

    private Run push(String... args) {
        List<String> all = new ArrayList<>(List.of("push"));
        all.addAll(List.of(args));
        all.addAll(List.of("--sync-url", sync.url(), "--token", "approver-token"));
        return RecordingServer.run(all.toArray(String[]::new));
    }

    @Test
    void shouldApplyFollowTheProgressStreamAndPrintTheFinalReport() {
        sync.on("POST /api/v1/pushes", Answer.json(202, push(PUSH_ID, "apply", "PUSH", "QUEUED", null)));
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/events", Answer.events(fullStream()));
        sync.on("GET /api/v1/pushes/" + PUSH_ID, Answer.json(200, push(PUSH_ID, "apply", "PUSH", "COMPLETED",
                "PARTIALLY_SYNCED")));
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/conflicts", Answer.json(200, conflicts(null)));

        Run run = push("apply", PLAN_ID, "--scope", "territories,account-owners", "--policy", "Account.OwnerId=FLAG",
                "--progress", "lines");

        assertEquals(ExitCodes.PARTIAL, run.exit(), run.err());
        assertEquals("{\"planId\":\"" + PLAN_ID + "\",\"mode\":\"apply\",\"scope\":[\"territories\",\"account-owners\"],"
                + "\"policies\":{\"Account.OwnerId\":\"FLAG\"}}", sync.requests.get(0).body());
        assertEquals("Bearer approver-token", sync.requests.get(0).header("Authorization"));
        assertEquals("text/event-stream", sync.requests.get(1).header("Accept"));
        List<String> progress = run.err().lines().toList();
        assertEquals(List.of("Queued", "Reading plan", "Reading CRM", "Planning", "Writing Territory2", "Writing Account",
                "Done"), progress.stream().map(line -> line.substring(0, 18).strip()).toList(), run.err());
        assertTrue(progress.get(4).contains("[##########....................]  33%  1/3 records  5 calls"), run.err());
        assertTrue(progress.get(6).contains("[##############################] 100%  3/3 records  9 calls"), run.err());
        assertTrue(progress.get(6).endsWith("ETA -"), run.err());

        List<String> report = run.out().lines().toList();
        assertEquals("Push " + PUSH_ID + " (apply) of plan " + PLAN_ID + ": COMPLETED, PARTIALLY_SYNCED, 9 API calls, 2.5 s",
                report.get(0));
        assertEquals(List.of("OBJECT      OPERATION  SUCCEEDED  CONFLICT", "----------  ---------  ---------  --------",
                "Territory2  INSERT             2", "Account     UPDATE                       1"), report.subList(1, 5));
        assertEquals("2 written, 39 unchanged, 1 conflicts, 1 held back, 0 failed, 0 invalid, 2 estimated write calls",
                report.get(5));
        assertTrue(run.out().contains(CONFLICT_ID + "  Account  001A    OwnerId  005OLD  005PLAN  005CRM  Rita Rep    "
                + "yes   open"), run.out());
        assertTrue(run.out().contains("planbridge push follow-up " + PUSH_ID), run.out());
    }

    @Test
    void shouldRedrawTheBarInPlaceOnATerminal() {
        sync.on("POST /api/v1/pushes", Answer.json(202, push(PUSH_ID, "dry-run", "PUSH", "QUEUED", null)));
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/events", Answer.events(fullStream()));
        sync.on("GET /api/v1/pushes/" + PUSH_ID, Answer.json(200, push(PUSH_ID, "dry-run", "PUSH", "COMPLETED", "SYNCED")));
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/conflicts", Answer.json(200, "[]"));
        Run run = push("dry-run", PLAN_ID, "--progress", "live");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals("{\"planId\":\"" + PLAN_ID + "\",\"mode\":\"dry-run\"}", sync.requests.get(0).body());
        assertEquals(8, run.err().chars().filter(c -> c == '\r').count(), run.err());
        assertTrue(run.err().endsWith("ETA -\n") || run.err().endsWith(" \n"), run.err());
        assertFalse(run.out().contains("follow-up"), run.out());
    }

    @Test
    void shouldReconnectWhenTheStreamDropsBeforeTheEnd() {
        AtomicInteger connections = new AtomicInteger();
        sync.on("POST /api/v1/pushes", Answer.json(202, push(PUSH_ID, "apply", "PUSH", "QUEUED", null)));
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/events", request -> connections.incrementAndGet() == 1
                ? Answer.events(List.of(event("WRITING", "Account", 1, 3, 5)))
                : Answer.events(List.of(event("DONE", null, 3, 3, 9))));
        AtomicInteger reads = new AtomicInteger();
        sync.on("GET /api/v1/pushes/" + PUSH_ID, request -> Answer.json(200, reads.incrementAndGet() == 1
                ? push(PUSH_ID, "apply", "PUSH", "WRITING", null) : push(PUSH_ID, "apply", "PUSH", "COMPLETED", "SYNCED")));
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/conflicts", Answer.json(200, "[]"));
        Run run = push("apply", PLAN_ID, "--progress", "lines");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals(2, connections.get());
        assertTrue(run.err().contains("Done"), run.err());
    }

    @Test
    void shouldReturnAtOnceWithNoWait() {
        sync.on("POST /api/v1/pushes", Answer.json(202, push(PUSH_ID, "apply", "PUSH", "QUEUED", null)));
        Run run = push("apply", PLAN_ID, "--no-wait");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals("Started push " + PUSH_ID + " (apply); follow it with: planbridge push status " + PUSH_ID
                + " --follow\n", run.out());
        assertEquals(List.of("POST /api/v1/pushes"), sync.calls());
    }

    @Test
    void shouldShowAPlansLatestPushByPlanId() {
        sync.on("GET /api/v1/pushes?planId=" + PLAN_ID + "&limit=100", Answer.json(200, "["
                + push(PUSH_ID, "apply", "PUSH", "COMPLETED", "SYNCED") + "]"));
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/conflicts", Answer.json(200, "[]"));
        Run run = push("status", PLAN_ID);
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        // a plan id is tried as a push id first; the service's 404 sends the CLI to the plan's pushes
        assertEquals(List.of("GET /api/v1/pushes/" + PLAN_ID, "GET /api/v1/pushes?planId=" + PLAN_ID + "&limit=100",
                "GET /api/v1/pushes/" + PUSH_ID + "/conflicts"), sync.calls());
        assertTrue(run.out().startsWith("Push " + PUSH_ID + " (apply) of plan " + PLAN_ID + ": COMPLETED, SYNCED"),
                run.out());
    }

    @Test
    void shouldSayWhenThereIsNoPush() {
        sync.on("GET /api/v1/pushes?planId=" + PLAN_ID + "&limit=100", Answer.json(200, "[]"));
        Run run = push("status", PLAN_ID);
        assertEquals(ExitCodes.NOT_FOUND, run.exit());
        assertEquals("planbridge: Not found: No push with id " + PLAN_ID + ", and no plan " + PLAN_ID + " with one\n",
                run.err());
    }

    @Test
    void shouldUndoThePlansLatestAppliedPushNotItsDryRun() {
        String dryRun = "a0000000-0000-4000-8000-000000000002";
        String undo = "a0000000-0000-4000-8000-000000000003";
        sync.on("GET /api/v1/pushes?planId=" + PLAN_ID + "&limit=100", Answer.json(200, "["
                + push(dryRun, "dry-run", "PUSH", "COMPLETED", "SYNCED") + ","
                + push(PUSH_ID, "apply", "PUSH", "COMPLETED", "SYNCED") + "]"));
        sync.on("POST /api/v1/pushes/" + PUSH_ID + "/undo", Answer.json(202, push(undo, "apply", "UNDO", "QUEUED", null)));
        sync.on("GET /api/v1/pushes/" + undo + "/events", Answer.events(List.of(event("DONE", null, 2, 2, 3))));
        sync.on("GET /api/v1/pushes/" + undo, Answer.json(200, push(undo, "apply", "UNDO", "COMPLETED", "SYNCED")
                .replace("\"parentPushId\":null", "\"parentPushId\":\"" + PUSH_ID + "\"")));
        sync.on("GET /api/v1/pushes/" + undo + "/conflicts", Answer.json(200, "[]"));
        Run run = push("undo", PLAN_ID, "--progress", "none");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertTrue(sync.calls().contains("POST /api/v1/pushes/" + PUSH_ID + "/undo"), sync.calls().toString());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("Push " + undo + " (apply, undo of " + PUSH_ID + ")"), run.out());
    }

    @Test
    void shouldExplainAForbiddenApplyInOneLine() {
        sync.on("POST /api/v1/pushes", Answer.problem(403, "Forbidden",
                "Only an approver or admin may apply a plan to the CRM; a planner may dry-run it"));
        Run run = push("apply", PLAN_ID);
        assertEquals(ExitCodes.NOT_ALLOWED, run.exit());
        assertEquals("planbridge: Forbidden: Only an approver or admin may apply a plan to the CRM; a planner may "
                + "dry-run it\n", run.err());
    }

    @Test
    void shouldRefuseBadInputBeforeCallingTheService() {
        assertEquals(ExitCodes.USAGE, push("apply", "not-a-uuid").exit());
        assertEquals(ExitCodes.USAGE, push("apply", PLAN_ID, "--progress", "fancy").exit());
        assertEquals(ExitCodes.USAGE, push("status", "../../etc").exit());
        assertEquals(List.of(), sync.calls());
    }

    @Test
    void shouldExitWithServiceFailedWhenThePushFailed() {
        sync.on("GET /api/v1/pushes/" + PUSH_ID, Answer.json(200, push(PUSH_ID, "apply", "PUSH", "FAILED", "FAILED")
                .replace("\"error\":null", "\"error\":\"Plan checksum does not match the approval\"")));
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/conflicts", Answer.json(200, "[]"));
        Run run = push("status", PUSH_ID, "--follow");
        assertEquals(ExitCodes.SERVICE_FAILED, run.exit());
        assertTrue(run.out().contains("Error: Plan checksum does not match the approval\n"), run.out());
    }

    @Test
    void shouldShowWhyARunningPushIsRetrying() {
        sync.on("GET /api/v1/pushes/" + PUSH_ID, Answer.json(200, push(PUSH_ID, "apply", "PUSH", "WAITING", null)
                .replace("\"error\":null", "\"error\":\"saving the plan failed (attempt 1 of 5), retrying in 15000 ms: "
                        + "RollbackException: transaction timed out\"")));
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/conflicts", Answer.json(200, "[]"));
        Run run = push("status", PUSH_ID);
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertTrue(run.out().contains("Retrying after an error: saving the plan failed (attempt 1 of 5), retrying in "
                + "15000 ms: RollbackException: transaction timed out\n"), run.out());
    }
}
