package dev.planbridge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the checks read: deploy/, docs/, docker-compose.yml, the services' configuration. */
final class RepoFiles {

    private RepoFiles() {
    }

    /** The repository root: system property {@code planbridge.repo.root} (set by the pom) or the parent of the module. */
    static Path root() {
        String configured = System.getProperty("planbridge.repo.root");
        Path candidate = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        Path root = candidate.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("deploy")) || !Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new IllegalStateException("Not the Planbridge repository root (no deploy/ or pom.xml): " + root
                    + ". Run the tests from the deploy-validation module or set -Dplanbridge.repo.root.");
        }
        return root;
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
