package dev.planbridge.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code java ...} command lines with the launcher's own Java, so every process runs on the same JDK. */
final class JavaCommand {

    /** Heap and GC flags of the three services, measured to keep each under 256 MB RSS (docs/benchmarks/local-stack.md). */
    static final List<String> SERVICE_JVM_FLAGS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-XX:ReservedCodeCacheSize=64m");
    static final List<String> EMULATOR_JVM_FLAGS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    static final List<String> KAFKA_JVM_FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");

    private JavaCommand() {
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> jar(List<String> jvmFlags, Path jar, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }

    /**
     * A Quarkus service from its {@code quarkus-app/quarkus-run.jar}, to be run with {@code quarkus-app/} as the working
     * directory: the application class-data archive that {@code -Dquarkus.package.jar.appcds.enabled=true} leaves
     * there records the class path relative to that directory, and the JVM refuses it otherwise. Used when present
     * (faster start); the JVM ignores an archive made by another JDK build. The command line names the process
     * ({@code -Dplanbridge.process=...}): {@code quarkus-run.jar} alone does not say which service it is, and
     * {@code status}/{@code down} recognise our children by their command line.
     */
    static List<String> quarkusService(Path runJar, StackProcess process) {
        return quarkusService(runJar, process, List.of());
    }

    /** As above, with more JVM flags (the AOT cache's, which replaces the class-data archive). */
    static List<String> quarkusService(Path runJar, StackProcess process, List<String> extraFlags) {
        List<String> flags = new ArrayList<>(SERVICE_JVM_FLAGS);
        flags.add(PROCESS_PROPERTY + process.processName());
        flags.addAll(extraFlags);
        Path app = runJar.toAbsolutePath().getParent();
        if (extraFlags.isEmpty() && java.nio.file.Files.isRegularFile(app.resolve(APP_CDS_ARCHIVE))) {
            flags.add("-XX:SharedArchiveFile=" + APP_CDS_ARCHIVE);
            flags.add("-Xshare:auto");
        }
        return jar(flags, runJar.getFileName(), List.of());
    }

    static final String APP_CDS_ARCHIVE = "app-cds.jsa";
    static final String PROCESS_PROPERTY = "-Dplanbridge.process=";

    /**
     * A main class on the launcher's own class path. With {@code java -jar local-stack.jar} that is the jar alone; its
     * manifest Class-Path brings target/lib (the Kafka jars among them).
     */
    static List<String> mainClass(List<String> jvmFlags, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
