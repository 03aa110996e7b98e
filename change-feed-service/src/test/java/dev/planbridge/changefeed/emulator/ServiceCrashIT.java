package dev.planbridge.changefeed.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.FaultRule;
import dev.planbridge.emulator.generate.ActivitySimulator;
import dev.planbridge.emulator.org.ChangeLogEntry;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.testkit.TestTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The crash test with real processes (failsafe, after {@code package}): the packaged service
 * ({@code target/quarkus-app/quarkus-run.jar}) runs as a child JVM against the emulator (this JVM, activity simulator
 * running), a Kafka broker in its own JVM and an embedded PostgreSQL. The service is killed with SIGKILL at random
 * moments — half of them right after a burst of changes, so that it dies in the middle of a multi-transaction
 * catch-up — and restarted; the broker is killed with SIGKILL and restarted on the same log directory while the
 * service runs; PostgreSQL is stopped and restarted while the service runs. Afterwards a read_committed consumer must
 * see every change exactly once (distinct eventIds, each matching the emulator's change log, the replay equal to the
 * org) and the history table must hold each event exactly once.
 */
class ServiceCrashIT {

    private static final List<String> OBJECTS = List.of("Account", "Opportunity");
    private static final List<String> OTHER_OBJECTS = List.of("User", "Territory2", "UserTerritory2Association",
            "ObjectTerritory2Association", "ForecastingQuota");
    /** Generous: on a shared 2-core machine under heavy load a JVM start alone can take a minute. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

    private final Path work = Path.of(System.getProperty("basedir", "."), "target", "crash-it");
    private final List<Process> children = new ArrayList<>();
    private BrokerProcess broker;
    private RestartablePostgres postgres;
    private ActivitySimulator simulator;

    @AfterEach
    void stopEverything() {
        if (simulator != null) {
            simulator.stop();
        }
        PrivateOrg.emulator().faults().clear();
        for (Process child : children) {
            child.destroyForcibly();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void shouldPublishEveryChangeExactlyOnceAcrossKillsAndRestartsOfServiceBrokerAndDatabase() throws Exception {
        // 5 by default to keep the suite's time in check (every kill costs a JVM start); the issue's 10 were run with
        // -Dchangefeed.crash.kills=10 (docs/change-feed.md), and EmulatorCrashTest makes 12 in-process hard stops.
        int kills = Integer.getInteger("changefeed.crash.kills", 5);
        deleteRecursively(work); // the logs and data of the previous run
        Files.createDirectories(work);
        Org org = PrivateOrg.emulator().org();
        long firstSequence = org.changeLog().isEmpty() ? 1
                : org.changeLog().get(org.changeLog().size() - 1).sequence() + 1;
        broker = new BrokerProcess(work.resolve("kafka-" + UUID.randomUUID()), freePort(), freePort());
        broker.start();
        postgres = new RestartablePostgres(work.resolve("pg-" + UUID.randomUUID()), freePort());
        postgres.start();
        postgres.createDatabase("changefeed");
        int httpPort = freePort();
        String topicPrefix = "crashit" + Integer.toHexString(new Random().nextInt(0xfffff)) + ".";

        simulator = new ActivitySimulator(org);
        // some of the simulator's own writes fail on locked rows: they must not appear in the feed
        PrivateOrg.emulator().faults().add(FaultRule.probability(FaultRule.Type.UNABLE_TO_LOCK_ROW, 0.05));
        simulator.start(40, 23);
        Random random = new Random(7);
        Process service = startService(httpPort, topicPrefix, 0);
        for (int kill = 1; kill <= kills; kill++) {
            awaitCapturing(httpPort, service, 1, "service start " + kill);
            if (kill % 2 == 0) {
                // a backlog of changes: the service catches up in several transactions and dies among them
                simulator.stop();
                simulator.runNow(600 + random.nextInt(900), random.nextLong());
                simulator.start(40, random.nextLong());
                Thread.sleep(100 + random.nextInt(900));
            } else {
                Thread.sleep(200 + random.nextInt(2500));
            }
            service.destroyForcibly(); // SIGKILL
            assertTrue(service.waitFor(30, TimeUnit.SECONDS), "service process ended");
            System.out.printf("kill -9 #%d of the service (exit %d)%n", kill, service.exitValue());
            if (kill == 2) {
                service = startService(httpPort, topicPrefix, kill);
                long before = awaitCapturing(httpPort, service, 1, "before the broker restart");
                broker.kill();
                System.out.println("kill -9 of the Kafka broker");
                Thread.sleep(2000);
                broker.start();
                System.out.println("Kafka broker restarted on the same log directory");
                awaitCapturing(httpPort, service, before + 1, "after the broker restart");
                Thread.sleep(1000);
                service.destroyForcibly();
                service.waitFor(30, TimeUnit.SECONDS);
            }
            if (kill == 4) {
                service = startService(httpPort, topicPrefix, kill);
                long before = awaitCapturing(httpPort, service, 1, "before the PostgreSQL restart");
                postgres.stop();
                System.out.println("PostgreSQL stopped");
                Thread.sleep(2000);
                postgres.start();
                System.out.println("PostgreSQL restarted on the same data directory");
                awaitCapturing(httpPort, service, before + 1, "after the PostgreSQL restart");
                Thread.sleep(1000);
                service.destroyForcibly();
                service.waitFor(30, TimeUnit.SECONDS);
            }
            service = startService(httpPort, topicPrefix, kill + 100);
        }
        awaitCapturing(httpPort, service, 1, "final start");
        simulator.stop();
        PrivateOrg.emulator().faults().clear();

        // the last changes get captured, with no more kills
        await(Duration.ofSeconds(90), "the feed caught up with the org", () -> OBJECTS.stream()
                .allMatch(o -> FeedVerifier.caughtUp(broker.bootstrapServers(), o, topicPrefix + changesTopic(o), org)));
        List<ChangeLogEntry> log = org.changeLogSince(firstSequence - 1);
        assertTrue(simulator.changes() > 500, "the simulator made changes: " + simulator.changes());
        Map<String, List<ChangeEvent>> published = new LinkedHashMap<>();
        for (String object : OBJECTS) {
            published.put(object, FeedVerifier.verify(broker.bootstrapServers(), object,
                    topicPrefix + changesTopic(object), org, log, 50));
        }
        // the history consumer (read_committed, idempotent insert) holds each event once, PostgreSQL restart or not
        for (String object : OBJECTS) {
            int expected = published.get(object).size();
            await(Duration.ofSeconds(60), object + " history complete", () -> historyCounts(object)[0] >= expected);
            long[] counts = historyCounts(object);
            assertEquals(expected, counts[0], object + ": history rows = events on Kafka");
            assertEquals(counts[0], counts[1], object + ": history rows are distinct by event id");
        }
        service.destroy(); // SIGTERM: a clean stop this time
        assertTrue(service.waitFor(60, TimeUnit.SECONDS), "service stops on SIGTERM");
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String changesTopic(String object) {
        return "crm." + object.toLowerCase(java.util.Locale.ROOT) + ".changes";
    }

    private long[] historyCounts(String object) {
        try (Connection connection = postgres.connect("changefeed");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*), count(DISTINCT event_id) FROM feed_change WHERE object = ?")) {
            statement.setString(1, object);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return new long[] {result.getLong(1), result.getLong(2)};
            }
        } catch (SQLException e) {
            return new long[] {-1, -1};
        }
    }

    private Process startService(int httpPort, String topicPrefix, int generation) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + httpPort,
                "-Dmp.jwt.verify.publickey=" + TestTokens.publicKeyPem().replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", ""),
                "-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER,
                "-Dchangefeed.poll-interval=300ms",
                "-Dchangefeed.overlap=5s",
                "-Dchangefeed.max-events-per-commit=200",
                "-Dchangefeed.backoff-base=200ms",
                "-Dchangefeed.backoff-max=3s",
                "-Dchangefeed.kafka.topic-prefix=" + topicPrefix,
                "-Dchangefeed.kafka.offsets-topic=" + topicPrefix + "offsets",
                "-Dchangefeed.objects.Account.fields=Name,OwnerId,Industry,BillingState",
                "-Dchangefeed.objects.Opportunity.fields=Name,StageName,Amount,AccountId"));
        for (String other : OTHER_OBJECTS) {
            command.add("-Dchangefeed.objects." + other + ".enabled=false");
        }
        command.addAll(List.of("-jar", Path.of(System.getProperty("basedir", "."), "target", "quarkus-app",
                "quarkus-run.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service-" + generation + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("changefeed"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("SALESFORCE_LOGIN_URL", PrivateOrg.emulator().soapUrl("64.0"));
        env.put("SALESFORCE_USERNAME", EmulatorConfig.ADMIN_USERNAME);
        env.put("SALESFORCE_PASSWORD", EmulatorConfig.ADMIN_PASSWORD);
        Process process = builder.start();
        children.add(process);
        return process;
    }

    /**
     * Waits until every captured object is RUNNING (a poll succeeded, so the snapshot is committed) and this process
     * has published at least {@code minPublished} events per object — i.e. it really made progress — and returns the
     * smallest per-object count. Readiness alone is not enough: it is UP while the capture is still STARTING.
     */
    private long awaitCapturing(int httpPort, Process service, long minPublished, String when)
            throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("the service died on its own (" + when + "), see " + work);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort
                        + "/api/v1/feed/status").toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(3000);
                connection.setRequestProperty("Authorization", "Bearer " + TestTokens.viewer());
                if (connection.getResponseCode() == 200) {
                    JsonNode statuses;
                    try (var body = connection.getInputStream()) {
                        statuses = ContractsJson.mapper().readTree(body);
                    }
                    last = statuses.toString();
                    long least = Long.MAX_VALUE;
                    boolean capturing = statuses.size() == OBJECTS.size();
                    for (JsonNode status : statuses) {
                        capturing &= "RUNNING".equals(status.path("state").asText())
                                && status.path("snapshotDone").asBoolean();
                        least = Math.min(least, status.path("published").asLong());
                    }
                    if (capturing && least >= minPublished) {
                        return least;
                    }
                }
                connection.disconnect();
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not capture within " + READY_TIMEOUT + " (" + when + "); last "
                + "status " + last + ", see " + work);
    }

    private static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(500);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test's class path, which holds the Kafka broker's jars (through testkit). */
    private static String testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path");
        return classPath == null || classPath.isBlank() ? System.getProperty("java.class.path") : classPath;
    }

    /** A single-node KRaft broker in its own JVM ({@code kafka.Kafka}), killable and restartable on its log dir. */
    private final class BrokerProcess {
        private final Path dir;
        private final int port;
        private final int controllerPort;
        private Process process;
        private int generation;

        BrokerProcess(Path dir, int port, int controllerPort) throws IOException {
            this.dir = dir;
            this.port = port;
            this.controllerPort = controllerPort;
            Files.createDirectories(dir.resolve("logs"));
            String config = String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + dir.resolve("logs").toAbsolutePath(),
                    "num.partitions=1",
                    "auto.create.topics.enable=true",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "transaction.state.log.num.partitions=3",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "");
            Files.writeString(dir.resolve("server.properties"), config);
            Process format = java("kafka.tools.StorageTool", List.of("format", "--cluster-id",
                    org.apache.kafka.common.Uuid.randomUuid().toString(), "--config",
                    dir.resolve("server.properties").toString(), "--ignore-formatted"), dir.resolve("format.log"));
            try {
                if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    throw new IllegalStateException("formatting the broker storage failed, see " + dir);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String bootstrapServers() {
            return "127.0.0.1:" + port;
        }

        void start() throws InterruptedException {
            process = java("kafka.Kafka", List.of(dir.resolve("server.properties").toString()),
                    dir.resolve("broker-" + (generation++) + ".log"));
            await(READY_TIMEOUT, "the broker is ready", this::ready);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        private boolean ready() {
            if (!process.isAlive()) {
                throw new AssertionError("the broker died, see " + dir);
            }
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
            try (Admin admin = Admin.create(props)) {
                return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes()
                        .get(4, TimeUnit.SECONDS).isEmpty();
            } catch (Exception notYet) {
                return false;
            }
        }

        private Process java(String mainClass, List<String> args, Path log) {
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", testClassPath(), mainClass));
            command.addAll(args);
            try {
                Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .start();
                children.add(started);
                return started;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + mainClass, e);
            }
        }
    }

    /** PostgreSQL on a fixed port and data directory, so that it can be stopped and started again with its data. */
    private static final class RestartablePostgres {
        private final Path dataDirectory;
        private final int port;
        private EmbeddedPostgres server;

        RestartablePostgres(Path dataDirectory, int port) {
            this.dataDirectory = dataDirectory;
            this.port = port;
        }

        void start() throws IOException {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("fsync", "off")
                    .start();
        }

        void stop() {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot stop PostgreSQL", e);
                }
                server = null;
            }
        }

        void createDatabase(String name) throws SQLException {
            try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
        }

        String jdbcUrl(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres");
        }
    }
}
