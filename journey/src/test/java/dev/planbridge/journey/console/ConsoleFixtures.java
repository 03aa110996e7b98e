package dev.planbridge.journey.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planbridge.journey.FullStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sets the scene for a browser test through the public APIs: waits for the planning service's CRM mirror, then
 * creates a plan of its own from the sample FY27 plan (samples/fy27, the same CSVs the demo imports).
 */
final class ConsoleFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SAMPLE_KINDS = List.of("territory-types", "territories", "rules", "overrides",
            "user-assignments", "quotas");

    private final FullStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ConsoleFixtures(FullStack stack) {
        this.stack = stack;
    }

    record Answer(int status, JsonNode body, String etag, String text) {
    }

    Answer call(URI base, String role, String method, String path, String contentType, String body, String ifMatch) {
        return call(base, role, method, path, contentType, body, ifMatch, "application/json");
    }

    Answer call(URI base, String role, String method, String path, String contentType, String body, String ifMatch,
                String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + stack.token(role)).header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (response.headers().firstValue("Content-Type").orElse("").contains("json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            return new Answer(response.statusCode(), json, response.headers().firstValue("ETag").orElse(null), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer expect(int status, Answer answer, String what) {
        if (answer.status() != status) {
            throw new AssertionError(what + ": expected HTTP " + status + " but got " + answer.status() + ": " + answer.text());
        }
        return answer;
    }

    Answer planning(String role, String method, String path, Object body, String ifMatch) {
        try {
            return call(stack.planningUrl(), role, method, path, body == null ? null : "application/json",
                    body == null ? null : JSON.writeValueAsString(body), ifMatch);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the change feed's snapshot reached the planning mirror (a plan's baseline copies it). */
    void waitForMirror() {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        long accounts = 0;
        while (System.nanoTime() < deadline) {
            Answer status = call(stack.planningUrl(), "viewer", "GET", "api/v1/crm/status", null, null, null);
            accounts = status.status() == 200 ? status.body().path("accounts").path("live").asLong() : 0;
            if (accounts >= 4000) {
                return;
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("The planning mirror holds only " + accounts + " accounts after 6 minutes; logs in "
                + stack.logsDir());
    }

    /** A new draft with the sample FY27 content; returns its id. */
    String samplePlan(String name) {
        waitForMirror();
        Answer created = expect(201, planning("planner", "POST", "api/v1/plans",
                Map.of("name", name, "fiscalYearStart", "2027-01-01", "assignAccountOwners", true), null), "create plan");
        String planId = created.body().path("id").asText();
        String etag = created.etag();
        Path samples = FullStack.repositoryRoot().resolve("samples/fy27");
        for (String kind : SAMPLE_KINDS) {
            try {
                Answer imported = expect(200, call(stack.planningUrl(), "planner", "POST",
                        "api/v1/plans/" + planId + "/imports/" + kind, "text/csv",
                        Files.readString(samples.resolve(kind + ".csv")), etag), "import " + kind);
                etag = imported.etag();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return planId;
    }

    String etag(String planId) {
        return expect(200, planning("viewer", "GET", "api/v1/plans/" + planId, null, null), "read plan").etag();
    }

    void submitAndApprove(String planId) {
        expect(200, planning("planner", "POST", "api/v1/plans/" + planId + "/submit", null, etag(planId)), "submit");
        expect(200, planning("approver", "POST", "api/v1/plans/" + planId + "/approve",
                Map.of("comment", "approved for the browser test"), etag(planId)), "approve");
    }

    /** The account elements of the plan's desired state (id, name, desired and baseline owner). */
    List<JsonNode> desiredAccounts(String planId) {
        Answer answer = call(stack.planningUrl(), "approver", "GET", "api/v1/plans/" + planId + "/desired-state",
                null, null, null, "application/x-ndjson");
        expect(200, answer, "desired state");
        List<JsonNode> accounts = new ArrayList<>();
        for (String line : answer.text().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode element = JSON.readTree(line);
                if ("account".equals(element.path("kind").asText())) {
                    accounts.add(element);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return accounts;
    }

    JsonNode balancer(String planId) {
        return expect(200, planning("viewer", "GET", "api/v1/plans/" + planId + "/reports/balancer", null, null),
                "balancer").body();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
