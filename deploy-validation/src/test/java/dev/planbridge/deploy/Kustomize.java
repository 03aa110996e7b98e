package dev.planbridge.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Renders a Kustomize directory with {@code kubectl kustomize}, exactly as {@code kubectl apply -k} would. */
final class Kustomize {

    private static final long TIMEOUT_SECONDS = 120;

    private Kustomize() {
    }

    static String render(Path directory) {
        if (!Files.isRegularFile(directory.resolve("kustomization.yaml"))) {
            throw new IllegalArgumentException("No kustomization.yaml in " + directory);
        }
        Path kubectl = kubectl();
        ProcessBuilder builder = new ProcessBuilder(List.of(kubectl.toString(), "kustomize", directory.toString()));
        try {
            Process process = builder.start();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + directory + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed (exit " + process.exitValue() + "):\n"
                        + stderr.join());
            }
            return stdout.join();
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + kubectl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while rendering " + directory, e);
        }
    }

    /** kubectl from $KUBECTL, /usr/bin/kubectl or the PATH; a missing kubectl fails the test with what to do. */
    static Path kubectl() {
        return findKubectl(System.getenv(), Path.of("/usr/bin/kubectl"));
    }

    static Path findKubectl(java.util.Map<String, String> environment, Path standard) {
        String configured = environment.get("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new AssertionError("KUBECTL=" + configured + " is not an executable file");
        }
        if (Files.isExecutable(standard)) {
            return standard;
        }
        String pathVariable = environment.getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl");
            }
        }
        throw new AssertionError("kubectl is not installed: the deployment validation tests render the Kustomize overlays"
                + " with `kubectl kustomize`. Install kubectl (.ci/run does it with apt-get) or set KUBECTL to its path.");
    }

    private static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
        }
    }
}
