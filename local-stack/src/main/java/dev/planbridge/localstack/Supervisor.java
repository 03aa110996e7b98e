package dev.planbridge.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a running stack running, as Kubernetes or compose would: the emulator or a service that exits on its own is
 * started again after a back-off (1 s, doubling to 30 s while it keeps crashing), each restart logged on the launcher's
 * output and counted for {@code status}. PostgreSQL or Kafka dying stops the stack with a clear message instead: the
 * services' state lives there, and a half-restarted data layer would hide data loss. {@code restart <process>} asks
 * for a restart through a request file that this loop takes.
 */
public final class Supervisor {

    /** What the supervisor needs of a running stack ({@link Stack}; a test double in the unit tests). */
    public interface Supervised {
        Optional<ChildProcess> deadChild();

        Optional<ChildProcess> child(StackProcess process);

        boolean canRelaunch(StackProcess process);

        void relaunch(StackProcess process);

        boolean postgresAlive();

        boolean isStopping();
    }

    static final Duration POLL = Duration.ofMillis(500);
    private static final int LOG_LINES = 20;

    private final Supervised stack;
    private final StackPaths paths;
    private final PrintStream out;
    private final Map<StackProcess, RestartBackoff> backoffs = new EnumMap<>(StackProcess.class);

    public Supervisor(Supervised stack, StackPaths paths, PrintStream out) {
        this.stack = stack;
        this.paths = paths;
        this.out = out;
    }

    /** Watches until the stack stops (returns 0) or its data layer dies (returns 1). */
    public int watch() {
        while (!stack.isStopping()) {
            Optional<Integer> exit = checkOnce();
            if (exit.isPresent()) {
                return exit.get();
            }
            Readiness.sleep(POLL);
        }
        return 0;
    }

    /** One round: restart requests first, then the dead. Empty while the stack should keep running. */
    Optional<Integer> checkOnce() {
        if (!stack.postgresAlive()) {
            out.println("PostgreSQL stopped unexpectedly (its postmaster is gone; see " + paths.display(
                    paths.log(StackProcess.POSTGRES)) + "). The services' data lives there: stopping the stack.");
            out.flush();
            return Optional.of(1);
        }
        for (StackProcess process : StackProcess.values()) {
            if (Files.isRegularFile(paths.restartRequest(process))) {
                restartOnRequest(process);
            }
        }
        Optional<ChildProcess> dead = stack.deadChild();
        if (dead.isEmpty() || stack.isStopping()) {
            return Optional.empty();
        }
        ChildProcess child = dead.get();
        String name = child.name().processName();
        out.println(name + " stopped unexpectedly (exit code " + child.exitValue() + "). Last lines of "
                + paths.display(child.log()) + ":");
        ChildProcess.tail(child.log(), LOG_LINES).forEach(line -> out.println("  | " + line));
        if (!stack.canRelaunch(child.name())) {
            out.println("The stack cannot run without " + name + ": stopping the rest of the stack.");
            out.flush();
            return Optional.of(1);
        }
        Duration delay = backoffs.computeIfAbsent(child.name(), p -> new RestartBackoff())
                .delayFor(child.startedAt(), Instant.now());
        RestartRecord record = RestartRecord.increment(paths.restartsFile(child.name()),
                "exit code " + child.exitValue(), Instant.now());
        out.printf("Restarting %s in %d s (restart %d; ./planbridge status shows the count).%n", name,
                delay.toSeconds(), record.count());
        out.flush();
        Readiness.sleep(delay);
        relaunch(child.name());
        return Optional.empty();
    }

    private void restartOnRequest(StackProcess process) {
        String outcome;
        if (!stack.canRelaunch(process)) {
            outcome = process.processName() + " cannot be restarted on its own: the services keep their data in it."
                    + " Use ./planbridge down, then ./planbridge up.";
        } else {
            out.println("Restarting " + process.processName() + " on request (./planbridge restart) ...");
            stack.child(process).ifPresent(child -> child.stop(Stack.STOP_GRACE));
            RestartRecord.increment(paths.restartsFile(process), "requested", Instant.now());
            outcome = relaunch(process) ? "ok" : process.processName() + " did not come back: see "
                    + paths.display(paths.log(process));
        }
        try {
            Files.writeString(paths.restartOutcome(process), outcome + "\n", StandardCharsets.UTF_8);
            Files.deleteIfExists(paths.restartRequest(process));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process again and waits until it is ready; a failure is reported and retried by the next round. */
    private boolean relaunch(StackProcess process) {
        long begin = System.nanoTime();
        try {
            stack.relaunch(process);
            out.printf("  %s is back, ready in %.1f s%n", process.processName(), (System.nanoTime() - begin) / 1e9);
            out.flush();
            return true;
        } catch (StackException e) {
            if (!stack.isStopping()) {
                out.println("  " + process.processName() + " did not come back: " + e.getMessage().lines().findFirst()
                        .orElse("") + " (the launcher tries again after a pause)");
                out.flush();
            }
            return false;
        }
    }
}
