package dev.planbridge.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.org.OrgSnapshotFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminApiTest {

    private static final String TOKEN = "test-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SalesforceEmulator emulator;
    private static AdminApi admin;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults());
        admin = AdminApi.install(emulator, TOKEN);
        http = HttpClient.newBuilder().sslContext(emulator.clientSslContext()).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stop() {
        admin.close();
        emulator.close();
    }

    @Test
    void shouldRefuseAdminCallsWithoutTheToken() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/emulator/counters")).GET(), null);
        assertEquals(401, none.statusCode());
        assertEquals(AdminApi.PROBLEM_JSON, none.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(401, JSON.readTree(none.body()).get("status").asInt());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));

        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/emulator/org/reset"))
                .header("Authorization", "Bearer not-the-token").POST(HttpRequest.BodyPublishers.noBody()), null);
        assertEquals(401, wrong.statusCode());
    }

    @Test
    void shouldServeHealthAndMetricsWithoutTokenOverHttpAndHttps() throws Exception {
        HttpResponse<String> live = send(HttpRequest.newBuilder(uri("/q/health/live")).GET(), null);
        assertEquals(200, live.statusCode());
        assertEquals("UP", JSON.readTree(live.body()).get("status").asText());

        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                URI.create(emulator.httpsBaseUrl() + "/q/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode());

        admin.setReady(false);
        try {
            assertEquals(503, send(HttpRequest.newBuilder(uri("/q/health/ready")).GET(), null).statusCode());
        } finally {
            admin.setReady(true);
        }

        HttpResponse<String> metrics = send(HttpRequest.newBuilder(uri("/q/metrics")).GET(), null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertTrue(metrics.body().contains("# TYPE sf_emulator_org_records gauge"));
        assertTrue(metrics.body().contains("sf_emulator_org_records{object=\"User\"}"));
    }

    @Test
    void shouldRoundTripSnapshotAndRestore() throws Exception {
        JsonNode seeded = admin("POST", "/emulator/org/seed", Map.of("accounts", 150, "users", 8, "seed", 5), 200);
        assertEquals(150, seeded.get("counts").get("Account").asInt());

        JsonNode snapshot = admin("POST", "/emulator/org/snapshot", null, 201);
        String snapshotId = snapshot.get("snapshotId").asText();
        emulator.org().insert(emulator.org().adminUserId(), "Account", Map.of("Name", "Added After Snapshot"));
        assertEquals(151, emulator.org().count("Account"));

        JsonNode restored = admin("POST", "/emulator/org/restore/" + snapshotId, null, 200);
        assertEquals(150, restored.get("counts").get("Account").asInt());
        assertEquals(150, emulator.org().count("Account"));
        assertTrue(emulator.org().find("Account", "Name", "Added After Snapshot").isEmpty());

        JsonNode missing = admin("POST", "/emulator/org/restore/snapshot-999", null, 404);
        assertTrue(missing.get("detail").asText().contains("snapshot-999"));

        JsonNode reset = admin("POST", "/emulator/org/reset", null, 200);
        assertEquals(0, reset.get("counts").get("Account").asInt());
        assertEquals(2, reset.get("counts").get("User").asInt());
    }

    @Test
    void shouldExportAndImportTheWholeOrgAsADocument() throws Exception {
        admin("POST", "/emulator/org/seed", Map.of("accounts", 120, "users", 6, "seed", 11), 200);
        HttpResponse<byte[]> export = http.send(HttpRequest.newBuilder(uri("/emulator/org/export"))
                .header("Authorization", "Bearer " + TOKEN).header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, export.statusCode());
        assertEquals("gzip", export.headers().firstValue("Content-Encoding").orElseThrow());
        byte[] document;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(export.body()))) {
            document = in.readAllBytes();
        }
        assertEquals(OrgSnapshotFile.FORMAT, JSON.readTree(document).get("format").asText());

        emulator.org().insert(emulator.org().adminUserId(), "Account", Map.of("Name", "After Export"));
        HttpResponse<String> imported = send(HttpRequest.newBuilder(uri("/emulator/org/import"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(document)), TOKEN);
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(120, JSON.readTree(imported.body()).get("counts").get("Account").asInt());
        assertEquals(120, emulator.org().count("Account"));

        HttpResponse<String> bad = send(HttpRequest.newBuilder(uri("/emulator/org/import"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"format\":\"nope\"}")), TOKEN);
        assertEquals(422, bad.statusCode());
        assertTrue(JSON.readTree(bad.body()).get("detail").asText().contains("not an emulator org snapshot"));
        assertEquals(120, emulator.org().count("Account"), "a refused document changes nothing");
        assertEquals(405, send(HttpRequest.newBuilder(uri("/emulator/org/export"))
                .POST(HttpRequest.BodyPublishers.noBody()), TOKEN).statusCode());
    }

    @Test
    void shouldSaveToAndLoadFromTheConfiguredSnapshotFile(@TempDir Path directory) throws Exception {
        admin.setSnapshotFile(null);
        assertTrue(admin("POST", "/emulator/org/save", null, 409).get("detail").asText().contains("--snapshot-file"));
        Path file = directory.resolve("org.json");
        admin.setSnapshotFile(file);
        try {
            admin("POST", "/emulator/org/load", null, 404);
            admin("POST", "/emulator/org/seed", Map.of("accounts", 80, "users", 5, "seed", 2), 200);
            JsonNode saved = admin("POST", "/emulator/org/save", null, 200);
            assertEquals(file.toString(), saved.get("savedTo").asText());
            assertTrue(saved.get("bytes").asLong() > 0);

            emulator.org().insert(emulator.org().adminUserId(), "Account", Map.of("Name", "Not Saved"));
            JsonNode loaded = admin("POST", "/emulator/org/load", null, 200);
            assertEquals(80, loaded.get("counts").get("Account").asInt());
            assertTrue(emulator.org().find("Account", "Name", "Not Saved").isEmpty());
        } finally {
            admin.setSnapshotFile(null);
        }
    }

    @Test
    void shouldDropQueryLocatorsAndTheSessionsOfUsersThatAreGoneWhenTheOrgIsReplaced() throws Exception {
        admin("POST", "/emulator/org/seed", Map.of("accounts", 500, "users", 6, "seed", 4), 200);
        PartnerConnection adminConnection = login();
        String rep = (String) emulator.org().find("User", "IsActive", true).stream()
                .filter(u -> !u.get("Id").equals(emulator.org().adminUserId())
                        && !EmulatorConfig.SYNC_USERNAME.equals(u.get("Username")))
                .findFirst().orElseThrow().get("Username");
        ConnectorConfig repConfig = new ConnectorConfig();
        repConfig.setAuthEndpoint(emulator.soapUrl("64.0"));
        repConfig.setUsername(rep);
        repConfig.setPassword(dev.planbridge.emulator.generate.OrgGenerator.GENERATED_USER_PASSWORD);
        PartnerConnection repConnection = Connector.newConnection(repConfig);
        adminConnection.setQueryOptions(200);
        com.sforce.soap.partner.QueryResult first = adminConnection.query("SELECT Id FROM Account");
        assertFalse(first.isDone());

        admin("POST", "/emulator/org/reset", null, 200);

        assertThrows(com.sforce.soap.partner.fault.InvalidQueryLocatorFault.class,
                () -> adminConnection.queryMore(first.getQueryLocator()));
        assertEquals(0, adminConnection.query("SELECT Id FROM Account").getSize(),
                "the admin still exists: its session keeps working");
        ConnectionException gone = assertThrows(ConnectionException.class,
                () -> repConnection.query("SELECT Id FROM User"));
        assertTrue(gone.toString().contains("INVALID_SESSION_ID"), "the rep is gone with the old org: " + gone);
    }

    @Test
    void shouldInjectFaultRulesThatRealClientsHit() throws Exception {
        admin("DELETE", "/emulator/faults", null, 200);
        PartnerConnection connection = login();

        JsonNode rule = admin("POST", "/emulator/faults",
                Map.of("type", "REQUEST_LIMIT_EXCEEDED", "nextCalls", 1, "call", "query"), 201);
        assertEquals("REQUEST_LIMIT_EXCEEDED", rule.get("type").asText());
        assertEquals(1, admin("GET", "/emulator/faults", null, 200).size());

        ApiFault fault = assertThrows(ApiFault.class, () -> connection.query("SELECT Id FROM Account"));
        assertEquals("REQUEST_LIMIT_EXCEEDED", fault.getExceptionCode().name());
        connection.query("SELECT Id FROM Account");
        assertEquals(0, admin("GET", "/emulator/faults", null, 200).size(), "a next-N rule is used up");

        admin("POST", "/emulator/faults", Map.of("type", "UNABLE_TO_LOCK_ROW", "nextCalls", 1, "object", "Account"),
                201);
        SObject first = new SObject("Account");
        first.setField("Name", "Locked One");
        SObject second = new SObject("Account");
        second.setField("Name", "Saved One");
        SaveResult[] results = connection.create(new SObject[]{first, second});
        assertFalse(results[0].isSuccess());
        assertEquals("UNABLE_TO_LOCK_ROW", results[0].getErrors()[0].getStatusCode().name());
        assertTrue(results[1].isSuccess());

        JsonNode bad = admin("POST", "/emulator/faults", Map.of("type", "NO_SUCH_FAULT"), 400);
        assertTrue(bad.get("detail").asText().contains("UNABLE_TO_LOCK_ROW"));
        admin("POST", "/emulator/faults", Map.of("type", "LATENCY"), 400);
        admin("DELETE", "/emulator/faults/fault-does-not-exist", null, 404);
    }

    @Test
    void shouldCountCallsPerTypeAndClient() throws Exception {
        admin("POST", "/emulator/counters/reset", null, 200);
        PartnerConnection connection = login();
        connection.setCallOptions("admin-api-test/1.0", null);
        connection.query("SELECT Id FROM User");
        connection.query("SELECT Id FROM User");

        JsonNode counters = admin("GET", "/emulator/counters", null, 200);
        assertEquals(2, counters.get("callsByType").get("query").asInt());
        assertEquals(2, counters.get("callsByClient").get("admin-api-test/1.0").asInt());
        assertTrue(counters.get("recordsPerCall").get("query").asDouble() >= 2, "both default users returned");

        String metrics = send(HttpRequest.newBuilder(uri("/q/metrics")).GET(), null).body();
        assertTrue(metrics.contains("sf_emulator_api_calls_total{call=\"query\"} 2"), metrics);
    }

    @Test
    void shouldRunTheSimulatorAndExposeTheChangeLog() throws Exception {
        admin("POST", "/emulator/org/seed", Map.of("accounts", 200, "users", 12, "seed", 9), 200);
        admin("POST", "/emulator/simulator/start", Map.of("changesPerSecond", "fast"), 400);

        JsonNode started = admin("POST", "/emulator/simulator/start", Map.of("changesPerSecond", 500, "seed", 3), 200);
        assertTrue(started.get("running").asBoolean());
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (admin.simulator().changes() < 30 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        JsonNode stopped = admin("POST", "/emulator/simulator/stop", null, 200);
        assertFalse(stopped.get("running").asBoolean());
        assertTrue(stopped.get("changes").asLong() >= 30);
        assertEquals(stopped, admin("GET", "/emulator/simulator", null, 200));

        JsonNode firstPage = admin("GET", "/emulator/changes?afterSequence=0&limit=10", null, 200);
        assertEquals(10, firstPage.get("changes").size());
        assertTrue(firstPage.get("hasMore").asBoolean());
        long last = firstPage.get("lastSequence").asLong();
        JsonNode secondPage = admin("GET", "/emulator/changes?afterSequence=" + last + "&limit=5", null, 200);
        assertTrue(secondPage.get("changes").get(0).get("sequence").asLong() > last);
        assertEquals(emulator.org().changeLogSince(last).get(0).id(), secondPage.get("changes").get(0).get("id").asText());
        admin("GET", "/emulator/changes?limit=0", null, 400);
    }

    @Test
    void shouldServeTheCertificateAndExpireSessions() throws Exception {
        HttpResponse<String> pem = send(HttpRequest.newBuilder(uri("/emulator/certificate")).GET(), TOKEN);
        assertEquals(200, pem.statusCode());
        assertTrue(pem.body().startsWith("-----BEGIN CERTIFICATE-----"));

        PartnerConnection connection = login();
        JsonNode expired = admin("POST", "/emulator/sessions/expire", null, 200);
        assertTrue(expired.get("expired").asInt() >= 1);
        ConnectionException fault = assertThrows(ConnectionException.class,
                () -> connection.query("SELECT Id FROM User"));
        assertTrue(fault.toString().contains("INVALID_SESSION_ID"), fault.toString());
    }

    @Test
    void shouldAnswerUnknownRoutesAndMethodsWithProblems() throws Exception {
        assertEquals("Not Found", admin("GET", "/emulator/nothing-here", null, 404).get("title").asText());
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/emulator/org/reset")).GET(), TOKEN);
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> malformed = send(HttpRequest.newBuilder(uri("/emulator/org/seed"))
                .POST(HttpRequest.BodyPublishers.ofString("{not json")), TOKEN);
        assertEquals(400, malformed.statusCode());
        assertTrue(JSON.readTree(malformed.body()).get("detail").asText().startsWith("malformed JSON"));
        JsonNode tooFewUsers = admin("POST", "/emulator/org/seed", Map.of("accounts", 10, "users", 2), 400);
        assertTrue(tooFewUsers.get("detail").asText().contains("users must be between 4"));
    }

    // ------------------------------------------------------------------ helpers

    private static PartnerConnection login() throws ConnectionException {
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(emulator.soapUrl("64.0"));
        config.setUsername(EmulatorConfig.ADMIN_USERNAME);
        config.setPassword(EmulatorConfig.ADMIN_PASSWORD);
        return Connector.newConnection(config);
    }

    private static URI uri(String path) {
        return URI.create(emulator.httpBaseUrl() + path);
    }

    /** Calls the admin API with the token and asserts the status; returns the JSON body. */
    private static JsonNode admin(String method, String path, Object body, int expectedStatus) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).method(method, publisher)
                .header("Content-Type", "application/json"), TOKEN);
        assertEquals(expectedStatus, response.statusCode(), () -> method + " " + path + ": " + response.body());
        if (expectedStatus >= 400) {
            assertEquals(AdminApi.PROBLEM_JSON, response.headers().firstValue("Content-Type").orElseThrow());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token)
            throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
