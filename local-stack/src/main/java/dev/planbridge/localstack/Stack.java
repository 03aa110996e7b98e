package dev.planbridge.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Starts the stack's processes in order, each after the previous one is ready, and stops them in reverse. If any
 * step fails, everything already started is stopped before the error is reported: nothing is left half-started.
 */
public final class Stack implements Supervisor.Supervised {

    public static final Set<StackProcess> EVERYTHING = EnumSet.of(StackProcess.POSTGRES, StackProcess.KAFKA,
            StackProcess.SALESFORCE_EMULATOR, StackProcess.PLANNING_SERVICE, StackProcess.CHANGE_FEED_SERVICE,
            StackProcess.SYNC_SERVICE);

    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** A service recording its AOT cache writes it on exit: ~25 s each on 2 cores, three at once. */
    static final Duration RECORDING_STOP_GRACE = Duration.ofSeconds(150);
    /** How long {@code down} waits for the launcher to stop everything in order. */
    static final Duration LAUNCHER_STOP_GRACE = RECORDING_STOP_GRACE.plusSeconds(60);
    private static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration EMULATOR_READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(120);

    private record Started(StackProcess process, Runnable stop) {
    }

    private final StackPaths paths;
    private final StackPorts ports;
    private final Command.OrgSize org;
    private final Set<StackProcess> components;
    private final PrintStream out;
    private final Deque<Started> started = new ArrayDeque<>();
    private final Map<StackProcess, Duration> timeToReady = new LinkedHashMap<>();
    /** The live instance of each child process; a restart replaces it. */
    private final Map<StackProcess, ChildProcess> children = new EnumMap<>(StackProcess.class);
    /** How to start each restartable process again and wait until it is ready (the emulator and the services). */
    private final Map<StackProcess, Runnable> relaunchers = new EnumMap<>(StackProcess.class);
    private final List<ChildProcess> recordingAotCache = new ArrayList<>();
    private final Object lifecycle = new Object();
    private boolean stopping;
    private JwtMaterial jwt;
    private Optional<AotCache> aot;

    public Stack(StackPaths paths, StackPorts ports, Command.OrgSize org, Set<StackProcess> components, PrintStream out) {
        this.aot = AotCache.forThisRuntime(System.getenv());
        this.paths = paths;
        this.ports = ports;
        this.org = org;
        this.components = EnumSet.copyOf(components);
        this.out = out;
    }

    /**
     * Everything that can be checked before starting anything: ports first, then built artifacts; missing ones are
     * built when this is a source checkout with a Maven wrapper.
     */
    public void preflight() {
        Map<Integer, String> needed = new LinkedHashMap<>();
        ports.described().forEach((port, purpose) -> {
            if (isNeeded(purpose)) {
                needed.put(port, purpose);
            }
        });
        new PortGuard().requireFree(needed);
        if (!missingArtifacts().isEmpty() && MavenBuild.possible(paths.repoRoot())) {
            MavenBuild.install(paths.repoRoot(), out);
        }
        List<Path> missing = missingArtifacts();
        if (!missing.isEmpty()) {
            throw new StackException("Not built yet: " + String.join(", ", missing.stream().map(paths::display).toList())
                    + ". Build with ./mvnw -q -B -ntp -DskipTests install (./planbridge up does this on a fresh clone).");
        }
        if (aot.isPresent()) {
            packageForAotCache();
        }
    }

    /** A line for the ready message when this JDK is too old for the AOT cache. */
    public Optional<String> startupTip() {
        boolean services = ServiceSpec.ALL.stream().anyMatch(service -> components.contains(service.process()));
        return services && Runtime.version().feature() < AotCache.FIRST_RUNTIME
                ? Optional.of("Tip: with a JDK " + AotCache.FIRST_RUNTIME + "+ as JAVA_HOME the services start about"
                        + " twice as fast, from a JDK AOT cache (docs/local-stack.md).")
                : Optional.empty();
    }

