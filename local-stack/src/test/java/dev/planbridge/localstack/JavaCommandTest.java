package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandTest {

    @TempDir
    Path app;

    @Test
    void shouldUseTheClassDataArchiveOnlyWhenTheBuildMadeOne() throws IOException {
        Path runJar = Files.createFile(app.resolve("quarkus-run.jar"));

        List<String> plain = JavaCommand.quarkusService(runJar, StackProcess.SYNC_SERVICE);
        assertFalse(plain.stream().anyMatch(arg -> arg.startsWith("-XX:SharedArchiveFile")), plain.toString());
        assertEquals(List.of("-jar", "quarkus-run.jar"), plain.subList(plain.size() - 2, plain.size()),
                "relative to quarkus-app/, the working directory the archive's class path is recorded against");

        Files.createFile(app.resolve("app-cds.jsa"));
        List<String> withArchive = JavaCommand.quarkusService(runJar, StackProcess.SYNC_SERVICE);
        assertTrue(withArchive.contains("-XX:SharedArchiveFile=app-cds.jsa"), withArchive.toString());
        assertTrue(withArchive.indexOf("-Xshare:auto") < withArchive.indexOf("-jar"), "JVM flags come before -jar");
    }

    @Test
    void shouldNameEachServiceOnItsCommandLineSoStatusAndDownRecogniseIt() throws IOException {
        Path runJar = Files.createFile(app.resolve("quarkus-run.jar"));
        for (StackProcess service : List.of(StackProcess.PLANNING_SERVICE, StackProcess.CHANGE_FEED_SERVICE,
                StackProcess.SYNC_SERVICE)) {
            String commandLine = String.join(" ", JavaCommand.quarkusService(runJar, service));
            assertTrue(commandLine.contains(StackControl.COMMAND_MARKERS.get(service)), commandLine);
            StackControl.COMMAND_MARKERS.forEach((other, marker) -> assertTrue(other == service
                    || !commandLine.contains(marker), other + "'s marker must not match " + commandLine));
        }
    }
}
