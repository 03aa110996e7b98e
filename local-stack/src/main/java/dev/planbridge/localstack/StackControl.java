package dev.planbridge.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's bookkeeping around a running stack: the pid file that makes a second {@code up} fail clearly, and
 * the leftovers {@code down} cleans up after a launcher that was killed.
 */
public final class StackControl {

    /** What each child's command line contains, so a reused pid is never mistaken for one of ours. */
    static final Map<StackProcess, String> COMMAND_MARKERS = Map.of(
            StackProcess.POSTGRES, "postgres",
            StackProcess.KAFKA, "kafka.Kafka",
            StackProcess.SALESFORCE_EMULATOR, "salesforce-emulator",
            StackProcess.PLANNING_SERVICE, JavaCommand.PROCESS_PROPERTY + "planning-service",
            StackProcess.CHANGE_FEED_SERVICE, JavaCommand.PROCESS_PROPERTY + "change-feed-service",
            StackProcess.SYNC_SERVICE, JavaCommand.PROCESS_PROPERTY + "sync-service");
    static final String LAUNCHER_MARKER = "dev.planbridge.localstack.LocalStack";
    static final String LAUNCHER_JAR_MARKER = "local-stack";

    private final StackPaths paths;
    private final PrintStream out;

    public StackControl(StackPaths paths, PrintStream out) {
        this.paths = paths;
        this.out = out;
    }

    public PidFile stackPid() {
        return new PidFile(paths.stackPidFile());
    }

    /** The running launcher, if the pid file names a live launcher process; a stale pid file is removed. */
    public Optional<ProcessHandle> runningLauncher() {
        PidFile pidFile = stackPid();
        Optional<ProcessHandle> live = pidFile.liveProcess().filter(StackControl::isLauncher);
        if (live.isEmpty() && pidFile.read().isPresent()) {
            pidFile.delete();
        }
        return live;
    }

    /** Fails with one clear message when a stack already runs from this folder. */
    public void requireNotRunning() {
        runningLauncher().ifPresent(launcher -> {
            throw new StackException("A local stack is already running (launcher pid " + launcher.pid() + ", pid file "
                    + paths.display(paths.stackPidFile()) + "). Use ./planbridge status to see it, or"
                    + " ./planbridge down to stop it before starting again.");
        });
    }

    static boolean isLauncher(ProcessHandle process) {
        String command = commandLine(process);
        // An unreadable command line (another user's process) counts as ours: never start a second stack over it.
        return command.isEmpty() || command.contains(LAUNCHER_MARKER) || command.contains(LAUNCHER_JAR_MARKER);
    }

