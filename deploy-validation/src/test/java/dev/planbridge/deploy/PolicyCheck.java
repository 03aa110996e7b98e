package dev.planbridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The deployment policies, applied to every object of a rendered overlay. Returns violations as readable sentences
 * (empty = compliant) so a failing test says exactly what to fix.
 */
final class PolicyCheck {

    /** Env var / ConfigMap key names that hold credentials and so must come from a Secret. */
    static final Pattern CREDENTIAL_NAME =
            Pattern.compile(".*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY|USERNAME).*", Pattern.CASE_INSENSITIVE);
    /** Credentials smuggled into values: user:password@host URLs or password= parameters. */
    static final Pattern CREDENTIAL_VALUE =
            Pattern.compile("(?i)(://[^/@\\s:]+:[^/@\\s]+@)|([?&;]password=)|(-----BEGIN [A-Z ]*PRIVATE KEY-----)");

    private final Map<String, ServiceEnv> envByService;

    PolicyCheck(Map<String, ServiceEnv> envByService) {
        this.envByService = Map.copyOf(envByService);
    }

    List<String> violations(Manifests manifests) {
        List<String> violations = new ArrayList<>();
        UnknownFields.check(manifests, violations);
        Map<String, ConfigMap> configMaps = new HashMap<>();
        for (ConfigMap configMap : manifests.ofKind("ConfigMap", ConfigMap.class)) {
            configMaps.put(configMap.getMetadata().getName(), configMap);
            checkConfigMap(configMap, violations);
        }
        for (JsonNode secret : manifests.ofKind("Secret")) {
            violations.add(Manifests.describe(secret) + ": Secrets must not be part of the manifests; reference them"
                    + " with secretKeyRef and create them out of band (docs/deploy.md)");
        }
        for (Deployment deployment : manifests.ofKind("Deployment", Deployment.class)) {
            checkWorkload("Deployment/" + deployment.getMetadata().getName(), deployment.getSpec().getTemplate(),
                    configMaps, violations);
        }
        for (StatefulSet statefulSet : manifests.ofKind("StatefulSet", StatefulSet.class)) {
            checkWorkload("StatefulSet/" + statefulSet.getMetadata().getName(), statefulSet.getSpec().getTemplate(),
                    configMaps, violations);
        }
        for (JsonNode cluster : manifests.ofKind("Cluster")) {
            JsonNode imageName = cluster.path("spec").path("imageName");
            if (cluster.path("apiVersion").asText().startsWith("postgresql.cnpg.io/") && !imageName.isMissingNode()) {
                checkImage(Manifests.describe(cluster), imageName.asText(), violations);
            }
        }
        Set<String> deploymentNames = new HashSet<>();
        manifests.ofKind("Deployment").forEach(d -> deploymentNames.add(d.path("metadata").path("name").asText()));
        for (String service : envByService.keySet()) {
            if (!deploymentNames.contains(service)) {
                violations.add("Deployment/" + service + " is missing");
            }
        }
        return violations;
    }

    private void checkConfigMap(ConfigMap configMap, List<String> violations) {
        String where = "ConfigMap/" + configMap.getMetadata().getName();
        Map<String, String> data = Optional.ofNullable(configMap.getData()).orElse(Map.of());
        data.forEach((key, value) -> {
            if (CREDENTIAL_NAME.matcher(key).matches()) {
                violations.add(where + ": key " + key + " looks like a credential; credentials belong in a Secret (secretKeyRef)");
            }
            if (value != null && CREDENTIAL_VALUE.matcher(value).find()) {
                violations.add(where + ": value of " + key + " contains an inline credential");
            }
        });
    }

