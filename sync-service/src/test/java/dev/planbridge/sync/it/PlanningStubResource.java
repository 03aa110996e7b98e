package dev.planbridge.sync.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock server standing in for the planning service's desired-state endpoint, so tests can serve plans they
 * build from the emulator's org and inject planning outages. One per JVM.
 */
public class PlanningStubResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "planning-stub-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("planning.url", server().baseUrl(), "planning.token", "test-service-token");
    }

    @Override
    public void stop() {
        // shared by every boot in this JVM
    }
}
