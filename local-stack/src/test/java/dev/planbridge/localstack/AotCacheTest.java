package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    private static final String THIS_JDK = "25.0.3+9-LTS";

    @TempDir
    Path target;

    private Path fastJar;
    private Path aotDirectory;
    private Path aotRunJar;

    @BeforeEach
    void packaged() throws IOException {
        fastJar = Files.createDirectories(target.resolve("quarkus-app")).resolve("quarkus-run.jar");
        aotDirectory = Files.createDirectories(target.resolve(AotCache.DIRECTORY));
        aotRunJar = aotDirectory.resolve("quarkus-run.jar");
        Files.writeString(fastJar, "fast");
        Files.writeString(aotRunJar, "aot");
        age(fastJar, 100);
        age(aotRunJar, 50);
    }

    @Test
    void shouldPackageAgainWhenTheAotJarIsMissingOrOlderThanTheLastBuild() throws IOException {
        assertFalse(AotCache.needsPackaging(fastJar, aotDirectory), "packaged after the last build");

        age(aotRunJar, 200);
        assertTrue(AotCache.needsPackaging(fastJar, aotDirectory), "a later ./mvnw install rebuilt the service");

        Files.delete(aotRunJar);
        assertTrue(AotCache.needsPackaging(fastJar, aotDirectory), "never packaged");
    }

    @Test
    void shouldRecordOnTheFirstStartAndUseTheCacheOnceItWasPromoted() throws IOException {
        AotCache cache = new AotCache(THIS_JDK);

        AotCache.Launch first = cache.prepare(aotDirectory);
        assertEquals(AotCache.Mode.RECORD, first.mode());
        assertEquals("-XX:AOTCacheOutput=" + AotCache.RECORDING, first.flag());
        assertEquals(aotRunJar, first.runJar());
        assertEquals(THIS_JDK, Files.readString(aotDirectory.resolve(AotCache.STAMP)).strip());

        Files.writeString(aotDirectory.resolve(AotCache.RECORDING), "cache bytes"); // the JVM, on exit
        assertTrue(AotCache.promote(aotDirectory));
        assertFalse(Files.exists(aotDirectory.resolve(AotCache.RECORDING)));

        AotCache.Launch second = cache.prepare(aotDirectory);
        assertEquals(AotCache.Mode.USE, second.mode());
        assertEquals("-XX:AOTCache=" + AotCache.CACHE, second.flag());
    }

    @Test
    void shouldRecordAgainWhenTheCacheIsFromAnotherJdkBuildOrOlderThanTheJars() throws IOException {
        AotCache cache = new AotCache(THIS_JDK);
        Path recorded = aotDirectory.resolve(AotCache.CACHE);

        Files.writeString(recorded, "cache bytes");
        Files.writeString(aotDirectory.resolve(AotCache.STAMP), "25.0.1+8-LTS\n");
        assertEquals(AotCache.Mode.RECORD, cache.prepare(aotDirectory).mode(), "another JDK build made it");
        assertFalse(Files.exists(recorded), "a cache that no longer fits is removed, not left to warn on every start");

        Files.writeString(recorded, "cache bytes");
        age(recorded, 80); // the stamp now names this JDK, but the jars were repackaged after the recording
        assertEquals(AotCache.Mode.RECORD, cache.prepare(aotDirectory).mode());
    }

    @Test
    void shouldNotPromoteAMissingOrEmptyRecording() throws IOException {
        assertFalse(AotCache.promote(aotDirectory), "the JVM was killed before it wrote anything");

        Files.createFile(aotDirectory.resolve(AotCache.RECORDING));
        assertFalse(AotCache.promote(aotDirectory));
        assertFalse(Files.exists(aotDirectory.resolve(AotCache.CACHE)));
        assertEquals(AotCache.Mode.RECORD, new AotCache(THIS_JDK).prepare(aotDirectory).mode());
    }

    @Test
    void shouldLeaveARecordingInterruptedByAKilledStackUnused() throws IOException {
        AotCache cache = new AotCache(THIS_JDK);
        cache.prepare(aotDirectory);
        Files.writeString(aotDirectory.resolve(AotCache.RECORDING), "half written"); // launcher killed: not promoted

        AotCache.Launch next = cache.prepare(aotDirectory);
        assertEquals(AotCache.Mode.RECORD, next.mode());
        assertFalse(Files.exists(aotDirectory.resolve(AotCache.RECORDING)), "the half-written file is discarded");
    }

    @Test
    void shouldPackageTheAotJarBesideTheFastJarForTheStaleModulesOnly() {
        List<String> command = AotCache.packageCommand(List.of("planning-service", "sync-service"));
        assertTrue(command.contains("-Dquarkus.package.jar.type=aot-jar"), command.toString());
        assertTrue(command.contains("-Dquarkus.package.output-directory=" + AotCache.DIRECTORY), command.toString());
        assertEquals(List.of("-pl", "planning-service,sync-service"), command.subList(command.size() - 2, command.size()));
        assertTrue(command.contains("-DskipTests"));
    }

    @Test
    void shouldBeSwitchedOffByTheEnvironment() {
        assertTrue(AotCache.forThisRuntime(Map.of(AotCache.SWITCH, "off")).isEmpty());
        assertEquals(Runtime.version().feature() >= AotCache.FIRST_RUNTIME,
                AotCache.forThisRuntime(Map.of()).isPresent(), "on by default from JDK 25, never before");
    }

    @Test
    void shouldPutTheCacheFlagOnTheServiceCommandInsteadOfTheClassDataArchive() throws IOException {
        Files.createFile(aotDirectory.resolve(JavaCommand.APP_CDS_ARCHIVE));
        List<String> command = JavaCommand.quarkusService(aotRunJar, StackProcess.PLANNING_SERVICE,
                List.of("-XX:AOTCache=" + AotCache.CACHE));
        assertTrue(command.indexOf("-XX:AOTCache=app.aot") < command.indexOf("-jar"), command.toString());
        assertFalse(command.stream().anyMatch(arg -> arg.startsWith("-XX:SharedArchiveFile")), command.toString());
    }

    private static void age(Path file, int secondsAgo) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
    }
}
