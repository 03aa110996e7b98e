package dev.planbridge.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JDK AOT cache (JEP 483/514/515) for the three services when the launcher runs on JDK 25 or newer: classes arrive
 * loaded and linked, which halves a service's start on this project's 2-core machines (docs/benchmarks/local-stack.md).
 *
 * <p>The cache only holds classes of the JDK's own class loaders, so it needs Quarkus' {@code aot-jar} packaging (a flat
 * class path) next to the default {@code fast-jar}, in {@code target/quarkus-aot}. The first run of a service records
 * the cache ({@code -XX:AOTCacheOutput}; the JVM writes it when the service stops), later runs use it. The recording goes
 * to a side file that the launcher promotes only after the service exited on its own, so a killed stack never leaves a
 * half-written cache; a cache from another JDK build or older than the jars is recorded again. On JDK 17–24, or with
 * {@code PLANBRIDGE_AOT_CACHE=off}, nothing here applies and the services run from {@code quarkus-app} as before.
 */
final class AotCache {

    static final int FIRST_RUNTIME = 25;
    static final String SWITCH = "PLANBRIDGE_AOT_CACHE";
    static final String DIRECTORY = "quarkus-aot";
    static final String CACHE = "app.aot";
    static final String RECORDING = "app.aot.recording";
    /** The JDK build the cache was recorded with: a cache only fits the exact build that made it. */
    static final String STAMP = "app.aot.jdk";

    enum Mode {
        /** Start with the recorded cache. */
        USE,
        /** Start normally and record a cache for the next start. */
        RECORD
    }

    /** How to start one service: its run jar (the aot-jar one) and the cache flag. */
    record Launch(Path runJar, Mode mode, String flag) {
    }

    private final String runtimeBuild;

    AotCache(String runtimeBuild) {
        this.runtimeBuild = runtimeBuild;
    }

    /** For the launcher's own JVM, when it is new enough and the user did not switch the cache off; else empty. */
    static Optional<AotCache> forThisRuntime(Map<String, String> env) {
        if (Runtime.version().feature() < FIRST_RUNTIME || "off".equalsIgnoreCase(env.getOrDefault(SWITCH, ""))) {
            return Optional.empty();
        }
        return Optional.of(new AotCache(System.getProperty("java.vm.version")));
    }

    static Path directory(Path repoRoot, String module) {
        return repoRoot.resolve(module).resolve("target").resolve(DIRECTORY);
    }

    /**
     * The Maven command that (re)builds the aot-jar packaging of these modules; {@code package} on the modules alone,
     * since {@code install} put their dependencies in the local repository.
     */
    static List<String> packageCommand(List<String> modules) {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-q", "-B", "-ntp", "-DskipTests", "package",
                "-Dquarkus.package.jar.type=aot-jar", "-Dquarkus.package.output-directory=" + DIRECTORY));
        command.add("-pl");
        command.add(String.join(",", modules));
        return command;
    }

    /** True when the aot-jar packaging is missing or older than the fast-jar one the last build made. */
    static boolean needsPackaging(Path fastJarRunJar, Path aotDirectory) {
        Path aotRunJar = aotDirectory.resolve("quarkus-run.jar");
        return !Files.isRegularFile(aotRunJar) || modified(aotRunJar).compareTo(modified(fastJarRunJar)) < 0;
    }

    /** Decides USE or RECORD for a service packaged in {@code aotDirectory}, clearing a cache that no longer fits. */
    Launch prepare(Path aotDirectory) {
        Path runJar = aotDirectory.resolve("quarkus-run.jar");
        Path cache = aotDirectory.resolve(CACHE);
        Path stamp = aotDirectory.resolve(STAMP);
        try {
            if (Files.isRegularFile(cache) && Files.size(cache) > 0 && Files.isRegularFile(stamp)
                    && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(runtimeBuild)
                    && modified(cache).compareTo(modified(runJar)) >= 0) {
                return new Launch(runJar, Mode.USE, "-XX:AOTCache=" + CACHE);
            }
            Files.deleteIfExists(cache);
            Files.deleteIfExists(aotDirectory.resolve(RECORDING));
            Files.writeString(stamp, runtimeBuild + "\n", StandardCharsets.UTF_8);
            return new Launch(runJar, Mode.RECORD, "-XX:AOTCacheOutput=" + RECORDING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After a recording service exited on its own: makes its recording the cache. Returns false when there is nothing
     * to promote (the JVM could not write it).
     */
    static boolean promote(Path aotDirectory) {
        Path recording = aotDirectory.resolve(RECORDING);
        try {
            if (!Files.isRegularFile(recording) || Files.size(recording) == 0) {
                Files.deleteIfExists(recording);
                return false;
            }
            Files.move(recording, aotDirectory.resolve(CACHE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
