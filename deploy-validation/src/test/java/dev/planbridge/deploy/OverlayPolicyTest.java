package dev.planbridge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OverlayPolicyTest {

    private static final String EMULATOR = "salesforce-emulator";

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = {"demo", "production"})
    void shouldPassEveryDeploymentPolicy(String overlay) {
        PolicyCheck policies = new PolicyCheck(ServiceEnv.of(RepoFiles.root()));

        List<String> violations = policies.violations(Overlays.rendered(overlay));

        assertEquals(List.of(), violations, "policy violations in overlays/" + overlay);
    }

    @Test
    void baseShouldPassEveryDeploymentPolicyOnItsOwn() {
        PolicyCheck policies = new PolicyCheck(ServiceEnv.of(RepoFiles.root()));

        List<String> violations = policies.violations(Manifests.render(RepoFiles.resolve("deploy/k8s/base")));

        assertEquals(List.of(), violations, "policy violations in deploy/k8s/base");
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = {"demo", "production"})
    void shouldListenOnTheSuitePorts(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        for (String service : ServiceEnv.SERVICES) {
            int port = LocalStack.PORTS.get(service).get(0);
            Service kubeService = manifests.named("Service", service, Service.class).orElseThrow(
                    () -> new AssertionError("no Service " + service + " in overlays/" + overlay));
            assertEquals(port, kubeService.getSpec().getPorts().get(0).getPort(), service + " Service port");
            Container container = container(manifests, service);
            assertEquals(port, container.getPorts().get(0).getContainerPort(), service + " container port");
            assertEquals("0.0.0.0", configValue(manifests, deployment(manifests, service), "QUARKUS_HTTP_HOST"),
                    service + " listens on the pod's interfaces, not loopback");
        }
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = {"demo", "production"})
    void shouldMountTheJwtPublicKeyWhereTheServicesLookForIt(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        for (String service : ServiceEnv.SERVICES) {
            Deployment deployment = deployment(manifests, service);
            String location = configValue(manifests, deployment, "PLANBRIDGE_JWT_PUBLIC_KEY_LOCATION");
            assertNotNull(location, service + ": PLANBRIDGE_JWT_PUBLIC_KEY_LOCATION");
            assertTrue(location.startsWith("file:"), service + ": key location must be a mounted file, got " + location);
            String file = location.substring("file:".length());
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            boolean mountedFromSecretOrConfigMap = pod.getContainers().get(0).getVolumeMounts().stream()
                    .filter(m -> file.startsWith(m.getMountPath().endsWith("/") ? m.getMountPath() : m.getMountPath() + "/"))
                    .map(m -> volume(pod, m.getName()))
                    .anyMatch(v -> v.getSecret() != null || v.getConfigMap() != null);
            assertTrue(mountedFromSecretOrConfigMap, service + ": " + file + " is not on a Secret or ConfigMap volume");
        }
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = {"demo", "production"})
    void shouldDocumentEverySecretTheManifestsReference(String overlay) {
        String deployDoc = RepoFiles.read(RepoFiles.resolve("docs/deploy.md"));
        Set<String> referenced = referencedSecrets(Overlays.rendered(overlay));
        Set<String> undocumented = new TreeSet<>();
        referenced.stream().filter(s -> !deployDoc.contains(s)).forEach(undocumented::add);

        assertFalse(referenced.isEmpty(), "the services read credentials from Secrets");
        assertEquals(Set.of(), undocumented, "Secrets referenced by overlays/" + overlay + " but not in docs/deploy.md");
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = {"demo", "production"})
    void shouldRestrictTrafficOfEveryPod(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        List<NetworkPolicy> policies = manifests.ofKind("NetworkPolicy", NetworkPolicy.class);
        for (Deployment deployment : manifests.ofKind("Deployment", Deployment.class)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            Set<String> types = new HashSet<>();
            policies.stream()
                    .filter(p -> p.getSpec().getPodSelector().getMatchExpressions() == null
                            || p.getSpec().getPodSelector().getMatchExpressions().isEmpty())
                    .filter(p -> labels.entrySet().containsAll(
                            Optional.ofNullable(p.getSpec().getPodSelector().getMatchLabels()).orElse(Map.of()).entrySet()))
                    .forEach(p -> types.addAll(p.getSpec().getPolicyTypes()));
            assertEquals(Set.of("Ingress", "Egress"), types,
                    deployment.getMetadata().getName() + ": ingress and egress must both be governed by NetworkPolicies");
        }
    }

    @ParameterizedTest(name = "overlays/{0}")
    @ValueSource(strings = {"demo", "production"})
    void shouldRunPlanbridgeImagesOfTheProjectVersion(String overlay) {
        String version = System.getProperty("planbridge.version");
        assertNotNull(version, "system property planbridge.version (set by the pom)");
        for (Deployment deployment : Overlays.rendered(overlay).ofKind("Deployment", Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String image = container.getImage();
                if (image.contains("planbridge/")) {
                    assertTrue(image.endsWith(":" + version), image + " is not tagged with the project version " + version);
                }
            }
        }
    }

    @Test
    void productionShouldRunEveryServiceHighlyAvailable() {
        Manifests production = Overlays.rendered("production");
        List<PodDisruptionBudget> budgets = production.ofKind("PodDisruptionBudget", PodDisruptionBudget.class);
        for (String service : ServiceEnv.SERVICES) {
            Deployment deployment = deployment(production, service);
            assertTrue(deployment.getSpec().getReplicas() >= 2, service + " runs 2+ replicas");
            assertTrue(budgets.stream().anyMatch(b -> service.equals(
                    b.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name"))
                    && b.getSpec().getMinAvailable() != null), service + " has a PodDisruptionBudget");
            Set<String> spreadKeys = new HashSet<>();
            Optional.ofNullable(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .orElse(List.of()).forEach(c -> spreadKeys.add(c.getTopologyKey()));
            assertTrue(spreadKeys.containsAll(Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone")),
                    service + " spreads over nodes and zones, has " + spreadKeys);
        }
        List<HorizontalPodAutoscaler> autoscalers = production.ofKind("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
        Set<String> autoscaled = new TreeSet<>();
        for (HorizontalPodAutoscaler hpa : autoscalers) {
            String target = hpa.getSpec().getScaleTargetRef().getName();
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            deployment(production, target);
            assertTrue(hpa.getSpec().getMinReplicas() >= 2, target + " autoscaler keeps 2+ replicas");
            assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas(), target + " autoscaler can scale out");
            autoscaled.add(target);
        }
        // The change feed is active/standby (one capture lease holder), so it has a fixed 2 replicas and no autoscaler.
        assertEquals(new TreeSet<>(Set.of("planning-service", "sync-service")), autoscaled);
        assertEquals(2, deployment(production, "change-feed-service").getSpec().getReplicas());
        assertTrue(production.named("Deployment", EMULATOR, Deployment.class).isEmpty(), "no emulator in production");
    }

    @Test
    void demoShouldRunOneReplicaOfEverythingAgainstTheEmulator() {
        Manifests demo = Overlays.rendered("demo");
        Deployment emulator = deployment(demo, EMULATOR);
        assertNotNull(demo.named("Service", EMULATOR, Service.class).orElse(null), "emulator Service");
        assertEquals(List.of(8090, 8443), container(demo, EMULATOR).getPorts().stream()
                .map(p -> p.getContainerPort()).toList());
        // The emulator listens on 127.0.0.1 by default: in a pod it must bind all interfaces.
        assertTrue(String.join(" ", container(demo, EMULATOR).getArgs()).contains("--bind 0.0.0.0"), "emulator --bind");
        for (String service : List.of("planning-service", "change-feed-service", "sync-service", EMULATOR)) {
            assertEquals(1, deployment(demo, service).getSpec().getReplicas(), service + " replicas in the demo");
        }
        for (String service : List.of("change-feed-service", "sync-service")) {
            String loginUrl = configValue(demo, deployment(demo, service), "SALESFORCE_LOGIN_URL");
            assertEquals("http://" + EMULATOR + ":8090/services/Soap/u/64.0", loginUrl, service + " logs in to the emulator");
        }
        assertNotNull(emulator);
    }

    private static Deployment deployment(Manifests manifests, String name) {
        return manifests.named("Deployment", name, Deployment.class)
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private static Container container(Manifests manifests, String name) {
        return deployment(manifests, name).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("volume mount " + name + " without a volume"));
    }

    /** The value of an env var set directly or through an envFrom ConfigMap. */
    private static String configValue(Manifests manifests, Deployment deployment, String name) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (env.getName().equals(name)) {
                return env.getValue();
            }
        }
        return Optional.ofNullable(container.getEnvFrom()).orElse(List.of()).stream()
                .filter(s -> s.getConfigMapRef() != null)
                .map(s -> manifests.named("ConfigMap", s.getConfigMapRef().getName(), ConfigMap.class).orElseThrow())
                .map(c -> c.getData().get(name))
                .filter(v -> v != null)
                .findFirst().orElse(null);
    }

    private static Set<String> referencedSecrets(Manifests manifests) {
        Set<String> names = new TreeSet<>();
        for (JsonNode deployment : manifests.ofKind("Deployment")) {
            collectSecretNames(deployment, names);
        }
        return names;
    }

    private static void collectSecretNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            if (node.has("secretKeyRef")) {
                names.add(node.get("secretKeyRef").path("name").asText());
            }
            if (node.has("secret") && node.get("secret").has("secretName")) {
                names.add(node.get("secret").get("secretName").asText());
            }
            node.elements().forEachRemaining(child -> collectSecretNames(child, names));
        } else if (node.isArray()) {
            node.forEach(child -> collectSecretNames(child, names));
        }
    }
}
