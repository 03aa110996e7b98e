package dev.planbridge.cli;

import static dev.planbridge.cli.PushCommandsTest.CONFLICT_ID;
import static dev.planbridge.cli.PushCommandsTest.PUSH_ID;
import static dev.planbridge.cli.PushCommandsTest.conflicts;
import static dev.planbridge.cli.PushCommandsTest.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.cli.RecordingServer.Answer;
import dev.planbridge.cli.RecordingServer.Run;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing and resolving a push's conflicts against a stand-in sync service (answers shaped like ConflictView). */
class ConflictCommandsTest {

    private RecordingServer sync;

    @BeforeEach
    void start() throws Exception {
        sync = new RecordingServer();
        sync.on("GET /api/v1/pushes/" + PUSH_ID, Answer.json(200, push(PUSH_ID, "apply", "PUSH", "COMPLETED",
                "PARTIALLY_SYNCED")));
    }

    @AfterEach
    void stop() {
        sync.close();
    }

    private Run conflictsCommand(String... args) {
        List<String> all = new ArrayList<>(List.of("conflicts"));
        all.addAll(List.of(args));
        all.addAll(List.of("--sync-url", sync.url(), "--token", "approver-token"));
        return RecordingServer.run(all.toArray(String[]::new));
    }

    @Test
    void shouldListConflictsWithBasePlanAndCrmValues() {
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/conflicts", Answer.json(200, conflicts(null)));
        Run run = conflictsCommand("list", PUSH_ID);
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("CONFLICT                              OBJECT   RECORD  FIELD    BASE    PLAN     CRM     "
                + "CHANGED BY  HELD  RESOLUTION", lines.get(1));
        assertTrue(lines.get(3).startsWith(CONFLICT_ID + "  Account  001A    OwnerId  005OLD  005PLAN  005CRM"), run.out());
        assertEquals("1 conflict", lines.get(4));
    }

    @Test
    void shouldFilterOpenConflictsAndPrintCsv() {
        sync.on("GET /api/v1/pushes/" + PUSH_ID + "/conflicts", Answer.json(200, conflicts("crm")));
        Run open = conflictsCommand("list", PUSH_ID, "--open");
        assertTrue(open.out().endsWith("0 conflicts open\n"), open.out());
        Run csv = conflictsCommand("list", PUSH_ID, "--csv");
        List<String> rows = csv.out().lines().toList();
        assertEquals(String.join(",", ConflictCommands.CSV_COLUMNS), rows.get(0));
        assertTrue(rows.get(1).startsWith(CONFLICT_ID + "," + PUSH_ID + ",Account,001A,001A,OwnerId,005OLD,005PLAN,005CRM,"
                + "005X,Rita Rep,2026-11-29T07:59:00Z,FLAG,true,crm,"), csv.out());
    }

    @Test
    void shouldResolveWithAValueOfOnesOwn() {
        sync.on("POST /api/v1/pushes/" + PUSH_ID + "/conflicts/" + CONFLICT_ID + "/resolve", Answer.json(200,
                conflicts("value").replace("\"resolvedValue\":null", "\"resolvedValue\":\"005MINE\"")
                        .replaceAll("^\\[|\\]$", "")));
        Run run = conflictsCommand("resolve", PUSH_ID, CONFLICT_ID, "--keep", "value", "--value", "005MINE");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals("{\"keep\":\"value\",\"value\":\"005MINE\"}", sync.requests.get(1).body());
        assertEquals("application/json", sync.requests.get(1).header("Content-Type"));
        assertEquals("Resolved Account 001A OwnerId: keep value 005MINE. Push it with: planbridge push follow-up "
                + PUSH_ID + "\n", run.out());
    }

    @Test
    void shouldRefuseInconsistentResolutions() {
        assertEquals(ExitCodes.USAGE, conflictsCommand("resolve", PUSH_ID, CONFLICT_ID, "--keep", "mine").exit());
        assertEquals(ExitCodes.USAGE, conflictsCommand("resolve", PUSH_ID, CONFLICT_ID, "--keep", "value").exit());
        assertEquals(ExitCodes.USAGE, conflictsCommand("resolve", PUSH_ID, CONFLICT_ID, "--keep", "plan", "--value", "x")
                .exit());
        assertEquals(ExitCodes.USAGE, conflictsCommand("resolve", PUSH_ID, "42", "--keep", "plan").exit());
        assertEquals(List.of(), sync.calls());
    }

    @Test
    void shouldPassOnTheServicesRefusal() {
        sync.on("POST /api/v1/pushes/" + PUSH_ID + "/conflicts/" + CONFLICT_ID + "/resolve", Answer.problem(400,
                "Bad request", "A conflict about a record's existence can only keep plan or crm"));
        Run run = conflictsCommand("resolve", PUSH_ID, CONFLICT_ID, "--keep", "value", "--value", "x");
        assertEquals(ExitCodes.REJECTED, run.exit());
        assertEquals("planbridge: Bad request: A conflict about a record's existence can only keep plan or crm\n",
                run.err());
    }
}
