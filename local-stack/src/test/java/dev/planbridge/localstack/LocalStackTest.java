package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path repo;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private LocalStack launcher(StackPorts ports) {
        return new LocalStack(StackPaths.forRepository(repo), ports,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private static StackPorts freePorts() throws IOException {
        return new StackPorts(PortGuardTest.freePort(), PortGuardTest.freePort(), PortGuardTest.freePort(),
                PortGuardTest.freePort(), PortGuardTest.freePort(), PortGuardTest.freePort(), PortGuardTest.freePort(),
                PortGuardTest.freePort());
    }

    @Test
    void upShouldStartNothingWhenAPortIsTaken() throws IOException {
        StackPorts free = freePorts();
        try (ServerSocket kafkaPortTaken = new ServerSocket(0)) {
            StackPorts ports = new StackPorts(free.postgres(), kafkaPortTaken.getLocalPort(), free.kafkaController(),
                    free.emulatorHttp(), free.emulatorHttps(), free.planning(), free.changeFeed(), free.sync());

            StackException e = assertThrows(StackException.class, () -> launcher(ports).run(Command.parse("up")));

            assertTrue(e.getMessage().contains("Port " + kafkaPortTaken.getLocalPort() + " (Kafka broker)"), e.getMessage());
            assertEquals(1, e.exitCode());
            assertFalse(Files.exists(repo.resolve(".planbridge/stack.pid")), "nothing was started or recorded");
            assertFalse(Files.exists(repo.resolve(".planbridge/postgres")));
        }
    }

    @Test
    void upShouldSayWhatIsNotBuiltBeforeStartingAnything() throws IOException {
        StackException e = assertThrows(StackException.class, () -> launcher(freePorts()).run(Command.parse("up")));

        assertTrue(e.getMessage().startsWith("Not built yet: salesforce-emulator/target/salesforce-emulator.jar"),
                e.getMessage());
        assertFalse(Files.exists(repo.resolve(".planbridge/stack.pid")));
    }

    @Test
    void demoShouldCheckLikeUpBeforeStartingAnything() throws IOException {
        StackException e = assertThrows(StackException.class,
                () -> launcher(freePorts()).run(Command.parse("demo", "--exit")));

        assertTrue(e.getMessage().startsWith("Not built yet: salesforce-emulator/target/salesforce-emulator.jar"),
                e.getMessage());
        assertFalse(Files.exists(repo.resolve(".planbridge/stack.pid")));
    }

    @Test
    void helpShouldListEveryCommand() throws IOException {
        assertEquals(0, launcher(freePorts()).run(Command.parse("help")));

        String usage = printed.toString(StandardCharsets.UTF_8);
        for (String command : new String[] {"up [--detach]", "down", "status", "logs <process>", "demo"}) {
            assertTrue(usage.contains(command), command + " missing from\n" + usage);
        }
    }
}