    /** The aot-jar packaging the AOT cache needs; without it (no Maven wrapper, build failed) the services run as before. */
    private void packageForAotCache() {
        List<String> stale = ServiceSpec.ALL.stream()
                .filter(service -> components.contains(service.process()))
                .map(ServiceSpec::module)
                .filter(module -> AotCache.needsPackaging(paths.quarkusRunJar(module),
                        AotCache.directory(paths.repoRoot(), module)))
                .toList();
        if (stale.isEmpty()) {
            return;
        }
        if (!MavenBuild.possible(paths.repoRoot())
                || !MavenBuild.run(paths.repoRoot(), AotCache.packageCommand(stale), out,
                "Packaging " + String.join(", ", stale) + " for the JDK AOT cache (once per build)")) {
            out.println("  note: no aot-jar packaging; the services start without the AOT cache"
                    + " (set " + AotCache.SWITCH + "=off to skip this step).");
            aot = Optional.empty();
        }
    }

    List<Path> missingArtifacts() {
        List<Path> missing = new ArrayList<>();
        if (components.contains(StackProcess.SALESFORCE_EMULATOR) && !Files.isRegularFile(paths.emulatorJar())) {
            missing.add(paths.emulatorJar());
        }
        for (ServiceSpec service : ServiceSpec.ALL) {
            if (components.contains(service.process()) && !Files.isRegularFile(paths.quarkusRunJar(service.module()))) {
                missing.add(paths.quarkusRunJar(service.module()));
            }
        }
        return missing;
    }

    private boolean isNeeded(String purpose) {
        return switch (purpose) {
            case "PostgreSQL" -> components.contains(StackProcess.POSTGRES);
            case "Kafka broker", "Kafka controller" -> components.contains(StackProcess.KAFKA);
            case "Salesforce emulator (http)", "Salesforce emulator (https)" ->
                    components.contains(StackProcess.SALESFORCE_EMULATOR);
            default -> ServiceSpec.ALL.stream().anyMatch(s -> s.process().processName().equals(purpose)
                    && components.contains(s.process()));
        };
    }