    private void checkWorkload(String where, PodTemplateSpec template, Map<String, ConfigMap> configMaps,
            List<String> violations) {
        PodSpec pod = template.getSpec();
        PodSecurityContext podSecurity = Optional.ofNullable(pod.getSecurityContext()).orElse(new PodSecurityContext());
        String podSeccomp = podSecurity.getSeccompProfile() == null ? null : podSecurity.getSeccompProfile().getType();

        if (pod.getTerminationGracePeriodSeconds() == null) {
            violations.add(where + ": terminationGracePeriodSeconds is not set (graceful shutdown)");
        }
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())) {
            violations.add(where + ": must not use the host network or PID namespace");
        }
        String workloadName = where.substring(where.indexOf('/') + 1);
        if (envByService.containsKey(workloadName)) {
            checkPrometheusAnnotations(where, template, pod, violations);
        }

        List<Container> containers = new ArrayList<>(pod.getContainers());
        Optional.ofNullable(pod.getInitContainers()).ifPresent(containers::addAll);
        for (Container container : containers) {
            boolean init = pod.getInitContainers() != null && pod.getInitContainers().contains(container);
            String at = where + " container " + container.getName();
            checkImage(at, container.getImage(), violations);
            checkResources(at, container.getResources(), violations);
            checkSecurity(at, container, podSecurity, podSeccomp, pod.getVolumes(), violations);
            checkEnvironment(at, container, configMaps, violations);
            if (!init) {
                checkProbes(at, container, violations);
                if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
                    violations.add(at + ": no preStop hook (graceful shutdown)");
                }
            }
        }
        if (envByService.containsKey(workloadName)) {
            Container main = pod.getContainers().get(0);
            Set<String> provided = providedEnv(main, configMaps);
            ServiceEnv env = envByService.get(workloadName);
            Set<String> missing = new TreeSet<>(env.required());
            missing.removeAll(provided);
            if (!missing.isEmpty()) {
                violations.add(where + ": environment variables the service reads are not provided: " + missing);
            }
            Set<String> unknown = new TreeSet<>();
            provided.stream().filter(name -> !env.isKnown(name)).forEach(unknown::add);
            if (!unknown.isEmpty()) {
                violations.add(where + ": sets environment variables the service does not read (typo?): " + unknown);
            }
        }
    }

    static void checkImage(String at, String image, List<String> violations) {
        if (image == null || image.isBlank()) {
            violations.add(at + ": no image");
            return;
        }
        if (image.contains("@sha256:")) {
            return;
        }
        int lastSlash = image.lastIndexOf('/');
        int colon = image.indexOf(':', lastSlash + 1);
        if (colon < 0) {
            violations.add(at + ": image " + image + " is not pinned by a tag");
        } else if (image.substring(colon + 1).equals("latest")) {
            violations.add(at + ": image " + image + " uses the floating tag latest");
        }
    }

    private static void checkResources(String at, ResourceRequirements resources, List<String> violations) {
        Map<String, Quantity> requests = resources == null || resources.getRequests() == null ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits = resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
        for (String resource : List.of("cpu", "memory")) {
            if (!requests.containsKey(resource)) {
                violations.add(at + ": no " + resource + " request");
            }
            if (!limits.containsKey(resource)) {
                violations.add(at + ": no " + resource + " limit");
            }
            if (requests.containsKey(resource) && limits.containsKey(resource)
                    && requests.get(resource).getNumericalAmount().compareTo(limits.get(resource).getNumericalAmount()) > 0) {
                violations.add(at + ": " + resource + " request exceeds its limit");
            }
        }
    }

    private static void checkSecurity(String at, Container container, PodSecurityContext podSecurity, String podSeccomp,
            List<Volume> volumes, List<String> violations) {
        SecurityContext security = Optional.ofNullable(container.getSecurityContext()).orElse(new SecurityContext());
        boolean nonRoot = Boolean.TRUE.equals(security.getRunAsNonRoot())
                || (security.getRunAsNonRoot() == null && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot()));
        if (!nonRoot) {
            violations.add(at + ": runAsNonRoot is not true");
        }
        Long user = security.getRunAsUser() != null ? security.getRunAsUser() : podSecurity.getRunAsUser();
        if (user != null && user == 0L) {
            violations.add(at + ": runs as user 0 (root)");
        }
        if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            violations.add(at + ": allowPrivilegeEscalation is not false");
        }
        if (Boolean.TRUE.equals(security.getPrivileged())) {
            violations.add(at + ": privileged");
        }
        if (security.getCapabilities() == null || security.getCapabilities().getDrop() == null
                || !security.getCapabilities().getDrop().contains("ALL")) {
            violations.add(at + ": capabilities do not drop ALL");
        } else if (security.getCapabilities().getAdd() != null && !security.getCapabilities().getAdd().isEmpty()) {
            violations.add(at + ": adds capabilities " + security.getCapabilities().getAdd());
        }
        String seccomp = security.getSeccompProfile() != null ? security.getSeccompProfile().getType() : podSeccomp;
        if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
            violations.add(at + ": seccompProfile is not RuntimeDefault");
        }
        if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
            violations.add(at + ": readOnlyRootFilesystem is not true");
        } else {
            Set<String> emptyDirs = new HashSet<>();
            Optional.ofNullable(volumes).orElse(List.of()).stream()
                    .filter(v -> v.getEmptyDir() != null).forEach(v -> emptyDirs.add(v.getName()));
            boolean writableTmp = Optional.ofNullable(container.getVolumeMounts()).orElse(List.of()).stream()
                    .anyMatch(m -> "/tmp".equals(m.getMountPath()) && emptyDirs.contains(m.getName())
                            && !Boolean.TRUE.equals(m.getReadOnly()));
            if (!writableTmp) {
                violations.add(at + ": read-only root filesystem without a writable emptyDir at /tmp");
            }
        }
    }

    private static void checkProbes(String at, Container container, List<String> violations) {
        checkProbe(at, "liveness", container.getLivenessProbe(), Set.of("/q/health/live"), violations);
        checkProbe(at, "readiness", container.getReadinessProbe(), Set.of("/q/health/ready"), violations);
        checkProbe(at, "startup", container.getStartupProbe(), Set.of("/q/health/started", "/q/health/live"), violations);
    }

    private static void checkProbe(String at, String kind, Probe probe, Set<String> paths, List<String> violations) {
        if (probe == null) {
            violations.add(at + ": no " + kind + " probe");
        } else if (probe.getHttpGet() == null) {
            violations.add(at + ": " + kind + " probe is not an HTTP check of the health endpoint");
        } else if (!paths.contains(probe.getHttpGet().getPath())) {
            violations.add(at + ": " + kind + " probe checks " + probe.getHttpGet().getPath() + ", expected one of " + paths);
        }
    }

    private static void checkEnvironment(String at, Container container, Map<String, ConfigMap> configMaps,
            List<String> violations) {
        for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            boolean credential = CREDENTIAL_NAME.matcher(env.getName()).matches();
            if (env.getValue() != null && CREDENTIAL_VALUE.matcher(env.getValue()).find()) {
                violations.add(at + ": env " + env.getName() + " contains an inline credential");
            }
            if (credential) {
                boolean fromSecret = env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null;
                if (!fromSecret) {
                    violations.add(at + ": credential env " + env.getName() + " must come from a Secret by secretKeyRef");
                }
            }
        }
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (source.getConfigMapRef() != null) {
                String name = source.getConfigMapRef().getName();
                if (!configMaps.containsKey(name) && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                    violations.add(at + ": envFrom references ConfigMap " + name + ", which the manifests do not contain");
                }
            }
        }
    }

    private static Set<String> providedEnv(Container container, Map<String, ConfigMap> configMaps) {
        Set<String> provided = new HashSet<>();
        Optional.ofNullable(container.getEnv()).orElse(List.of()).forEach(e -> provided.add(e.getName()));
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (source.getConfigMapRef() != null && configMaps.containsKey(source.getConfigMapRef().getName())) {
                String prefix = Objects.requireNonNullElse(source.getPrefix(), "");
                Optional.ofNullable(configMaps.get(source.getConfigMapRef().getName()).getData()).orElse(Map.of())
                        .keySet().forEach(key -> provided.add(prefix + key));
            }
        }
        return provided;
    }

    private static void checkPrometheusAnnotations(String where, PodTemplateSpec template, PodSpec pod,
            List<String> violations) {
        Map<String, String> annotations = template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? Map.of() : template.getMetadata().getAnnotations();
        if (!"true".equals(annotations.get("prometheus.io/scrape"))) {
            violations.add(where + ": pod annotation prometheus.io/scrape is not \"true\"");
        }
        if (!"/q/metrics".equals(annotations.get("prometheus.io/path"))) {
            violations.add(where + ": pod annotation prometheus.io/path is not /q/metrics");
        }
        Set<String> containerPorts = new HashSet<>();
        pod.getContainers().forEach(c -> Optional.ofNullable(c.getPorts()).orElse(List.of()).stream()
                .map(ContainerPort::getContainerPort).forEach(p -> containerPorts.add(String.valueOf(p))));
        if (!containerPorts.contains(annotations.get("prometheus.io/port"))) {
            violations.add(where + ": pod annotation prometheus.io/port (" + annotations.get("prometheus.io/port")
                    + ") is not a container port " + containerPorts);
        }
    }
}
