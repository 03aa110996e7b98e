package dev.planbridge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ComposeTest {

    private static JsonNode compose() throws IOException {
        return Manifests.YAML.readTree(RepoFiles.resolve("docker-compose.yml").toFile());
    }

    @Test
    void shouldDescribeTheSameServicesPortsAndHealthchecksAsTheLocalStack() throws IOException {
        ComposeCheck check = new ComposeCheck(LocalStack.PORTS, ServiceEnv.of(RepoFiles.root()));

        assertEquals(List.of(), check.violations(compose()));
    }

    @Test
    void shouldCreateEachServiceDatabaseAndPointEachServiceAtIt() throws IOException {
        String init = RepoFiles.read(RepoFiles.resolve("deploy/compose/postgres-init.sql"));
        Set<String> created = new TreeSet<>();
        Matcher database = Pattern.compile("(?i)CREATE DATABASE\\s+(\\w+)").matcher(init);
        while (database.find()) {
            created.add(database.group(1));
        }
        JsonNode services = compose().path("services");

        assertEquals(new TreeSet<>(LocalStack.DATABASES.values()), created);
        assertTrue(services.path("postgres").path("volumes").toString().contains("/docker-entrypoint-initdb.d/"),
                "the init script is mounted into the postgres container");
        LocalStack.DATABASES.forEach((service, db) -> assertEquals("jdbc:postgresql://postgres:5432/" + db,
                ComposeCheck.environmentValue(services.path(service), "QUARKUS_DATASOURCE_JDBC_URL"), service));
    }

    @Test
    void shouldRunOfficialImagesOfTheSuiteVersions() throws IOException {
        JsonNode services = compose().path("services");

        assertEquals("postgres:16", services.path("postgres").path("image").asText());
        assertTrue(services.path("kafka").path("image").asText().matches("apache/kafka:4\\.1\\.\\d+"),
                services.path("kafka").path("image").asText());
        String roles = ComposeCheck.environmentValue(services.path("kafka"), "KAFKA_PROCESS_ROLES");
        assertEquals("broker,controller", roles, "a single KRaft node is broker and controller");
        String version = System.getProperty("planbridge.version");
        for (String service : List.of("planning-service", "change-feed-service", "sync-service", "salesforce-emulator")) {
            assertEquals("planbridge/" + service + ":" + version, services.path(service).path("image").asText());
        }
        for (String service : ServiceEnv.SERVICES) {
            assertEquals("0.0.0.0", ComposeCheck.environmentValue(services.path(service), "QUARKUS_HTTP_HOST"),
                    service + " listens on the container's interfaces, not loopback");
        }
    }

    @Test
    void shouldBuildTheEmulatorImageAsANonRootUser() throws IOException {
        JsonNode emulator = compose().path("services").path("salesforce-emulator");
        Path dockerfile = RepoFiles.root().resolve(emulator.path("build").path("dockerfile").asText());
        String text = Files.readString(dockerfile);

        assertTrue(text.contains("FROM eclipse-temurin:17-jre"), "base image");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(text);
        assertTrue(user.find(), "the Dockerfile sets USER");
        assertTrue(!user.group(1).startsWith("0") && !user.group(1).startsWith("root"), "USER " + user.group(1));
        assertTrue(text.contains("salesforce-emulator/target/salesforce-emulator.jar"), "runs the emulator's built jar");
        // The emulator listens on 127.0.0.1 by default: in a container it must bind all interfaces.
        assertTrue(emulator.path("command").toString().contains("\"--bind\",\"0.0.0.0\""), "compose command binds 0.0.0.0");
    }
}
