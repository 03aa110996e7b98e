package dev.planbridge.localstack;

import java.nio.file.Path;

/**
 * Where things live. {@code repoRoot} holds the built modules; {@code home} (normally {@code <repoRoot>/.planbridge})
 * holds everything the stack writes: data that survives restarts, keys, tokens, logs and pid files.
 */
public record StackPaths(Path repoRoot, Path home) {

    public static StackPaths forRepository(Path repoRoot) {
        Path root = repoRoot.toAbsolutePath().normalize();
        return new StackPaths(root, root.resolve(".planbridge"));
    }

    public Path postgresData() {
        return home.resolve("postgres");
    }

    public Path kafkaHome() {
        return home.resolve("kafka");
    }

    public Path kafkaData() {
        return kafkaHome().resolve("data");
    }

    public Path kafkaConfig() {
        return kafkaHome().resolve("server.properties");
    }

    /**
     * The emulator's org, saved when it stops and loaded when it starts, so a restarted stack finds the CRM its
     * databases and Kafka topics remember. One file per org size and seed.
     */
    public Path emulatorOrg(Command.OrgSize org) {
        return home.resolve("emulator").resolve("org-" + org.accounts() + "-" + org.users() + "-" + org.seed() + ".json.gz");
    }

    public Path jwtDir() {
        return home.resolve("jwt");
    }

    public Path tokensDir() {
        return home.resolve("tokens");
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public Path log(StackProcess process) {
        return logsDir().resolve(process.processName() + ".log");
    }

    /** The launcher's pid while a stack runs (foreground or detached). */
    public Path stackPidFile() {
        return home.resolve("stack.pid");
    }

    /** One pid file per child process, so {@code down} can clean up after a launcher that was killed. */
    public Path runDir() {
        return home.resolve("run");
    }

    public Path childPidFile(StackProcess process) {
        return runDir().resolve(process.processName() + ".pid");
    }

    /** How often the launcher restarted {@code process}, and why last (read by {@code status}). */
    public Path restartsFile(StackProcess process) {
        return runDir().resolve(process.processName() + ".restarts");
    }

    /** Written by {@code restart <process>}, taken by the running launcher's supervisor. */
    public Path restartRequest(StackProcess process) {
        return runDir().resolve(process.processName() + ".restart-request");
    }

    /** The supervisor's answer to a restart request: "ok" or what went wrong. */
    public Path restartOutcome(StackProcess process) {
        return runDir().resolve(process.processName() + ".restart-outcome");
    }

    /** Written by a detached launcher: "starting", "ready" or "failed". */
    public Path stateFile() {
        return home.resolve("stack.state");
    }

    public Path emulatorJar() {
        return repoRoot.resolve("salesforce-emulator/target/salesforce-emulator.jar");
    }

    public Path quarkusRunJar(String module) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Shown to the user relative to the repository root, which is where they run the script. */
    public String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(repoRoot) ? repoRoot.relativize(absolute).toString() : absolute.toString();
    }
}
