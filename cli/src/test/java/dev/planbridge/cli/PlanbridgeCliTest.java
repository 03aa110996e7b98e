package dev.planbridge.cli;

import static dev.planbridge.cli.PlanCommandsTest.PLAN_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.cli.RecordingServer.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlanbridgeCli#execute} hands back everything it printed, on writers that buffer like the process's own
 * (issue 25: a table written with {@code print} stayed in the buffer and {@code main}'s System.exit dropped it).
 * The packaged jar itself is tested by the *ProcessIT tests.
 */
class PlanbridgeCliTest {

    private RecordingServer planning;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        planning = new RecordingServer();
    }

    @AfterEach
    void stop() {
        planning.close();
    }

    /** Like main's writers: an encoder buffer between the writer and the bytes, auto-flush only on println. */
    private int execute(String... args) {
        return PlanbridgeCli.execute(new PrintWriter(new OutputStreamWriter(outBytes, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(errBytes, StandardCharsets.UTF_8), true), args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldFlushATablePrintedWithoutANewlineCall() {
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/reports/balancer", Answer.json(200, PlanReportCommandsTest.BALANCER));
        int exit = execute("plan", "report", "balancer", PLAN_ID, "--planning-url", planning.url());
        assertEquals(ExitCodes.OK, exit, err());
        assertTrue(out().startsWith("TERRITORY  NAME"), out());
        assertTrue(out().endsWith("siblings flagged beyond ±25% of their mean\n"), out());
    }

    @Test
    void shouldFlushWhatWasPrintedBeforeAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("territory-types.csv"), "key,label,priority\ngeo,Geography,1\n");
        Files.writeString(dir.resolve("territories.csv"), "key,name,typeKey\nAMER,Americas,nope\n");
        planning.on("GET /api/v1/plans/" + PLAN_ID, Answer.json(200, PlanCommandsTest.plan("DRAFT", 1),
                Map.of("ETag", "\"1\"")));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/imports/territory-types?file=territory-types.csv",
                Answer.json(200, "{\"rows\":1,\"planVersion\":2}", Map.of("ETag", "\"2\"")));
        planning.on("POST /api/v1/plans/" + PLAN_ID + "/imports/territories?file=territories.csv",
                Answer.problem(400, "Invalid input", "1 row refused"));
        int exit = execute("plan", "import", PLAN_ID, dir.toString(), "--planning-url", planning.url());
        assertEquals(ExitCodes.REJECTED, exit);
        assertTrue(out().endsWith("\nterritory-types.csv  territory-types     1             2\n"), out());
        assertEquals("planbridge: Invalid input: 1 row refused (in territories.csv; the files above were imported)\n",
                err());
    }

    @Test
    void shouldReportOutputThatCouldNotBeWritten() {
        planning.on("GET /api/v1/plans/" + PLAN_ID + "/exports/quotas", Answer.text("text/csv", "h\r\nquotas\r\n"));
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        int exit = PlanbridgeCli.execute(new PrintWriter(new OutputStreamWriter(full, StandardCharsets.UTF_8), true),
                new PrintWriter(err), "plan", "export", PLAN_ID, "quotas", "--planning-url", planning.url());
        assertEquals(ExitCodes.OUTPUT_FAILED, exit, err.toString());
        assertEquals("planbridge: could not write all of the output (standard output closed, or the disk full)\n",
                err.toString());
    }

    @Test
    void shouldSendAMissingGroupCommandToTheGivenErrorWriterWithItsFullName() {
        // regression: the groups built a new CommandLine for the error, which wrote to System.err as "Try: feed --help"
        StringWriter err = new StringWriter();
        int exit = PlanbridgeCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "feed");
        assertEquals(ExitCodes.USAGE, exit);
        assertEquals("planbridge: Name a feed command: tail\nTry: planbridge feed --help\n", err.toString());
        StringWriter rootErr = new StringWriter();
        assertEquals(ExitCodes.USAGE, PlanbridgeCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(rootErr)));
        assertEquals("planbridge: Name a command group: plan, push, conflicts, feed\nTry: planbridge --help\n",
                rootErr.toString());
    }
}