    /** Starts every component in order; on failure stops what was started and rethrows. */
    public void start() {
        try {
            jwt = JwtMaterial.prepare(paths.jwtDir(), paths.tokensDir());
            if (components.contains(StackProcess.POSTGRES)) {
                startPostgres();
            }
            if (components.contains(StackProcess.KAFKA)) {
                startKafka();
            }
            if (components.contains(StackProcess.SALESFORCE_EMULATOR)) {
                startEmulator();
            }
            // The three services do not need each other to start: launched together, they share the JIT warm-up
            // time instead of adding it up (sync reads planning only when it pushes).
            List<Runnable> awaitReady = new ArrayList<>();
            for (ServiceSpec service : ServiceSpec.ALL) {
                if (components.contains(service.process())) {
                    awaitReady.add(launchService(service));
                    relaunchers.put(service.process(), () -> launchService(service).run());
                }
            }
            awaitReady.forEach(Runnable::run);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void startPostgres() {
        out.println("Starting postgres ...");
        long begin = System.nanoTime();
        synchronized (lifecycle) {
            if (stopping) {
                throw new StackException("Stopped while starting.");
            }
            PostgresServer postgres = PostgresServer.start(paths.postgresData(), ports.postgres(),
                    paths.log(StackProcess.POSTGRES));
            long pid = PostgresServer.postmasterPid(paths.postgresData()).orElse(-1L);
            recordPid(StackProcess.POSTGRES, pid);
            started.push(new Started(StackProcess.POSTGRES, postgres::close));
        }
        ready(StackProcess.POSTGRES, begin);
    }

    private void startKafka() {
        KafkaServerConfig config = new KafkaServerConfig(ports.kafka(), ports.kafkaController(), paths.kafkaData());
        step(StackProcess.KAFKA, () -> {
            KafkaBrokerProcess.prepare(config, paths.kafkaConfig(), paths.repoRoot(), paths.log(StackProcess.KAFKA),
                    note -> out.println("  note: " + note));
            ChildProcess broker = launch(StackProcess.KAFKA, KafkaBrokerProcess.command(paths.kafkaConfig()), Map.of());
            Readiness.await(broker, () -> KafkaBrokerProcess.isReady(config), KAFKA_READY_TIMEOUT);
            return broker;
        });
    }

    /** The emulator's arguments: ports, the org to generate on the first start, and the file that keeps it after. */
    static List<String> emulatorArguments(StackPorts ports, Command.OrgSize org, Path orgFile) {
        return List.of("--http-port", String.valueOf(ports.emulatorHttp()),
                "--https-port", String.valueOf(ports.emulatorHttps()),
                "--accounts", String.valueOf(org.accounts()), "--users", String.valueOf(org.users()),
                "--seed", String.valueOf(org.seed()), "--snapshot-file", orgFile.toString());
    }

    private void startEmulator() {
        Path orgFile = paths.emulatorOrg(org);
        try {
            Files.createDirectories(orgFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isRegularFile(orgFile)) {
            out.println("  the emulator continues the org saved at its last stop (" + paths.display(orgFile)
                    + "; delete it while the stack is down for a freshly generated org)");
        }
        Step emulator = () -> {
            ChildProcess child = launch(StackProcess.SALESFORCE_EMULATOR, JavaCommand.jar(JavaCommand.EMULATOR_JVM_FLAGS,
                    paths.emulatorJar(), emulatorArguments(ports, org, orgFile.toAbsolutePath())), Map.of());
            Readiness.await(child, () -> Readiness.httpOk("http://127.0.0.1:" + ports.emulatorHttp()
                    + "/q/health/ready"), EMULATOR_READY_TIMEOUT);
            return child;
        };
        step(StackProcess.SALESFORCE_EMULATOR, emulator);
        relaunchers.put(StackProcess.SALESFORCE_EMULATOR, emulator::run);
    }

    /** Launches a service; the returned action waits until it is ready (or fails the start). */
    private Runnable launchService(ServiceSpec service) {
        out.println("Starting " + service.process().processName() + " ...");
        long begin = System.nanoTime();
        Map<String, String> env = new LinkedHashMap<>(ServiceEnvironment.forService(service, ports,
                jwt.publicKey(), jwt.token("service"), paths.tokensDir()));
        env.put("QUARKUS_CONSOLE_COLOR", "false");
        // A developer machine's stack is for this machine only.
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        Path runJar = paths.quarkusRunJar(service.module());
        List<String> extraFlags = List.of();
        Optional<AotCache.Launch> aotLaunch = aot.map(cache ->
                cache.prepare(AotCache.directory(paths.repoRoot(), service.module())));
        if (aotLaunch.isPresent()) {
            runJar = aotLaunch.get().runJar();
            extraFlags = List.of(aotLaunch.get().flag());
            out.println(aotLaunch.get().mode() == AotCache.Mode.USE ? "  with its JDK AOT cache"
                    : "  recording its JDK AOT cache (written when the stack stops; later starts are faster)");
        }
        ChildProcess child = launch(service.process(), JavaCommand.quarkusService(runJar, service.process(), extraFlags),
                env, runJar.toAbsolutePath().getParent(), aotLaunch.map(AotCache.Launch::mode));
        return () -> {
            Readiness.await(child, () -> Readiness.httpOk("http://127.0.0.1:" + service.port(ports)
                    + "/q/health/ready"), SERVICE_READY_TIMEOUT);
            ready(service.process(), begin);
        };
    }

    /** Starts a child JVM under the lifecycle lock, so a concurrent stop either sees it or prevents it. */
    private ChildProcess launch(StackProcess process, List<String> command, Map<String, String> env) {
        return launch(process, command, env, paths.repoRoot());
    }

    private ChildProcess launch(StackProcess process, List<String> command, Map<String, String> env, Path workDir) {
        return launch(process, command, env, workDir, Optional.empty());
    }

    private ChildProcess launch(StackProcess process, List<String> command, Map<String, String> env, Path workDir,
                                Optional<AotCache.Mode> aotMode) {
        synchronized (lifecycle) {
            if (stopping) {
                throw new StackException("Stopped while starting.");
            }
            ChildProcess child = ChildProcess.start(process, command, env, workDir, paths.log(process));
            ChildProcess previous = children.put(process, child);
            recordingAotCache.remove(previous);
            recordPid(process, child.pid());
            boolean recording = aotMode.orElse(AotCache.Mode.USE) == AotCache.Mode.RECORD;
            if (recording) {
                recordingAotCache.add(child);
            }
            if (previous == null) {
                // Stops whichever instance is current then: a restart replaces the child, not its place in the order.
                started.push(new Started(process, () -> {
                    ChildProcess current = children.get(process);
                    if (recordingAotCache.contains(current)) {
                        stopRecording(process, current, workDir);
                    } else {
                        current.stop(STOP_GRACE);
                    }
                }));
            }
            return child;
        }
    }

    private void stopRecording(StackProcess process, ChildProcess child, Path aotDirectory) {
        out.println("  writing " + process.processName() + "'s JDK AOT cache ...");
        if (child.stop(RECORDING_STOP_GRACE) && AotCache.promote(aotDirectory)) {
            out.println("  " + process.processName() + "'s JDK AOT cache is ready for the next start");
        } else {
            out.println("  " + process.processName() + " wrote no JDK AOT cache (see its log); the next start records"
                    + " one again");
        }
    }

    private interface Step {
        ChildProcess run();
    }

    private void step(StackProcess process, Step step) {
        out.println("Starting " + process.processName() + " ...");
        long begin = System.nanoTime();
        step.run();
        ready(process, begin);
    }

    private void ready(StackProcess process, long beginNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - beginNanos);
        timeToReady.put(process, took);
        out.printf("  %s ready in %.1f s%n", process.processName(), took.toMillis() / 1000.0);
    }

    public Map<StackProcess, Duration> timeToReady() {
        return timeToReady;
    }

    public String urlTable() {
        return UrlTable.render(paths, ports, components, jwt == null ? Map.of() : jwt.tokenFiles());
    }

    /** A child that exited while the stack was up, if any. */
    @Override
    public Optional<ChildProcess> deadChild() {
        synchronized (lifecycle) {
            return stopping ? Optional.empty() : children.values().stream().filter(c -> !c.isAlive()).findFirst();
        }
    }

    /** The live instance of {@code process}, if it was started. */
    @Override
    public Optional<ChildProcess> child(StackProcess process) {
        synchronized (lifecycle) {
            return Optional.ofNullable(children.get(process));
        }
    }

    /** True for the processes {@link #relaunch} can start again: the emulator and the services. */
    @Override
    public boolean canRelaunch(StackProcess process) {
        return relaunchers.containsKey(process);
    }

    /**
     * Starts {@code process} again after its instance exited (or was stopped for a restart) and waits until the new one
     * is ready; throws {@link StackException} when it does not come up. PostgreSQL and Kafka are never relaunched: the
     * services' data lives there, so their loss stops the stack.
     */
    @Override
    public void relaunch(StackProcess process) {
        Runnable relauncher = relaunchers.get(process);
        if (relauncher == null) {
            throw new StackException(process.processName() + " is not restarted by the launcher.");
        }
        relauncher.run();
    }

    /** PostgreSQL runs from the launcher's JVM, not as a child: alive while its postmaster is. */
    @Override
    public boolean postgresAlive() {
        return !components.contains(StackProcess.POSTGRES) || PostgresServer.postmasterPid(paths.postgresData())
                .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isPresent();
    }

    @Override
    public boolean isStopping() {
        synchronized (lifecycle) {
            return stopping;
        }
    }

    /** Stops everything started, newest first. Safe to call more than once and from a shutdown hook. */
    public void stop() {
        synchronized (lifecycle) {
            stopping = true;
            // Services recording an AOT cache write it while exiting: let them do that side by side.
            recordingAotCache.forEach(ChildProcess::requestStop);
            while (!started.isEmpty()) {
                Started next = started.pop();
                out.println("Stopping " + next.process().processName() + " ...");
                try {
                    next.stop().run();
                } catch (RuntimeException e) {
                    out.println("  " + next.process().processName() + " did not stop cleanly: " + e.getMessage());
                }
                deletePid(next.process());
            }
        }
    }

    private void recordPid(StackProcess process, long pid) {
        if (pid > 0) {
            new PidFile(paths.childPidFile(process)).write(pid);
        }
    }

    private void deletePid(StackProcess process) {
        try {
            Files.deleteIfExists(paths.childPidFile(process));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
