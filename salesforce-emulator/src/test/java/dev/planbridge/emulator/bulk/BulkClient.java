package dev.planbridge.emulator.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * A Bulk API 2.0 client as the developer guide describes it: an OAuth access token, JSON job requests, a CSV PUT,
 * a PATCH to UploadComplete, polling, then the result resources. Only HTTP; no access to the emulator's internals.
 */
final class BulkClient {

    static final String VERSION = "64.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    private BulkClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Logs in with the OAuth client_credentials grant of the demo connected app (runs as the sync user). */
    static BulkClient clientCredentials(SalesforceEmulator emulator) throws Exception {
        return token(emulator, "grant_type=client_credentials&client_id=" + EmulatorConfig.DEMO_CLIENT_ID
                + "&client_secret=" + EmulatorConfig.DEMO_CLIENT_SECRET);
    }

    /** Logs in with the OAuth password grant as the admin (who holds the Bulk API Hard Delete permission). */
    static BulkClient admin(SalesforceEmulator emulator) throws Exception {
        return token(emulator, "grant_type=password&client_id=" + EmulatorConfig.DEMO_CLIENT_ID + "&client_secret="
                + EmulatorConfig.DEMO_CLIENT_SECRET + "&username=" + EmulatorConfig.ADMIN_USERNAME + "&password="
                + EmulatorConfig.ADMIN_PASSWORD);
    }

    private static BulkClient token(SalesforceEmulator emulator, String form) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(emulator.oauthTokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        return new BulkClient(body.get("instance_url").asText(), body.get("access_token").asText());
    }

    static BulkClient withToken(SalesforceEmulator emulator, String token) {
        return new BulkClient(emulator.httpBaseUrl(), token);
    }

    HttpResponse<String> send(String method, String path, String contentType, String body) throws IOException,
            InterruptedException {
        return sendAt(VERSION, method, path, contentType, body);
    }

    HttpResponse<String> sendAt(String version, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/services/data/v" + version + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, "application/json; charset=UTF-8", body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Create, upload, UploadComplete; returns the job id. */
    String submitIngest(String jobRequest, String csv) throws Exception {
        String id = json("POST", "/jobs/ingest", jobRequest).get("id").asText();
        HttpResponse<String> upload = send("PUT", "/jobs/ingest/" + id + "/batches", "text/csv", csv);
        if (upload.statusCode() != 201) {
            throw new IllegalStateException("upload -> " + upload.statusCode() + " " + upload.body());
        }
        json("PATCH", "/jobs/ingest/" + id, "{\"state\":\"UploadComplete\"}");
        return id;
    }

    /** Polls job info until the job reaches a terminal state. */
    JsonNode awaitTerminal(String kind, String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode info = json("GET", "/jobs/" + kind + "/" + id, null);
            String state = info.get("state").asText();
            if (state.equals("JobComplete") || state.equals("Failed") || state.equals("Aborted")) {
                return info;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("job " + id + " did not finish");
    }

    String text(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }
}
