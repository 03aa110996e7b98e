package dev.planbridge.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/** Formats (first start only) and runs the single-node KRaft broker as its own JVM: {@code kafka.Kafka server.properties}. */
public final class KafkaBrokerProcess {

    private static final List<String> LOGGING_FLAGS = List.of(
            "-Dorg.slf4j.simpleLogger.logFile=System.out",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.metrics=warn",
            "-Dorg.slf4j.simpleLogger.log.kafka.log.LogManager=warn",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.storage.internals.log=warn");

    private KafkaBrokerProcess() {
    }

    /**
     * Writes server.properties, removes a stale lock (telling {@code notes}) and formats the storage on first start.
     */
    public static void prepare(KafkaServerConfig config, Path configFile, Path workingDir, Path log,
                               Consumer<String> notes) {
        Path logDir = config.logDir();
        try {
            Files.createDirectories(logDir);
            Files.writeString(configFile, config.render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + configFile, e);
        }
        switch (KafkaLogDirLock.inspectAndClean(logDir)) {
            case HELD -> throw new StackException("The Kafka data folder " + logDir + " is locked by a broker that is"
                    + " still running (probably left over from a stack that was killed). Run ./planbridge down, or"
                    + " stop that broker (look for 'kafka.Kafka' in `ps -ef`), then start again.");
            case STALE_REMOVED -> notes.accept("Removed a stale Kafka lock (" + logDir.resolve(KafkaLogDirLock.LOCK_FILE)
                    + ") left by a broker that was killed; Kafka will recover its logs on start.");
            case ABSENT -> { }
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(configFile, workingDir, log);
        }
    }

    /** The broker's command line: {@code java ... kafka.Kafka server.properties}. */
    public static List<String> command(Path configFile) {
        List<String> flags = new ArrayList<>(JavaCommand.KAFKA_JVM_FLAGS);
        flags.addAll(LOGGING_FLAGS);
        return JavaCommand.mainClass(flags, "kafka.Kafka", List.of(configFile.toString()));
    }

    /** Ready = the listener accepts and the broker answers a metadata request with itself in it. */
    public static boolean isReady(KafkaServerConfig config) {
        return Readiness.accepts("127.0.0.1", config.brokerPort()) && servesMetadata(config.bootstrapServers());
    }

    private static void format(Path configFile, Path workingDir, Path log) {
        List<String> command = JavaCommand.mainClass(List.of("-Xmx256m", "-XX:+UseSerialGC",
                        "-Dorg.slf4j.simpleLogger.logFile=System.out"), "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString(),
                        "--ignore-formatted"));
        ChildProcess formatter = ChildProcess.start(StackProcess.KAFKA, command, Map.of(), workingDir, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (formatter.isAlive() && System.nanoTime() < deadline) {
            Readiness.sleep(Duration.ofMillis(100));
        }
        if (formatter.isAlive()) {
            formatter.stop(Duration.ofSeconds(5));
            throw new StackException("Formatting the Kafka storage took more than 120 s. See " + log + ".");
        }
        if (formatter.exitValue() != 0) {
            throw new StackException("Formatting the Kafka storage failed (exit " + formatter.exitValue() + "). Last lines of "
                    + log + ":\n" + String.join("\n", ChildProcess.tail(log, 20)));
        }
    }

    static boolean servesMetadata(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes()
                    .get(4, TimeUnit.SECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception notYet) {
            return false;
        }
    }
}
