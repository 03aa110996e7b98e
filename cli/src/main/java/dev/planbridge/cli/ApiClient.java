package dev.planbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planbridge.contracts.ContractsJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTP to one Planbridge service with a bearer token. Errors become {@link ApiException} (from
 * application/problem+json when the service sends it); an unreachable service becomes {@link UnreachableException}.
 */
public class ApiClient {

    private static final ObjectMapper JSON = ContractsJson.mapper();

    private final URI baseUrl;
    private final String token;
    private final HttpClient http;

    public ApiClient(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String path) {
        return send(request(path).GET().header("Accept", "application/json").build());
    }

    public JsonNode post(String path, Object body) {
        return send(request(path).POST(jsonBody(body)).header("Content-Type", "application/json")
                .header("Accept", "application/json").build());
    }

    /** Sends a raw body (e.g. a CSV file) and parses the JSON answer. */
    public JsonNode post(String path, String contentType, byte[] body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType).header("Accept", "application/json").build());
    }

    /** The answer of a request whose headers matter (ETag, Location). */
    public record Reply(int status, JsonNode body, HttpHeaders headers) {
        public String etag() {
            return headers.firstValue("ETag").orElse(null);
        }
    }

    /**
     * Any method, extra headers (e.g. If-Match) and an optional body; {@code body} is a JSON-serialisable object, or
     * raw bytes sent with {@code contentType}. Errors throw like {@link #get(String)}.
     */
    public Reply exchange(String method, String path, Map<String, String> headers, String contentType, Object body) {
        HttpRequest.BodyPublisher publisher;
        HttpRequest.Builder builder = request(path).header("Accept", "application/json");
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (body instanceof byte[] bytes) {
            publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
            builder.header("Content-Type", contentType == null ? "application/octet-stream" : contentType);
        } else {
            publisher = jsonBody(body);
            builder.header("Content-Type", contentType == null ? "application/json" : contentType);
        }
        headers.forEach(builder::header);
        HttpResponse<String> response = sendRaw(builder.method(method, publisher).build());
        String text = response.body();
        try {
            return new Reply(response.statusCode(), text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text),
                    response.headers());
        } catch (IOException e) {
            throw new ApiException(response.statusCode(), "Unexpected answer", "not JSON: "
                    + text.strip().lines().findFirst().orElse(""));
        }
    }

    /** A whole text answer, e.g. a CSV report. */
    public String text(String path, String accept) {
        return sendRaw(request(path).GET().header("Accept", accept).build()).body();
    }

    /** Opens a streaming GET (NDJSON, CSV or SSE); the caller closes the stream. */
    public InputStream stream(String path, String accept, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).GET().header("Accept", accept);
        headers.forEach(builder::header);
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 400) {
                try (InputStream body = response.body()) {
                    throw problem(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException(baseUrl, "interrupted");
        }
    }

    public BufferedReader lines(String path, String accept, Map<String, String> headers) {
        return new BufferedReader(new InputStreamReader(stream(path, accept, headers), StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofMinutes(5));
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token.strip());
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher jsonBody(Object body) {
        return HttpRequest.BodyPublishers.ofString(body == null ? "{}" : ContractsJson.write(body));
    }

    private JsonNode send(HttpRequest request) {
        String body = sendRaw(request).body();
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException(200, "Unexpected answer", "not JSON: " + body.strip().lines().findFirst().orElse(""));
        }
    }

    private HttpResponse<String> sendRaw(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 400) {
                throw problem(response.statusCode(), response.body());
            }
            return response;
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException(baseUrl, "interrupted");
        }
    }

    /** Reads RFC 9457 problem details when present; otherwise uses the status line and the body's first line. */
    static ApiException problem(int status, String body) {
        String title = "HTTP " + status;
        String detail = null;
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                title = node.path("title").asText(title);
                detail = node.hasNonNull("detail") ? node.get("detail").asText() : null;
                JsonNode errors = node.path("errors");
                if (errors.isArray() && !errors.isEmpty()) {
                    StringBuilder more = new StringBuilder(detail == null ? "" : detail);
                    for (int i = 0; i < Math.min(errors.size(), 3); i++) {
                        JsonNode error = errors.get(i);
                        more.append(more.isEmpty() ? "" : "; ").append(describe(error));
                    }
                    if (errors.size() > 3) {
                        more.append(" (+").append(errors.size() - 3).append(" more)");
                    }
                    detail = more.toString();
                }
            }
        } catch (IOException notJson) {
            String firstLine = body == null ? "" : body.strip().lines().findFirst().orElse("");
            detail = firstLine.isEmpty() ? null : firstLine;
        }
        return new ApiException(status, title, detail);
    }

    /** A validation error: text, {"message"}, or the services' {file, row, field, reason}. */
    private static String describe(JsonNode error) {
        if (error.isTextual()) {
            return error.asText();
        }
        if (error.hasNonNull("message")) {
            return error.get("message").asText();
        }
        if (error.hasNonNull("reason")) {
            StringBuilder where = new StringBuilder();
            if (error.hasNonNull("file")) {
                where.append(error.get("file").asText());
            }
            if (error.hasNonNull("row")) {
                where.append(where.isEmpty() ? "" : " ").append("row ").append(error.get("row").asText());
            }
            if (error.hasNonNull("field")) {
                where.append(where.isEmpty() ? "" : ", ").append(error.has("row") ? "column " : "")
                        .append(error.get("field").asText());
            }
            return (where.isEmpty() ? "" : where + ": ") + error.get("reason").asText();
        }
        return error.toString();
    }

    private UnreachableException unreachable(IOException e) {
        String reason = e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new UnreachableException(baseUrl, reason);
    }

    /** The service did not answer at all. */
    public static class UnreachableException extends RuntimeException {
        public UnreachableException(URI url, String reason) {
            super("Cannot reach " + url + " (" + reason + "). Is the stack running? Try ./planbridge status");
        }
    }
}
