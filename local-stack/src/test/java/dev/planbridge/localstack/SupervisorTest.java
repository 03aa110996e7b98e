package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor against real processes ({@code sleep} children started like the stack's JVMs), killed with SIGKILL
 * as {@code kill -9} would: the dead one is started again after its back-off and counted; a dead data layer or a
 * process the launcher cannot start again stops the stack; {@code restart} requests are taken and answered.
 */
class SupervisorTest {

    @TempDir
    Path repo;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final SleepingStack stack = new SleepingStack();

    @AfterEach
    void stopChildren() {
        stack.children.values().forEach(child -> child.stop(Duration.ofSeconds(2)));
    }

    private StackPaths paths() {
        return StackPaths.forRepository(repo);
    }

    private Supervisor supervisor() {
        return new Supervisor(stack, paths(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldRestartAServiceKilledWithSigkillAndCountTheRestart() throws Exception {
        ChildProcess first = stack.start(StackProcess.CHANGE_FEED_SERVICE);
        first.pidHandle().destroyForcibly();
        first.pidHandle().onExit().get(5, TimeUnit.SECONDS);

        long begin = System.nanoTime();
        Optional<Integer> exit = supervisor().checkOnce();

        assertTrue(exit.isEmpty(), "the stack keeps running");
        ChildProcess second = stack.children.get(StackProcess.CHANGE_FEED_SERVICE);
        assertNotEquals(first.pid(), second.pid(), "a new instance runs");
        assertTrue(second.isAlive());
        assertTrue(System.nanoTime() - begin < Duration.ofSeconds(10).toNanos(), "restarted within 10 s");
        RestartRecord record = RestartRecord.read(paths().restartsFile(StackProcess.CHANGE_FEED_SERVICE)).orElseThrow();
        assertEquals(1, record.count());
        assertEquals("exit code 137", record.reason());
        String screen = printed.toString(StandardCharsets.UTF_8);
        assertTrue(screen.contains("change-feed-service stopped unexpectedly (exit code 137)"), screen);
        assertTrue(screen.contains("Restarting change-feed-service in 1 s (restart 1"), screen);
    }

    @Test
    void shouldBackOffLongerWhenTheSameProcessKeepsCrashing() throws Exception {
        ChildProcess first = stack.start(StackProcess.SYNC_SERVICE);
        first.pidHandle().destroyForcibly();
        first.pidHandle().onExit().get(5, TimeUnit.SECONDS);
        Supervisor supervisor = supervisor();
        supervisor.checkOnce();
        ChildProcess second = stack.children.get(StackProcess.SYNC_SERVICE);
        second.pidHandle().destroyForcibly();
        second.pidHandle().onExit().get(5, TimeUnit.SECONDS);

        supervisor.checkOnce();

        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Restarting sync-service in 2 s (restart 2"),
                printed.toString(StandardCharsets.UTF_8));
        assertEquals(2, RestartRecord.read(paths().restartsFile(StackProcess.SYNC_SERVICE)).orElseThrow().count());
    }

    @Test
    void shouldStopTheStackWhenKafkaDies() throws Exception {
        ChildProcess kafka = stack.start(StackProcess.KAFKA);
        kafka.pidHandle().destroyForcibly();
        kafka.pidHandle().onExit().get(5, TimeUnit.SECONDS);

        assertEquals(Optional.of(1), supervisor().checkOnce());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("The stack cannot run without kafka"));
        assertFalse(Files.exists(paths().restartsFile(StackProcess.KAFKA)), "no restart counted");
    }

    @Test
    void shouldStopTheStackWhenPostgresIsGone() {
        stack.postgresAlive = false;

        assertEquals(Optional.of(1), supervisor().checkOnce());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("PostgreSQL stopped unexpectedly"));
    }

    @Test
    void shouldRestartOnRequestAndAnswerTheRequester() throws Exception {
        ChildProcess first = stack.start(StackProcess.PLANNING_SERVICE);
        Files.createDirectories(paths().runDir());
        Files.writeString(paths().restartRequest(StackProcess.PLANNING_SERVICE), "now\n");

        assertTrue(supervisor().checkOnce().isEmpty());

        assertFalse(first.isAlive(), "the old instance was stopped");
        assertTrue(stack.children.get(StackProcess.PLANNING_SERVICE).isAlive(), "a new one runs");
        assertFalse(Files.exists(paths().restartRequest(StackProcess.PLANNING_SERVICE)), "the request is taken");
        assertEquals("ok", Files.readString(paths().restartOutcome(StackProcess.PLANNING_SERVICE)).strip());
        assertEquals("requested", RestartRecord.read(paths().restartsFile(StackProcess.PLANNING_SERVICE))
                .orElseThrow().reason());
    }

    @Test
    void shouldRefuseARestartRequestForTheDataLayer() throws Exception {
        Files.createDirectories(paths().runDir());
        Files.writeString(paths().restartRequest(StackProcess.KAFKA), "now\n");

        supervisor().checkOnce();

        assertTrue(Files.readString(paths().restartOutcome(StackProcess.KAFKA)).contains("cannot be restarted on its own"));
    }

    @Test
    void shouldRecordRestartsForStatus() {
        Path file = paths().restartsFile(StackProcess.SALESFORCE_EMULATOR);
        RestartRecord.increment(file, "exit code 1", Instant.parse("2026-12-07T20:00:00Z"));
        RestartRecord second = RestartRecord.increment(file, "exit\tcode\n137", Instant.parse("2026-12-07T20:01:00Z"));

        assertEquals(second, RestartRecord.read(file).orElseThrow());
        assertEquals("restarted 2 times, last at 2026-12-07T20:01:00Z (exit code 137)", second.describe());
    }

    /** Children are {@code sleep 600} processes; the emulator and the services can be started again, Kafka not. */
    private final class SleepingStack implements Supervisor.Supervised {
        final Map<StackProcess, ChildProcess> children = new EnumMap<>(StackProcess.class);
        boolean postgresAlive = true;

        ChildProcess start(StackProcess process) {
            ChildProcess child = ChildProcess.start(process, List.of("sleep", "600"), Map.of(), repo,
                    paths().log(process));
            children.put(process, child);
            return child;
        }

        @Override
        public Optional<ChildProcess> deadChild() {
            return children.values().stream().filter(c -> !c.isAlive()).findFirst();
        }

        @Override
        public Optional<ChildProcess> child(StackProcess process) {
            return Optional.ofNullable(children.get(process));
        }

        @Override
        public boolean canRelaunch(StackProcess process) {
            return !Set.of(StackProcess.POSTGRES, StackProcess.KAFKA).contains(process);
        }

        @Override
        public void relaunch(StackProcess process) {
            start(process);
        }

        @Override
        public boolean postgresAlive() {
            return postgresAlive;
        }

        @Override
        public boolean isStopping() {
            return false;
        }
    }
}
