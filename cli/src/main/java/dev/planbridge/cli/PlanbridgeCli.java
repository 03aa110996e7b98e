package dev.planbridge.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code planbridge <group> <command>}: the sales-ops command line. Errors are one line; exit codes in {@link ExitCodes}. */
@Command(name = "planbridge", mixinStandardHelpOptions = true, version = "Planbridge CLI 0.1.0",
        scope = CommandLine.ScopeType.INHERIT,
        description = "Plans, reports, pushes and the live CRM feed from a terminal.",
        subcommands = {PlanCommands.class, PushCommands.class, ConflictCommands.class, PlanbridgeCli.Feed.class})
public class PlanbridgeCli implements Runnable {

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Name a command group: plan, push, conflicts, feed");
    }

    @Command(name = "feed", description = "The CRM modification feed.", subcommands = {FeedTailCommand.class})
    static class Feed implements Runnable {
        @Override
        public void run() {
            throw new CommandLine.ParameterException(new CommandLine(this), "Name a feed command: tail");
        }
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new PlanbridgeCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(PlanbridgeCli::exitCodeOf);
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            line.getErr().println("planbridge: " + error.getMessage());
            return exitCodeOf(error);
        });
        commandLine.setParameterExceptionHandler((error, args2) -> {
            error.getCommandLine().getErr().println("planbridge: " + error.getMessage());
            error.getCommandLine().getErr().println("Try: " + error.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return ExitCodes.USAGE;
        });
        return commandLine.execute(args);
    }

    static int exitCodeOf(Throwable error) {
        if (error instanceof ApiException api) {
            return api.exitCode();
        }
        if (error instanceof ApiClient.UnreachableException) {
            return ExitCodes.UNREACHABLE;
        }
        if (error instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.SERVICE_FAILED;
    }
}
