package dev.planbridge.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local stack's topology (issue 3, `./planbridge up`): its processes and the fixed host ports each one listens on.
 * docker-compose.yml must describe the same thing.
 */
final class LocalStack {

    /** Process name (= compose service name) to its host ports, in the suite's conventional order. */
    static final Map<String, List<Integer>> PORTS;

    static {
        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        ports.put("postgres", List.of(55432));
        ports.put("kafka", List.of(9092));
        ports.put("salesforce-emulator", List.of(8090, 8443));
        ports.put("planning-service", List.of(8081));
        ports.put("change-feed-service", List.of(8082));
        ports.put("sync-service", List.of(8083));
        PORTS = java.util.Collections.unmodifiableMap(ports);
    }

    /** The database each service owns, in the one PostgreSQL. */
    static final Map<String, String> DATABASES = Map.of(
            "planning-service", "planning",
            "change-feed-service", "changefeed",
            "sync-service", "sync");

    private LocalStack() {
    }
}
