package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the packaged CLI the way {@code ./planbridge} does — {@code java -Dplanbridge.root=ROOT -jar
 * target/planbridge-cli.jar ARGS} — as a separate process, so what a user sees (bytes on stdout and stderr, the exit
 * code) is what the tests see. Every wait is bounded: a hung CLI fails the test instead of hanging the build.
 */
final class CliProcess {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * Set by failsafe (cli/pom.xml) to the packaged jar. The *ProcessIT classes run only where it is set: surefire
     * also picks them up under -Dtest=dev.planbridge.cli.**, before `package` has built the jar they test.
     */
    static final String JAR_PROPERTY = "planbridge.cli.jar";
    static final String ONLY_IN_VERIFY = "runs the packaged jar: failsafe runs it in `verify`, after `package`";

    /** Where stdout goes: a pipe the test reads ({@code planbridge … | less}), or a file ({@code planbridge … > f}). */
    enum Stdout { PIPE, FILE }

    record Result(int exit, byte[] outBytes, String err) {
        String out() {
            return new String(outBytes, StandardCharsets.UTF_8);
        }

        List<String> outLines() {
            return out().lines().toList();
        }

        /** Line {@code index} of stdout; a failure showing everything the process said when there is no such line. */
        String line(int index) {
            List<String> lines = outLines();
            if (index >= lines.size()) {
                fail("stdout has no line " + index + ":\n" + describe());
            }
            return lines.get(index);
        }

        /** For assertion messages: everything the process said. */
        String describe() {
            return "exit " + exit + "\n--- stdout ---\n" + out() + "--- stderr ---\n" + err;
        }
    }

    private final Path root;
    private final Path scratch;

    /**
     * @param root    the -Dplanbridge.root the script passes (its .planbridge/tokens hold the demo tokens)
     * @param scratch a directory for the captured stdout and stderr files
     */
    CliProcess(Path root, Path scratch) {
        this.root = root;
        this.scratch = scratch;
    }

    /** A CLI whose -Dplanbridge.root holds the local stack's demo tokens, each "ROLE-jwt", as ./planbridge up writes them. */
    static CliProcess withDemoTokens(Path dir) {
        try {
            Path tokens = Files.createDirectories(dir.resolve("root/.planbridge/tokens"));
            for (String role : CliContext.DEMO_ROLES) {
                Files.writeString(tokens.resolve(role + ".jwt"), role + "-jwt\n");
            }
            return new CliProcess(dir.resolve("root"), Files.createDirectories(dir.resolve("scratch")));
        } catch (IOException e) {
            throw new AssertionError("Could not prepare " + dir, e);
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "target/planbridge-cli.jar"));
        if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
            fail("The packaged CLI " + jar.toAbsolutePath() + " (with lib/ beside it) is missing: run the *IT tests "
                    + "with `mvn verify`, which packages the jar first");
        }
        return jar;
    }

    Result run(List<String> args) {
        return run(Stdout.FILE, Map.of(), args);
    }

    Result run(Stdout stdout, Map<String, String> env, List<String> args) {
        Path outFile = scratch.resolve("stdout-" + System.nanoTime() + ".txt");
        Running running = start(stdout == Stdout.FILE ? outFile : null, env, args);
        // read a pipe while the process runs: a full pipe would block it
        CompletableFuture<byte[]> piped = stdout == Stdout.PIPE
                ? CompletableFuture.supplyAsync(() -> readAll(running.process().getInputStream()))
                : CompletableFuture.completedFuture(null);
        int exit = running.await();
        try {
            byte[] out = stdout == Stdout.PIPE ? piped.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS) : Files.readAllBytes(outFile);
            return new Result(exit, out, running.err());
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new AssertionError("Could not read the output of planbridge " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /**
     * Starts the CLI with stdout redirected to {@code stdoutFile} (or a pipe when null) and stderr to a file. The
     * PLANBRIDGE_* variables of the build's environment are removed so they cannot stand in for the options under test.
     */
    Running start(Path stdoutFile, Map<String, String> env, List<String> args) {
        return start(cliCommand(args), stdoutFile, env, args);
    }

    private List<String> cliCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Dplanbridge.root=" + root, "-jar",
                jar().toAbsolutePath().toString()));
        command.addAll(args);
        return command;
    }

    /** util-linux script(1), which gives a command a pseudo-terminal; null where it is missing. */
    static Path scriptCommand() {
        Path script = Path.of("/usr/bin/script");
        return Files.isExecutable(script) ? script : null;
    }

    /**
     * Runs the CLI on a pseudo-terminal (through script(1)) as a user at a shell prompt: stdout and stderr both go to
     * the terminal, so {@link Result#out} holds both, with the terminal's \r\n line ends; {@link Result#err} is empty.
     */
    Result runOnTerminal(List<String> args) {
        StringBuilder shell = new StringBuilder();
        for (String word : cliCommand(args)) {
            shell.append(shell.isEmpty() ? "" : " ").append('\'').append(word.replace("'", "'\\''")).append('\'');
        }
        List<String> command = List.of(scriptCommand().toString(), "-qec", shell.toString(), "/dev/null");
        Running running = start(command, null, Map.of(), args);
        CompletableFuture<byte[]> terminal = CompletableFuture.supplyAsync(() -> readAll(running.process().getInputStream()));
        int exit = running.await();
        try {
            return new Result(exit, terminal.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), running.err());
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("Could not read the terminal of planbridge " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    private Running start(List<String> command, Path stdoutFile, Map<String, String> env, List<String> args) {
        Path errFile = scratch.resolve("stderr-" + System.nanoTime() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PLANBRIDGE_"));
        builder.environment().put("TZ", "UTC");
        builder.environment().putAll(env);
        builder.redirectOutput(stdoutFile == null ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.to(stdoutFile.toFile()));
        builder.redirectError(errFile.toFile());
        try {
            Process process = builder.start();
            process.getOutputStream().close(); // no input, like `< /dev/null`
            return new Running(process, errFile, args);
        } catch (IOException e) {
            throw new AssertionError("Could not start " + command, e);
        }
    }

    /** A started CLI process. */
    record Running(Process process, Path errFile, List<String> args) {

        String err() {
            try {
                return Files.readString(errFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError("Could not read " + errFile, e);
            }
        }

        /** The exit code, or a failure (and a killed process) when it runs longer than {@link #TIMEOUT}. */
        int await() {
            try {
                if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly); // the CLI under script(1)
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    fail("planbridge " + String.join(" ", args) + " did not end within " + TIMEOUT.toSeconds()
                            + " s; stderr: " + err());
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for planbridge " + String.join(" ", args), e);
            }
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The java running the tests, as the script runs the java it found. */
    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
