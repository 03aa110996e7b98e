package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing, minus the emulator and services: embedded PostgreSQL and the Kafka broker JVM started through the
 * launcher's classes on free ports in a temporary folder, stopped, started again (data survives), stopped, and
 * nothing left running or bound.
 */
class StackIntegrationTest {

    @TempDir
    Path repo;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private static StackPorts freePorts() throws IOException {
        return new StackPorts(PortGuardTest.freePort(), PortGuardTest.freePort(), PortGuardTest.freePort(),
                PortGuardTest.freePort(), PortGuardTest.freePort(), PortGuardTest.freePort(), PortGuardTest.freePort(),
                PortGuardTest.freePort());
    }

    private Stack stack(StackPorts ports, Set<StackProcess> components) {
        return new Stack(StackPaths.forRepository(repo), ports, Command.OrgSize.DEMO, components,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldStartPostgresAndKafkaKeepTheirDataAcrossRestartsAndLeaveNothingBehind() throws Exception {
        StackPorts ports = freePorts();
        StackPaths paths = StackPaths.forRepository(repo);
        Set<StackProcess> infrastructure = EnumSet.of(StackProcess.POSTGRES, StackProcess.KAFKA);
        List<Long> pids = new ArrayList<>();

        Stack first = stack(ports, infrastructure);
        first.preflight();
        try {
            first.start();
            pids.add(new PidFile(paths.childPidFile(StackProcess.POSTGRES)).read().orElseThrow());
            pids.add(new PidFile(paths.childPidFile(StackProcess.KAFKA)).read().orElseThrow());
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.postgres()
                    + "/planning", PostgresServer.ROLE, PostgresServer.ROLE_PASSWORD);
                 Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE survives_restart (id int)");
                sql.execute("INSERT INTO survives_restart VALUES (7)");
            }
            try (Admin admin = admin(ports)) {
                admin.createTopics(List.of(new NewTopic("plan.events", 1, (short) 1))).all().get();
            }
            assertTrue(first.urlTable().contains("127.0.0.1:" + ports.kafka()));
        } finally {
            first.stop();
        }
        assertNothingLeft(ports, pids);

        Stack second = stack(ports, infrastructure);
        second.preflight();
        try {
            second.start();
            pids.add(new PidFile(paths.childPidFile(StackProcess.KAFKA)).read().orElseThrow());
            pids.add(new PidFile(paths.childPidFile(StackProcess.POSTGRES)).read().orElseThrow());
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.postgres()
                    + "/planning", PostgresServer.ROLE, PostgresServer.ROLE_PASSWORD);
                 Statement sql = db.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT id FROM survives_restart")) {
                assertTrue(rows.next());
                assertEquals(7, rows.getInt(1));
            }
            try (Admin admin = admin(ports)) {
                assertTrue(admin.listTopics().names().get().contains("plan.events"));
            }
        } finally {
            second.stop();
        }
        assertNothingLeft(ports, pids);
        assertFalse(Files.exists(paths.kafkaData().resolve(KafkaLogDirLock.LOCK_FILE)), "a clean stop releases the lock");
        assertTrue(Files.list(paths.runDir()).findAny().isEmpty(), "no pid file left in .planbridge/run");
    }

    @Test
    void aProcessThatDiesDuringStartShouldStopTheOthersAndShowItsLog() throws Exception {
        StackPorts ports = freePorts();
        Path emulatorJar = StackPaths.forRepository(repo).emulatorJar();
        Files.createDirectories(emulatorJar.getParent());
        Files.writeString(emulatorJar, "not a jar");
        Stack stack = stack(ports, EnumSet.of(StackProcess.POSTGRES, StackProcess.SALESFORCE_EMULATOR));
        stack.preflight();

        StackException e = assertThrows(StackException.class, stack::start);

        assertTrue(e.getMessage().startsWith("salesforce-emulator exited"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("jarfile"), "the log's last lines are shown: " + e.getMessage());
        assertTrue(PortGuard.isFree(ports.postgres()), "PostgreSQL was stopped again");
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Stopping postgres"));
    }

    @Test
    void preflightShouldNameWhatIsNotBuilt() throws IOException {
        Stack stack = stack(freePorts(), EnumSet.of(StackProcess.SALESFORCE_EMULATOR, StackProcess.SYNC_SERVICE));

        StackException e = assertThrows(StackException.class, stack::preflight);

        assertTrue(e.getMessage().contains("salesforce-emulator/target/salesforce-emulator.jar"), e.getMessage());
        assertTrue(e.getMessage().contains("sync-service/target/quarkus-app/quarkus-run.jar"), e.getMessage());
        assertTrue(e.getMessage().contains("./mvnw -q -B -ntp -DskipTests install"), e.getMessage());
    }

    private static Admin admin(StackPorts ports) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports.kafka());
        return Admin.create(props);
    }

    private static void assertNothingLeft(StackPorts ports, List<Long> pids) {
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "pid " + pid + " still runs: " + ProcessHandle.of(pid).map(StackControl::commandLine).orElse(""));
        }
        for (Map.Entry<Integer, String> port : Map.of(ports.postgres(), "postgres", ports.kafka(), "kafka",
                ports.kafkaController(), "kafka controller").entrySet()) {
            assertTrue(waitUntilFree(port.getKey()), port.getValue() + " port " + port.getKey() + " still bound");
        }
    }

    private static boolean waitUntilFree(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (PortGuard.isFree(port)) {
                return true;
            }
            Readiness.sleep(Duration.ofMillis(100));
        }
        return false;
    }
}
