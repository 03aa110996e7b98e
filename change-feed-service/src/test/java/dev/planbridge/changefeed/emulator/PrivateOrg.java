package dev.planbridge.changefeed.emulator;

import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.admin.AdminApi;
import dev.planbridge.emulator.generate.OrgGenerator;
import dev.planbridge.salesforce.SalesforceConfig;
import dev.planbridge.salesforce.SalesforceProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * An emulator of its own for the plain-JUnit capture tests, so that their fault rules and activity never reach the
 * shared emulator of the Quarkus tests (and the other way round).
 */
final class PrivateOrg {

    static final String ORG_ID = "00DPb0000000CFT";
    private static SalesforceEmulator emulator;
    private static final String ADMIN_TOKEN = "changefeed-test-admin";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static boolean adminApiInstalled;

    private PrivateOrg() {
    }

    static synchronized SalesforceEmulator emulator() {
        if (emulator == null) {
            SalesforceEmulator started = SalesforceEmulator.start(EmulatorConfig.builder().orgId(ORG_ID).build());
            OrgGenerator.generate(started.org(), new OrgGenerator.Options(60, 8, 7, LocalDate.of(2026, 11, 1)));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "private-emulator-stop"));
            emulator = started;
        }
        return emulator;
    }

    /**
     * Calls the emulator's admin REST API (installed on first use), e.g. {@code POST /emulator/schema/Account/fields},
     * as an administrator changes the org in Setup; fails unless it answers 2xx.
     */
    static String adminCall(String method, String path, String jsonBody) {
        synchronized (PrivateOrg.class) {
            if (!adminApiInstalled) {
                AdminApi.install(emulator(), ADMIN_TOKEN);
                adminApiInstalled = true;
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator().httpBaseUrl() + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static SalesforceConfig passwordLogin(String username, String password) {
        return config(Map.of("salesforce.username", username, "salesforce.password", password), 200);
    }

    /** The admin with the largest query pages (2000), as in production. */
    static SalesforceConfig adminWithLargePages() {
        return config(Map.of("salesforce.username", EmulatorConfig.ADMIN_USERNAME,
                "salesforce.password", EmulatorConfig.ADMIN_PASSWORD), 2000);
    }

    static SalesforceConfig admin() {
        return passwordLogin(EmulatorConfig.ADMIN_USERNAME, EmulatorConfig.ADMIN_PASSWORD);
    }

    static SalesforceConfig oauth() {
        return config(Map.of("salesforce.client-id", EmulatorConfig.DEMO_CLIENT_ID,
                "salesforce.client-secret", EmulatorConfig.DEMO_CLIENT_SECRET), 200);
    }

    /** The service's settings (application.properties): the capture engine owns retries, so the client makes none. */
    private static SalesforceConfig config(Map<String, String> credentials, int queryBatchSize) {
        Map<String, String> properties = new HashMap<>(credentials);
        properties.put("salesforce.login-url", emulator().soapUrl("64.0"));
        properties.put("salesforce.api-version", "64.0");
        properties.put("salesforce.read-timeout", "10s");
        properties.put("salesforce.query-batch-size", String.valueOf(queryBatchSize));
        properties.put("salesforce.retry.max-attempts", "1");
        return SalesforceProperties.toConfig(properties);
    }

    static String userId(String username) {
        return (String) emulator().org().find("User", "Username", username).get(0).get("Id");
    }
}
