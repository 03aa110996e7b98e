package dev.planbridge.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the services are and who the caller is. Command-line options win over environment variables, which win over
 * the local stack's defaults (ports 8081-8083 and the demo tokens in .planbridge/tokens).
 */
public class CliContext {

    @Option(names = "--planning-url", description = "Planning service base URL (env PLANBRIDGE_PLANNING_URL, default http://localhost:8081/)")
    String planningUrl;

    @Option(names = "--feed-url", description = "Change-feed service base URL (env PLANBRIDGE_FEED_URL, default http://localhost:8082/)")
    String feedUrl;

    @Option(names = "--sync-url", description = "Sync service base URL (env PLANBRIDGE_SYNC_URL, default http://localhost:8083/)")
    String syncUrl;

    @Option(names = "--token", description = "Bearer token (env PLANBRIDGE_TOKEN). Prefer --token-file: command lines are visible to other users.")
    String token;

    @Option(names = "--token-file", description = "File holding the bearer token (env PLANBRIDGE_TOKEN_FILE, default .planbridge/tokens/planner.jwt when present)")
    Path tokenFile;

    @Option(names = "--as", description = "Use the local stack's demo token of this user role: planner, approver, viewer, admin")
    String demoRole;

    static final List<String> DEMO_ROLES = List.of("planner", "approver", "viewer", "admin");

    private final Map<String, String> env;

    public CliContext() {
        this(System.getenv());
    }

    CliContext(Map<String, String> env) {
        this.env = env;
    }

    public ApiClient planning() {
        return new ApiClient(url(planningUrl, "PLANBRIDGE_PLANNING_URL", "http://localhost:8081/"), resolveToken());
    }

    public ApiClient feed() {
        return new ApiClient(url(feedUrl, "PLANBRIDGE_FEED_URL", "http://localhost:8082/"), resolveToken());
    }

    public ApiClient sync() {
        return new ApiClient(url(syncUrl, "PLANBRIDGE_SYNC_URL", "http://localhost:8083/"), resolveToken());
    }

    URI url(String option, String envName, String fallback) {
        String value = option != null ? option : env.getOrDefault(envName, fallback);
        return URI.create(value.endsWith("/") ? value : value + "/");
    }

    String resolveToken() {
        if (token != null) {
            return token;
        }
        if (tokenFile != null) {
            return read(tokenFile);
        }
        if (demoRole != null) {
            if (!DEMO_ROLES.contains(demoRole)) {
                throw new IllegalArgumentException("--as must be one of " + String.join(", ", DEMO_ROLES) + ", not '"
                        + demoRole + "'");
            }
            return read(demoTokens().resolve(demoRole + ".jwt"));
        }
        if (env.containsKey("PLANBRIDGE_TOKEN")) {
            return env.get("PLANBRIDGE_TOKEN");
        }
        if (env.containsKey("PLANBRIDGE_TOKEN_FILE")) {
            return read(Path.of(env.get("PLANBRIDGE_TOKEN_FILE")));
        }
        Path demo = demoTokens().resolve("planner.jwt");
        return Files.isReadable(demo) ? read(demo) : null;
    }

    /** The local stack writes its demo tokens under <repo>/.planbridge/tokens; the root script passes -Dplanbridge.root. */
    static Path demoTokens() {
        return Path.of(System.getProperty("planbridge.root", "."), ".planbridge", "tokens");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the token file " + file + " (" + e.getClass().getSimpleName()
                    + "). Start the local stack (./planbridge up) or pass --token-file.");
        }
    }
}
