package dev.planbridge.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds what a fresh clone is missing, after the cheap checks (second start, busy ports) passed, so a mistake never
 * costs a multi-minute build first.
 */
final class MavenBuild {

    static final List<String> INSTALL = List.of("./mvnw", "-q", "-B", "-ntp", "-DskipTests", "install");

    private MavenBuild() {
    }

    /** True when {@code repoRoot} has a Maven wrapper to build with (a source checkout). */
    static boolean possible(Path repoRoot) {
        return Files.isExecutable(repoRoot.resolve("mvnw")) && Files.isRegularFile(repoRoot.resolve("pom.xml"));
    }

    /** Runs one build command, output inherited; false when it failed or could not run. */
    static boolean run(Path repoRoot, List<String> command, PrintStream out, String what) {
        out.println(what + " (" + String.join(" ", command) + ") ...");
        out.flush();
        try {
            return new ProcessBuilder(command).directory(repoRoot.toFile()).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            out.println("  cannot run the Maven wrapper in " + repoRoot + ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void install(Path repoRoot, PrintStream out) {
        out.println("Building Planbridge (" + String.join(" ", INSTALL) + "); the first build takes a few minutes ...");
        out.flush();
        try {
            Process build = new ProcessBuilder(INSTALL).directory(repoRoot.toFile()).inheritIO().start();
            int exit = build.waitFor();
            if (exit != 0) {
                throw new StackException("The build failed (exit " + exit + ", see above). Fix it, or run"
                        + " ./mvnw -B -ntp -DskipTests install to see the full output. Nothing was started.");
            }
        } catch (IOException e) {
            throw new StackException("Cannot run the Maven wrapper in " + repoRoot + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while building. Nothing was started.");
        }
    }
}
