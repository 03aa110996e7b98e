package dev.planbridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** docker-compose.yml against the local stack: same services, host ports, healthchecks, ordered start-up, env. */
final class ComposeCheck {

    private final Map<String, List<Integer>> expectedPorts;
    private final Map<String, ServiceEnv> envByService;

    ComposeCheck(Map<String, List<Integer>> expectedPorts, Map<String, ServiceEnv> envByService) {
        this.expectedPorts = Map.copyOf(expectedPorts);
        this.envByService = Map.copyOf(envByService);
    }

    List<String> violations(JsonNode compose) {
        List<String> violations = new ArrayList<>();
        JsonNode services = compose.path("services");
        if (!services.isObject() || services.isEmpty()) {
            violations.add("docker-compose.yml has no services");
            return violations;
        }
        Set<String> longRunning = new TreeSet<>();
        Set<String> oneShot = new HashSet<>();
        Set<String> healthchecked = new HashSet<>();
        services.fields().forEachRemaining(entry -> {
            if (isOneShot(entry.getValue())) {
                oneShot.add(entry.getKey());
            } else {
                longRunning.add(entry.getKey());
            }
            if (hasHealthcheck(entry.getValue())) {
                healthchecked.add(entry.getKey());
            }
        });
        if (!longRunning.equals(new TreeSet<>(expectedPorts.keySet()))) {
            violations.add("services " + longRunning + " differ from the local stack's " + new TreeSet<>(expectedPorts.keySet()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            String at = "service " + name;
            PolicyCheck.checkImage(at, service.path("image").asText(null), violations);
            Set<Integer> published = publishedPorts(at, service.path("ports"), violations);
            if (oneShot.contains(name)) {
                if (!published.isEmpty()) {
                    violations.add(at + ": a one-shot service must not publish ports");
                }
            } else {
                if (!healthchecked.contains(name)) {
                    violations.add(at + ": no healthcheck");
                }
                List<Integer> expected = expectedPorts.get(name);
                if (expected != null && !published.equals(new HashSet<>(expected))) {
                    violations.add(at + ": publishes host ports " + new TreeSet<>(published) + ", the local stack uses " + expected);
                }
            }
            checkDependsOn(at, service.path("depends_on"), services, oneShot, healthchecked, violations);
            ServiceEnv env = envByService.get(name);
            if (env != null) {
                Set<String> provided = environmentNames(service.path("environment"));
                Set<String> missing = new TreeSet<>(env.required());
                missing.removeAll(provided);
                if (!missing.isEmpty()) {
                    violations.add(at + ": environment variables the service reads are not set: " + missing);
                }
                Set<String> unknown = new TreeSet<>();
                provided.stream().filter(n -> !env.isKnown(n)).forEach(unknown::add);
                if (!unknown.isEmpty()) {
                    violations.add(at + ": sets environment variables the service does not read (typo?): " + unknown);
                }
            }
        }
        return violations;
    }

    static boolean isOneShot(JsonNode service) {
        JsonNode restart = service.path("restart");
        return restart.isBoolean() ? !restart.booleanValue() : "no".equals(restart.asText());
    }

    private static boolean hasHealthcheck(JsonNode service) {
        JsonNode healthcheck = service.path("healthcheck");
        if (!healthcheck.isObject() || healthcheck.path("disable").asBoolean(false)) {
            return false;
        }
        JsonNode test = healthcheck.path("test");
        if (test.isTextual()) {
            return !test.asText().isBlank();
        }
        return test.isArray() && test.size() > 1 && !"NONE".equals(test.get(0).asText());
    }

    private static Set<Integer> publishedPorts(String at, JsonNode ports, List<String> violations) {
        Set<Integer> published = new HashSet<>();
        if (ports.isMissingNode() || ports.isNull()) {
            return published;
        }
        for (JsonNode port : ports) {
            try {
                if (port.isObject()) {
                    published.add(Integer.parseInt(port.path("published").asText()));
                } else {
                    String[] parts = port.asText().split("/")[0].split(":");
                    if (parts.length < 2) {
                        violations.add(at + ": port " + port.asText() + " has no fixed host port");
                        continue;
                    }
                    published.add(Integer.parseInt(parts[parts.length - 2]));
                }
            } catch (NumberFormatException e) {
                violations.add(at + ": unreadable port mapping " + port);
            }
        }
        return published;
    }

    private static void checkDependsOn(String at, JsonNode dependsOn, JsonNode services, Set<String> oneShot,
            Set<String> healthchecked, List<String> violations) {
        if (dependsOn.isMissingNode() || dependsOn.isNull()) {
            return;
        }
        if (!dependsOn.isObject()) {
            violations.add(at + ": depends_on must name a condition for each dependency (long syntax)");
            return;
        }
        dependsOn.fields().forEachRemaining(dependency -> {
            String target = dependency.getKey();
            String condition = dependency.getValue().path("condition").asText("");
            if (!services.has(target)) {
                violations.add(at + ": depends on unknown service " + target);
            } else if (oneShot.contains(target)) {
                if (!condition.equals("service_completed_successfully")) {
                    violations.add(at + ": must wait for one-shot " + target + " with condition service_completed_successfully");
                }
            } else if (!condition.equals("service_healthy")) {
                violations.add(at + ": must wait for " + target + " with condition service_healthy, not '" + condition + "'");
            } else if (!healthchecked.contains(target)) {
                violations.add(at + ": waits for " + target + " to be healthy, but it has no healthcheck");
            }
        });
    }

    static Set<String> environmentNames(JsonNode environment) {
        Set<String> names = new HashSet<>();
        if (environment.isObject()) {
            environment.fieldNames().forEachRemaining(names::add);
        } else if (environment.isArray()) {
            environment.forEach(e -> names.add(e.asText().split("=", 2)[0]));
        }
        return names;
    }

    static String environmentValue(JsonNode service, String name) {
        JsonNode environment = service.path("environment");
        if (environment.isObject()) {
            return environment.path(name).asText(null);
        }
        for (JsonNode e : environment) {
            String[] parts = e.asText().split("=", 2);
            if (parts[0].equals(name)) {
                return parts.length == 2 ? parts[1] : "";
            }
        }
        return null;
    }
}
