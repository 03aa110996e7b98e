package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackControlTest {

    @TempDir
    Path repo;

    private Process fakeLauncher;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void stopFakeLauncher() throws InterruptedException {
        if (fakeLauncher != null) {
            fakeLauncher.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private StackControl control() {
        return new StackControl(StackPaths.forRepository(repo), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    /** A live process whose command line looks like the launcher's (sh's $0 is the marker). */
    private Process startFakeLauncher() throws IOException {
        return new ProcessBuilder("/bin/sh", "-c", "sleep 60", StackControl.LAUNCHER_MARKER).start();
    }

    @Test
    void shouldRefuseASecondUpWhileTheLauncherInThePidFileIsAlive() throws IOException {
        fakeLauncher = startFakeLauncher();
        control().stackPid().write(fakeLauncher.pid());

        StackException e = assertThrows(StackException.class, () -> control().requireNotRunning());

        assertTrue(e.getMessage().contains("already running (launcher pid " + fakeLauncher.pid()), e.getMessage());
        assertTrue(e.getMessage().contains("./planbridge down"), e.getMessage());
        assertTrue(Files.exists(StackPaths.forRepository(repo).stackPidFile()), "a live stack's pid file stays");
    }

    @Test
    void shouldTreatAPidFileOfADeadProcessAsStaleAndRemoveIt() throws Exception {
        Process gone = new ProcessBuilder("/bin/true").start();
        gone.waitFor(5, TimeUnit.SECONDS);
        control().stackPid().write(gone.pid());

        assertDoesNotThrow(() -> control().requireNotRunning());

        assertFalse(Files.exists(StackPaths.forRepository(repo).stackPidFile()));
    }

    @Test
    void shouldNotMistakeAReusedPidOfAnotherProgramForTheLauncher() throws IOException {
        fakeLauncher = new ProcessBuilder("/bin/sh", "-c", "sleep 60").start();
        control().stackPid().write(fakeLauncher.pid());

        assertDoesNotThrow(() -> control().requireNotRunning());
        assertTrue(fakeLauncher.isAlive(), "an unrelated process is never touched");
    }

    @Test
    void shouldIgnoreAGarbledPidFile() throws IOException {
        Path pidFile = StackPaths.forRepository(repo).stackPidFile();
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, "not a pid");

        assertDoesNotThrow(() -> control().requireNotRunning());
    }

    @Test
    void downShouldStopTheLauncherAndRemoveThePidFile() throws IOException {
        fakeLauncher = startFakeLauncher();
        control().stackPid().write(fakeLauncher.pid());

        assertEquals(0, control().down());

        assertFalse(fakeLauncher.isAlive());
        assertFalse(Files.exists(StackPaths.forRepository(repo).stackPidFile()));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("The local stack is stopped."));
    }

    @Test
    void downWithNothingRunningShouldSaySoAndSucceed() {
        assertEquals(0, control().down());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("No local stack is running"));
    }

    @Test
    void downShouldStopLeftoverChildrenOfAKilledLauncher() throws IOException {
        // A "broker" whose launcher was killed: only its pid file in .planbridge/run remains.
        Process orphan = new ProcessBuilder("/bin/sh", "-c", "sleep 60", "kafka.Kafka").start();
        try {
            new PidFile(StackPaths.forRepository(repo).childPidFile(StackProcess.KAFKA)).write(orphan.pid());

            assertEquals(0, control().down());

            assertFalse(orphan.isAlive());
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Stopping leftover kafka"));
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void statusShouldSayNothingRunsWithExitCode3() {
        assertEquals(3, control().status(StackPorts.standard()));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("No local stack is running."));
    }

    @Test
    void logsShouldExplainWhenAProcessHasNoLogYet() {
        StackException e = assertThrows(StackException.class, () -> control().logs("kafka", 10));
        assertTrue(e.getMessage().contains("No log for kafka yet"), e.getMessage());
    }

    @Test
    void logsShouldPrintTheLastLines() throws IOException {
        Path log = StackPaths.forRepository(repo).log(StackProcess.SYNC_SERVICE);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "one\ntwo\nthree\n");

        assertEquals(0, control().logs("sync-service", 2));

        assertEquals("two\nthree\n", printed.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }
}
