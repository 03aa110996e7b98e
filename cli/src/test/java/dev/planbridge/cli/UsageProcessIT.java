package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.cli.CliProcess.Result;
import dev.planbridge.cli.CliProcess.Stdout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI's help, version and usage errors: help on stdout, errors on stderr, exit codes 0 and 2. */
@Timeout(300)
@EnabledIfSystemProperty(named = CliProcess.JAR_PROPERTY, matches = ".+", disabledReason = CliProcess.ONLY_IN_VERIFY)
class UsageProcessIT {

    @TempDir
    Path dir;

    private Result run(String... args) {
        return CliProcess.withDemoTokens(dir).run(Stdout.PIPE, Map.of(), List.of(args));
    }

    @Test
    void shouldPrintHelpAndVersionOnStdout() {
        Result help = run("--help");
        assertEquals(ExitCodes.OK, help.exit(), help.describe());
        assertTrue(help.out().startsWith("Usage: planbridge [-hV] [COMMAND]\n"), help.describe());
        assertTrue(help.out().contains("\n  feed       The CRM modification feed.\n"), help.describe());
        assertEquals("", help.err());

        Result commandHelp = run("plan", "report", "balancer", "--help");
        assertEquals(ExitCodes.OK, commandHelp.exit(), commandHelp.describe());
        assertTrue(commandHelp.out().startsWith("Usage: planbridge plan report balancer "), commandHelp.describe());

        Result version = run("--version");
        assertEquals("Planbridge CLI 0.1.0\n", version.out(), version.describe());
        assertEquals(ExitCodes.OK, version.exit());
    }

    @Test
    void shouldNameTheMissingCommandOfEveryGroupOnStderr() {
        Map<List<String>, String> expected = Map.of(
                List.of(), "planbridge: Name a command group: plan, push, conflicts, feed\nTry: planbridge --help\n",
                List.of("push"), "planbridge: Name a push command: dry-run, apply, status, undo, follow-up\n"
                        + "Try: planbridge push --help\n",
                List.of("conflicts"), "planbridge: Name a conflicts command: list, resolve\nTry: planbridge conflicts --help\n",
                List.of("feed"), "planbridge: Name a feed command: tail\nTry: planbridge feed --help\n",
                List.of("plan", "report"), "planbridge: Name a report: balancer, disruption, crm-changes, health\n"
                        + "Try: planbridge plan report --help\n");
        expected.forEach((args, err) -> {
            Result run = run(args.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, run.exit(), args + ": " + run.describe());
            assertEquals(err, run.err(), args + ": " + run.describe());
            assertEquals("", run.out(), args + ": " + run.describe());
        });
    }

    @Test
    void shouldRefuseUnknownOptionsAndMissingParameters() {
        Result unknown = run("feed", "tail", "--nope");
        assertEquals(ExitCodes.USAGE, unknown.exit(), unknown.describe());
        assertEquals("planbridge: Unknown option: '--nope'\nTry: planbridge feed tail --help\n", unknown.err());

        Result missing = run("plan", "import");
        assertEquals(ExitCodes.USAGE, missing.exit(), missing.describe());
        assertTrue(missing.err().startsWith("planbridge: Missing required parameters: 'PLAN', 'DIR_OR_CSV'\n"),
                missing.describe());
        assertEquals("", missing.out());
    }
}
