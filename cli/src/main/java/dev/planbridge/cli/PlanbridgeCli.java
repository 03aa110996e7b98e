package dev.planbridge.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code planbridge <group> <command>}: the sales-ops command line. Errors are one line; exit codes in {@link ExitCodes}. */
@Command(name = "planbridge", mixinStandardHelpOptions = true, version = "Planbridge CLI 0.1.0",
        scope = CommandLine.ScopeType.INHERIT,
        description = "Plans, reports, pushes and the live CRM feed from a terminal.",
        subcommands = {PlanCommands.class, PushCommands.class, ConflictCommands.class, PlanbridgeCli.Feed.class})
public class PlanbridgeCli implements Runnable {

    // the running command line, not a new one: its name ("planbridge feed") and its writers go into the usage error
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command group: plan, push, conflicts, feed");
    }

    @Command(name = "feed", description = "The CRM modification feed.", subcommands = {FeedTailCommand.class})
    static class Feed implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Name a feed command: tail");
        }
    }

    public static void main(String[] args) {
        int exit = execute(utf8(FileDescriptor.out), utf8(FileDescriptor.err), args);
        System.exit(exit);
    }

    /**
     * UTF-8 whatever the locale: under a POSIX locale Java 17 would encode as ASCII and turn "Zürich" in an exported
     * CSV into "Z?rich". Straight onto the file descriptor, not System.out, whose PrintStream would swallow a failed
     * write before the PrintWriter's checkError could see it. Auto-flush keeps line-by-line output (feed tail) prompt.
     */
    private static PrintWriter utf8(FileDescriptor descriptor) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(descriptor), StandardCharsets.UTF_8), true);
    }

    /**
     * Runs one command line. Whatever the command printed is flushed before this returns, on every path (done, error,
     * usage): commands print tables with {@code print}, which auto-flush ignores, and {@link #main} exits right after.
     * A PrintWriter swallows write errors, so a lost output is reported here instead of passing as success.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        int exit;
        try {
            exit = commandLine(out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
        if (out.checkError()) {
            err.println("planbridge: could not write all of the output (standard output closed, or the disk full)");
            err.flush();
            return exit == ExitCodes.OK ? ExitCodes.OUTPUT_FAILED : exit;
        }
        return exit;
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err) {
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
        return commandLine;
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
