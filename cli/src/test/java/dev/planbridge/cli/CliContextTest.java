package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliContextTest {

    @Test
    void shouldPreferOptionsThenEnvironmentThenDefaults() {
        CliContext context = new CliContext(Map.of("PLANBRIDGE_SYNC_URL", "http://sync:9000", "PLANBRIDGE_TOKEN", "env-token"));
        assertEquals("http://sync:9000/", context.sync().baseUrl().toString());
        assertEquals("http://localhost:8081/", context.planning().baseUrl().toString());
        assertEquals("env-token", context.resolveToken());
        context.token = "option-token";
        assertEquals("option-token", context.resolveToken());
    }

    @Test
    void shouldReadTheDemoTokenOfARoleUnderThePlanbridgeRoot(@TempDir Path root) throws Exception {
        Path tokens = Files.createDirectories(root.resolve(".planbridge/tokens"));
        Files.writeString(tokens.resolve("approver.jwt"), "approver-jwt\n");
        String previous = System.getProperty("planbridge.root");
        System.setProperty("planbridge.root", root.toString());
        try {
            CliContext context = new CliContext(Map.of());
            context.demoRole = "approver";
            assertEquals("approver-jwt", context.resolveToken());
            context.demoRole = "../../etc/passwd";
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, context::resolveToken);
            assertTrue(bad.getMessage().startsWith("--as must be one of planner, approver, viewer, admin"), bad.getMessage());
            context.demoRole = "viewer";
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, context::resolveToken);
            assertTrue(missing.getMessage().contains("Start the local stack"), missing.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty("planbridge.root");
            } else {
                System.setProperty("planbridge.root", previous);
            }
        }
    }
}
