package dev.planbridge.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks fail on deliberately broken fixtures (src/test/resources/broken), one message per mistake. */
class BrokenFixtureTest {

    private static final Map<String, ServiceEnv> PLANNING_ENV = Map.of("planning-service", new ServiceEnv(
            Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "KAFKA_BOOTSTRAP_SERVERS"),
            Set.of(), Set.of("PLANNING_REPORTS_PAGE_SIZE"), Set.of("PLANNING")));

    @Test
    void shouldRejectEveryPolicyBreachOfTheBrokenOverlay() throws URISyntaxException {
        Manifests broken = Manifests.render(fixture("broken/k8s"));

        List<String> violations = new PolicyCheck(PLANNING_ENV).violations(broken);

        String container = "Deployment/planning-service container planning-service: ";
        String sidecar = "Deployment/planning-service container sidecar: ";
        assertReported(violations,
                "Secret/planning-service-db: Secrets must not be part of the manifests",
                "Deployment/planning-service: unknown field spec.template.spec.containers[1].securityContext.readOnlyRootFileSystem",
                "Cluster/broken-db: image ghcr.io/cloudnative-pg/postgresql is not pinned by a tag",
                "ConfigMap/planning-service-config: key QUARKUS_DATASOURCE_PASSWORD looks like a credential",
                "ConfigMap/planning-service-config: value of QUARKUS_DATASOURCE_JDBC_URL contains an inline credential",
                "Deployment/planning-service: terminationGracePeriodSeconds is not set",
                "Deployment/planning-service: pod annotation prometheus.io/scrape is not \"true\"",
                container + "image planbridge/planning-service:latest uses the floating tag latest",
                container + "no memory limit",
                container + "no cpu request",
                container + "runAsNonRoot is not true",
                container + "readOnlyRootFilesystem is not true",
                container + "allowPrivilegeEscalation is not false",
                container + "capabilities do not drop ALL",
                container + "seccompProfile is not RuntimeDefault",
                container + "no liveness probe",
                container + "no readiness probe",
                container + "no startup probe",
                container + "no preStop hook",
                container + "credential env SALESFORCE_PASSWORD must come from a Secret by secretKeyRef",
                sidecar + "image busybox is not pinned by a tag",
                sidecar + "runs as user 0 (root)",
                sidecar + "read-only root filesystem without a writable emptyDir at /tmp",
                sidecar + "liveness probe is not an HTTP check",
                "Deployment/planning-service: environment variables the service reads are not provided:"
                        + " [KAFKA_BOOTSTRAP_SERVERS, QUARKUS_DATASOURCE_USERNAME]",
                "Deployment/planning-service: sets environment variables the service does not read (typo?):"
                        + " [PLANING_URL, SALESFORCE_PASSWORD]");
    }

    @Test
    void shouldReportMissingServiceDeployments() {
        Manifests empty = Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata: {}\n");

        List<String> violations = new PolicyCheck(PLANNING_ENV).violations(empty);

        assertReported(violations, "Deployment/planning-service is missing");
    }

    @Test
    void shouldRejectEveryMismatchOfTheBrokenCompose() throws IOException, URISyntaxException {
        ComposeCheck check = new ComposeCheck(
                Map.of("postgres", List.of(55432), "kafka", List.of(9092), "planning-service", List.of(8081),
                        "salesforce-emulator", List.of(8090, 8443)),
                PLANNING_ENV);

        List<String> violations = check.violations(
                Manifests.YAML.readTree(fixture("broken/compose/docker-compose.yml").toFile()));

        assertReported(violations,
                "services [kafka, planning-service, postgres] differ from the local stack's",
                "service postgres: image postgres is not pinned by a tag",
                "service postgres: publishes host ports [5432], the local stack uses [55432]",
                "service kafka: image apache/kafka:latest uses the floating tag latest",
                "service kafka: no healthcheck",
                "service postgres: waits for kafka to be healthy, but it has no healthcheck",
                "service kafka-init: a one-shot service must not publish ports",
                "service planning-service: depends_on must name a condition for each dependency",
                "service planning-service: environment variables the service reads are not set:"
                        + " [QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME]",
                "service planning-service: sets environment variables the service does not read (typo?): [PLANNIG_URL]");
    }

    private static void assertReported(List<String> violations, String... expectedStarts) {
        for (String expected : expectedStarts) {
            assertTrue(violations.stream().anyMatch(v -> v.startsWith(expected)),
                    "expected a violation starting with\n  " + expected + "\nbut got:\n  " + String.join("\n  ", violations));
        }
    }

    private static Path fixture(String path) throws URISyntaxException {
        return Path.of(BrokenFixtureTest.class.getClassLoader().getResource(path).toURI());
    }
}
