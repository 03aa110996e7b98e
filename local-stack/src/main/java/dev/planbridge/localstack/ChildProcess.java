package dev.planbridge.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process of the stack (a JVM), its output appended to one log file. It runs in its own session (setsid) so a
 * Ctrl-C in the terminal reaches only the launcher, which then stops the processes in reverse order.
 */
public final class ChildProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final StackProcess name;
    private final Process process;
    private final Path log;
    private final Instant startedAt = Instant.now();

    private ChildProcess(StackProcess name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} with {@code extraEnvironment} added to the launcher's environment. The environment is
     * never printed: it carries credentials.
     */
    public static ChildProcess start(StackProcess name, List<String> command, Map<String, String> extraEnvironment,
                                     Path workingDir, Path log) {
        List<String> fullCommand = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            fullCommand.add(SETSID.toString());
        }
        fullCommand.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "==== " + name.processName() + " starting at " + Instant.now() + " ====\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(fullCommand)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(extraEnvironment);
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new StackException("Cannot start " + name.processName() + ": " + e.getMessage());
        }
    }

    public StackProcess name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The operating-system process, e.g. for a test that kills it as {@code kill -9} would. */
    public ProcessHandle pidHandle() {
        return process.toHandle();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Asks the process to stop (SIGTERM) without waiting, so several processes can wind down at once. */
    public void requestStop() {
        process.toHandle().destroy();
    }

    /**
     * Asks the process to stop (SIGTERM), then kills it and anything it started after {@code grace}. Returns true when
     * it exited on its own within the grace.
     */
    public boolean stop(Duration grace) {
        return stop(process.toHandle(), grace);
    }

    static boolean stop(ProcessHandle handle, Duration grace) {
        List<ProcessHandle> descendants = handle.descendants().toList();
        handle.destroy();
        boolean exited = true;
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            exited = false;
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's "still running" check
            }
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return exited;
    }

    /** The last {@code count} lines of the log, to show why a process died. */
    public static List<String> tail(Path log, int count) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            try {
                List<String> lines = List.of(new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1).split("\n"));
                return lines.subList(Math.max(0, lines.size() - count), lines.size());
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }
}
