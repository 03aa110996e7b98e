package dev.planbridge.journey;

import dev.planbridge.localstack.Command;
import dev.planbridge.localstack.ServiceEnvironment;
import dev.planbridge.localstack.PidFile;
import dev.planbridge.localstack.Stack;
import dev.planbridge.localstack.StackProcess;
import dev.planbridge.localstack.Supervisor;
import dev.planbridge.localstack.StackPaths;
import dev.planbridge.localstack.StackPorts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole suite as a user runs it, once per test JVM: embedded PostgreSQL, the Kafka broker JVM, the Salesforce
 * emulator with the demo org (5,000 accounts, 60 users, seed 42) and the three packaged services as child processes
 * — started by the local stack's own launcher code, on free ports, with everything it writes in a temporary folder.
 * Needs the built artifacts (the reactor builds them before this module); stopped at JVM exit.
 */
public final class FullStack {

    /** The emulator's documented default admin-API token (a demo value). */
    public static final String EMULATOR_ADMIN_TOKEN = "emulator-admin";

    private static FullStack shared;

    private final StackPaths paths;
    private final StackPorts ports;
    private final Stack stack;

    private FullStack(StackPaths paths, StackPorts ports, Stack stack) {
        this.paths = paths;
        this.ports = ports;
        this.stack = stack;
    }

    /** Restarts what dies, as the launcher of {@code ./planbridge up} does. */
    private void supervise(PrintStream log) {
        Thread supervisor = new Thread(() -> new Supervisor(stack, paths, log).watch(), "full-stack-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** Starts the stack on first use; later calls return the same running stack. */
    public static synchronized FullStack shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.stack::stop, "full-stack-stop"));
        }
        return shared;
    }

    private static FullStack start() {
        Path repo = repositoryRoot();
        List<Path> needed = List.of(repo.resolve("salesforce-emulator/target/salesforce-emulator.jar"),
                repo.resolve("planning-service/target/quarkus-app/quarkus-run.jar"),
                repo.resolve("change-feed-service/target/quarkus-app/quarkus-run.jar"),
                repo.resolve("sync-service/target/quarkus-app/quarkus-run.jar"),
                repo.resolve("local-stack/target/lib"));
        for (Path artifact : needed) {
            if (!Files.exists(artifact)) {
                throw new IllegalStateException(artifact + " is not built: run ./mvnw -B -ntp verify (or install"
                        + " -DskipTests first) from the repository root, not this module alone");
            }
        }
        try {
            Path home = Files.createTempDirectory("planbridge-journey-");
            StackPaths paths = new StackPaths(repo, home);
            StackPorts ports = freePorts();
            PrintStream log = new PrintStream(Files.newOutputStream(home.resolve("stack.out")), true,
                    StandardCharsets.UTF_8);
            Stack stack = new Stack(paths, ports, Command.OrgSize.DEMO, Stack.EVERYTHING, log);
            stack.start();
            FullStack started = new FullStack(paths, ports, stack);
            started.supervise(log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: set by the build ({@code planbridge.root}), else the parent of this module. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("planbridge.root");
        Path root = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("..");
        return root.toAbsolutePath().normalize();
    }

    private static StackPorts freePorts() throws IOException {
        Set<Integer> taken = new HashSet<>();
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < 8) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (taken.add(socket.getLocalPort())) {
                    ports.add(socket.getLocalPort());
                }
            }
        }
        return new StackPorts(ports.get(0), ports.get(1), ports.get(2), ports.get(3), ports.get(4), ports.get(5),
                ports.get(6), ports.get(7));
    }

    public URI planningUrl() {
        return local(ports.planning());
    }

    public URI changeFeedUrl() {
        return local(ports.changeFeed());
    }

    public URI syncUrl() {
        return local(ports.sync());
    }

    /** The emulator's http base URL (admin API under /emulator/, SOAP under /services/Soap/u/...). */
    public URI emulatorUrl() {
        return local(ports.emulatorHttp());
    }

    /** The SOAP login URL the services use (API 64.0, username/password login). */
    public String soapLoginUrl() {
        return ServiceEnvironment.soapUrl(ports);
    }

    public String emulatorAdminToken() {
        return EMULATOR_ADMIN_TOKEN;
    }

    /** The bearer token of a demo user: planner, approver, viewer or admin. */
    public String token(String role) {
        try {
            return Files.readString(tokenFile(role)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path tokenFile(String role) {
        return paths.tokensDir().resolve(role + ".jwt");
    }

    public Path tokensDir() {
        return paths.tokensDir();
    }

    /** The pid of a process of the stack, as the launcher recorded it (a restart records the new one). */
    public long pid(StackProcess process) {
        return new PidFile(paths.childPidFile(process)).read().orElseThrow();
    }

    /** What the launcher's supervisor printed (restarts). */
    public String launcherOutput() {
        try {
            return Files.readString(paths.home().resolve("stack.out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where every process of the stack logs (for failure messages). */
    public Path logsDir() {
        return paths.logsDir();
    }

    private static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port + "/");
    }
}
