package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPreflightTest {

    @TempDir
    Path repo;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private Stack emulatorOnly() throws IOException {
        StackPorts ports = new StackPorts(PortGuardTest.freePort(), PortGuardTest.freePort(), PortGuardTest.freePort(),
                PortGuardTest.freePort(), PortGuardTest.freePort(), PortGuardTest.freePort(), PortGuardTest.freePort(),
                PortGuardTest.freePort());
        return new Stack(StackPaths.forRepository(repo), ports, Command.OrgSize.DEMO,
                EnumSet.of(StackProcess.SALESFORCE_EMULATOR), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    /** A stand-in Maven wrapper: the real build is far too slow for a unit test. */
    private void wrapper(String script) throws IOException {
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Path mvnw = repo.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void shouldBuildWhatIsMissingInASourceCheckout() throws IOException {
        wrapper("mkdir -p salesforce-emulator/target && touch salesforce-emulator/target/salesforce-emulator.jar");

        assertDoesNotThrow(emulatorOnly()::preflight);

        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Building Planbridge (./mvnw -q -B -ntp -DskipTests install)"));
        assertTrue(Files.exists(StackPaths.forRepository(repo).emulatorJar()));
    }

    @Test
    void shouldReportAFailedBuildAndStartNothing() throws IOException {
        wrapper("exit 3");

        StackException e = assertThrows(StackException.class, emulatorOnly()::preflight);

        assertTrue(e.getMessage().startsWith("The build failed (exit 3"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was started"), e.getMessage());
    }

    @Test
    void shouldNotBuildWhenEverythingIsThere() throws IOException {
        wrapper("exit 1");
        Path jar = StackPaths.forRepository(repo).emulatorJar();
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "built");

        assertDoesNotThrow(emulatorOnly()::preflight);

        assertTrue(printed.toString(StandardCharsets.UTF_8).isEmpty());
    }

    @Test
    void shouldKeepTheEmulatorsOrgInAFilePerOrgSizeSoARestartedStackFindsTheCrmItsDatabasesRemember() {
        StackPaths paths = StackPaths.forRepository(repo);
        Path demoOrg = paths.emulatorOrg(Command.OrgSize.DEMO);
        assertEquals(repo.resolve(".planbridge/emulator/org-5000-60-42.json.gz"), demoOrg);
        assertNotEquals(demoOrg, paths.emulatorOrg(new Command.OrgSize(100_000, 60, 42)), "another size, another org");

        List<String> arguments = Stack.emulatorArguments(new StackPorts(1, 2, 3, 8090, 8443, 4, 5, 6),
                Command.OrgSize.DEMO, demoOrg);
        assertEquals(List.of("--snapshot-file", demoOrg.toString()),
                arguments.subList(arguments.size() - 2, arguments.size()));
        assertTrue(arguments.containsAll(List.of("--accounts", "5000", "--users", "60", "--seed", "42")),
                "generated from these on the first start");
    }
}