    static String commandLine(ProcessHandle process) {
        Path cmdline = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException e) {
            // fall through to what the JDK knows
        }
        ProcessHandle.Info info = process.info();
        return info.commandLine().orElse(info.command().orElse(""));
    }

    /** Live leftover child processes recorded in .planbridge/run (or PostgreSQL's own postmaster.pid). */
    public Map<StackProcess, ProcessHandle> leftovers() {
        Map<StackProcess, ProcessHandle> found = new java.util.EnumMap<>(StackProcess.class);
        for (Map.Entry<StackProcess, String> entry : COMMAND_MARKERS.entrySet()) {
            Optional<Long> pid = new PidFile(paths.childPidFile(entry.getKey())).read();
            if (entry.getKey() == StackProcess.POSTGRES && pid.isEmpty()) {
                pid = PostgresServer.postmasterPid(paths.postgresData());
            }
            pid.flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> commandLine(p).contains(entry.getValue()))
                    .ifPresent(p -> found.put(entry.getKey(), p));
        }
        return found;
    }

    /** {@code down}: stops the launcher (which stops its children in order), then anything it left behind. */
    public int down() {
        Optional<ProcessHandle> launcher = runningLauncher();
        boolean stoppedSomething = false;
        if (launcher.isPresent()) {
            out.println("Stopping the local stack (launcher pid " + launcher.get().pid() + ") ...");
            ChildProcess.stop(launcher.get(), Stack.LAUNCHER_STOP_GRACE);
            stoppedSomething = true;
        }
        // Reverse start order, as the launcher would.
        Map<StackProcess, ProcessHandle> leftovers = leftovers();
        List<StackProcess> order = List.of(StackProcess.SYNC_SERVICE, StackProcess.CHANGE_FEED_SERVICE,
                StackProcess.PLANNING_SERVICE, StackProcess.SALESFORCE_EMULATOR, StackProcess.KAFKA,
                StackProcess.POSTGRES);
        for (StackProcess process : order) {
            ProcessHandle handle = leftovers.get(process);
            if (handle != null && handle.isAlive()) {
                out.println("Stopping leftover " + process.processName() + " (pid " + handle.pid() + ") ...");
                ChildProcess.stop(handle, Stack.STOP_GRACE);
                stoppedSomething = true;
            }
        }
        cleanBookkeeping();
        out.println(stoppedSomething ? "The local stack is stopped." : "No local stack is running; nothing to stop.");
        return 0;
    }

    public void cleanBookkeeping() {
        try {
            for (StackProcess process : StackProcess.values()) {
                Files.deleteIfExists(paths.childPidFile(process));
            }
            Files.deleteIfExists(paths.stackPidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        forgetRestarts();
    }

    /** Restart counts and requests belong to one run of the stack. */
    public void forgetRestarts() {
        try {
            for (StackProcess process : StackProcess.values()) {
                Files.deleteIfExists(paths.restartsFile(process));
                Files.deleteIfExists(paths.restartRequest(process));
                Files.deleteIfExists(paths.restartOutcome(process));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code status}: one line per process. Exit 0 when the stack runs, 3 when it does not. */
    public int status(StackPorts ports) {
        Optional<ProcessHandle> launcher = runningLauncher();
        out.println(launcher.map(p -> "The local stack is running (launcher pid " + p.pid() + ").")
                .orElse("No local stack is running."));
        Map<StackProcess, ProcessHandle> running = leftovers();
        for (StackProcess process : List.of(StackProcess.POSTGRES, StackProcess.KAFKA, StackProcess.SALESFORCE_EMULATOR,
                StackProcess.PLANNING_SERVICE, StackProcess.CHANGE_FEED_SERVICE, StackProcess.SYNC_SERVICE)) {
            ProcessHandle handle = running.get(process);
            String state = handle == null ? "not running" : "pid " + handle.pid() + ", " + (probe(process, ports)
                    ? "ready" : "not ready");
            String restarts = RestartRecord.read(paths.restartsFile(process)).map(r -> "; " + r.describe()).orElse("");
            out.printf("  %-20s %s%s%n", process.processName(), state, restarts);
        }
        if (launcher.isEmpty() && !running.isEmpty()) {
            out.println("Some processes are left over from a launcher that is gone: run ./planbridge down.");
        }
        return launcher.isPresent() ? 0 : 3;
    }

    private static boolean probe(StackProcess process, StackPorts ports) {
        return switch (process) {
            case POSTGRES -> Readiness.accepts("127.0.0.1", ports.postgres());
            case KAFKA -> Readiness.accepts("127.0.0.1", ports.kafka());
            case SALESFORCE_EMULATOR -> Readiness.httpOk("http://127.0.0.1:" + ports.emulatorHttp() + "/q/health/ready");
            case PLANNING_SERVICE -> Readiness.httpOk("http://127.0.0.1:" + ports.planning() + "/q/health/ready");
            case CHANGE_FEED_SERVICE -> Readiness.httpOk("http://127.0.0.1:" + ports.changeFeed() + "/q/health/ready");
            case SYNC_SERVICE -> Readiness.httpOk("http://127.0.0.1:" + ports.sync() + "/q/health/ready");
            case LAUNCHER -> true;
        };
    }

    /** How long {@code restart} waits for the launcher to stop the process and see its new instance ready. */
    static final Duration RESTART_WAIT = Duration.ofSeconds(200);

    /**
     * {@code restart <process>}: asks the running launcher (which owns the children) to stop and start one process, and
     * waits for its answer. Exit 0 when the process is back and ready, 1 when not, 3 when no stack runs.
     */
    public int restart(String processName) {
        StackProcess process = StackProcess.valueOf(processName.toUpperCase().replace('-', '_'));
        if (process == StackProcess.POSTGRES || process == StackProcess.KAFKA || process == StackProcess.LAUNCHER) {
            throw new StackException(processName + " is not restarted on its own: the services keep their data in it."
                    + " Use ./planbridge down, then ./planbridge up.", Command.USAGE_EXIT);
        }
        if (runningLauncher().isEmpty()) {
            out.println("No local stack is running: start it with ./planbridge up.");
            return 3;
        }
        try {
            Files.deleteIfExists(paths.restartOutcome(process));
            Files.createDirectories(paths.runDir());
            Files.writeString(paths.restartRequest(process), Instant.now() + "\n", StandardCharsets.UTF_8);
            out.println("Asked the launcher to restart " + processName + " ...");
            long deadline = System.nanoTime() + RESTART_WAIT.toNanos();
            while (!Files.isRegularFile(paths.restartOutcome(process))) {
                if (System.nanoTime() > deadline || runningLauncher().isEmpty()) {
                    Files.deleteIfExists(paths.restartRequest(process));
                    out.println(processName + " was not restarted within " + RESTART_WAIT.toSeconds() + " s; see "
                            + paths.display(paths.log(StackProcess.LAUNCHER)) + " or the launcher's terminal.");
                    return 1;
                }
                Readiness.sleep(Supervisor.POLL);
            }
            String outcome = Files.readString(paths.restartOutcome(process), StandardCharsets.UTF_8).strip();
            Files.deleteIfExists(paths.restartOutcome(process));
            out.println("ok".equals(outcome) ? processName + " restarted and ready." : outcome);
            return "ok".equals(outcome) ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code logs <process>}: the last lines of its log file. */
    public int logs(String processName, int lines) {
        StackProcess process = StackProcess.valueOf(processName.toUpperCase().replace('-', '_'));
        Path log = paths.log(process);
        if (!Files.isRegularFile(log)) {
            throw new StackException("No log for " + processName + " yet (" + paths.display(log)
                    + "): it is written once ./planbridge up has started that process.");
        }
        ChildProcess.tail(log, lines).forEach(out::println);
        return 0;
    }
}
