package dev.planbridge.deploy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeTest {

    @Test
    void shouldFailWithWhatToDoWhenKubectlIsMissing(@TempDir Path empty) {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Kustomize.findKubectl(Map.of("PATH", empty.toString()), empty.resolve("kubectl")));

        assertTrue(error.getMessage().startsWith("kubectl is not installed"), error.getMessage());
        assertTrue(error.getMessage().contains(".ci/run"), error.getMessage());
    }

    @Test
    void shouldRejectAKubectlOverrideThatIsNotExecutable(@TempDir Path empty) {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Kustomize.findKubectl(Map.of("KUBECTL", empty.resolve("nope").toString()), empty.resolve("kubectl")));

        assertTrue(error.getMessage().contains("is not an executable file"), error.getMessage());
    }

    @Test
    void shouldReportWhyARenderFailed(@TempDir Path directory) throws Exception {
        java.nio.file.Files.writeString(directory.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");

        AssertionError error = assertThrows(AssertionError.class, () -> Kustomize.render(directory));

        assertTrue(error.getMessage().contains("failed (exit"), error.getMessage());
        assertTrue(error.getMessage().contains("missing.yaml"), error.getMessage());
    }
}
