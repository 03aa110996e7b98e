package dev.planbridge.cli;

import static dev.planbridge.cli.PlanCommandsTest.PLAN_ID;
import static dev.planbridge.cli.PushCommandsTest.PUSH_ID;
import static dev.planbridge.cli.PushCommandsTest.fullStream;
import static dev.planbridge.cli.PushCommandsTest.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.planbridge.cli.CliProcess.Result;
import dev.planbridge.cli.RecordingServer.Answer;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI on a terminal (a pseudo-terminal from script(1)), where issue 25 was first seen: the balancer
 * table printed nothing there either. On a terminal, {@code --progress auto} redraws one bar in place.
 */
@Timeout(300)
@EnabledIfSystemProperty(named = CliProcess.JAR_PROPERTY, matches = ".+", disabledReason = CliProcess.ONLY_IN_VERIFY)
class TerminalProcessIT {

    @TempDir
    Path dir;

    private RecordingServer server;
    private CliProcess cli;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(CliProcess.scriptCommand() != null, "needs util-linux script(1) for a pseudo-terminal");
        server = new RecordingServer();
        cli = CliProcess.withDemoTokens(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldPrintTheBalancerTableOnATerminal() {
        server.on("GET /api/v1/plans/" + PLAN_ID + "/reports/balancer", Answer.json(200, PlanReportCommandsTest.BALANCER));
        Result run = cli.runOnTerminal(List.of("plan", "report", "balancer", PLAN_ID, "--planning-url", server.url()));
        assertEquals(ExitCodes.OK, run.exit(), run.describe());
        assertEquals(List.of(
                "TERRITORY  NAME           PARENT  ACCOUNTS   POTENTIAL  PIPELINE  OWNERS             QUOTA  QUOTA/POT  FLAGS",
                "---------  -------------  ------  --------  ----------  --------  -------------  ---------  ---------  -----------------------------",
                "AMER-EAST  Americas East  AMER       2,100  12,500,001   830,000  Ann Lee;Bo Yu  3,000,000       0.24",
                "AMER-WEST  Americas West  AMER         900   4,000,000   120,000                                       ACCOUNTS_OUT_OF_BAND;NO_OWNER",
                "4,200 accounts, 12 unassigned; plan version 7; siblings flagged beyond ±25% of their mean"),
                run.outLines(), run.describe());
    }

    @Test
    void shouldRedrawTheProgressBarInPlaceAndThenPrintTheReport() {
        server.on("POST /api/v1/pushes", Answer.json(202, push(PUSH_ID, "dry-run", "PUSH", "QUEUED", null)));
        server.on("GET /api/v1/pushes/" + PUSH_ID + "/events", Answer.events(fullStream()));
        server.on("GET /api/v1/pushes/" + PUSH_ID, Answer.json(200, push(PUSH_ID, "dry-run", "PUSH", "COMPLETED", "SYNCED")));
        server.on("GET /api/v1/pushes/" + PUSH_ID + "/conflicts", Answer.json(200, "[]"));
        Result run = cli.runOnTerminal(List.of("push", "dry-run", PLAN_ID, "--sync-url", server.url()));
        assertEquals(ExitCodes.OK, run.exit(), run.describe());
        // redrawn: a carriage return right after the previous step's text, not at the start of a new line
        assertTrue(Pattern.compile("ETA -\\s*\\rReading plan ").matcher(run.out()).find(), run.describe());
        assertTrue(run.out().contains("\r\nPush " + PUSH_ID + " (dry-run) of plan " + PLAN_ID + ": COMPLETED, SYNCED"),
                run.describe());
        assertTrue(run.out().endsWith("2 written, 39 unchanged, 1 conflicts, 1 held back, 0 failed, 0 invalid, "
                + "2 estimated write calls\r\n"), run.describe());
    }
}
