package dev.planbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who may call what, checked against what a service really answers. The operations come from the service's own
 * OpenAPI document ({@code /q/openapi}); the expectations from a table kept beside the test
 * ({@code METHOD PATH roles}, one per line; roles comma-separated, or {@code public}). Every operation is called with no
 * token, with bad tokens (expired, wrong issuer, unsigned {@code alg: none}, signed by another key, tampered) and with
 * a token of each role: the bad ones must get 401, a role the table does not name 403, a role it names neither
 * ({@code public} operations must answer a call without a token and every role; a bad token there may get 401).
 * An operation missing from the table, or an entry without an operation, fails the check: a new endpoint cannot ship
 * without someone deciding who may call it.
 */
public final class AuthorizationMatrix {

    /** The roles of the suite's tokens. */
    public static final List<String> ROLES = List.of("viewer", "planner", "approver", "admin", "service");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000";
    private static final Set<String> PUBLIC = Set.of("public");

    /** One operation of the OpenAPI document, as "METHOD /path/{param}". */
    public record Operation(String method, String path, boolean jsonBody, String bodyType) {
        String key() {
            return method + " " + path;
        }
    }

    private final URI base;
    // HTTP/1.1: a stream closed after its status line must not take an HTTP/2 connection (and its other calls) down.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> badTokens = new LinkedHashMap<>();
    private final Map<String, String> roleTokens = new LinkedHashMap<>();

    /** For the service at {@code base} (e.g. {@code http://localhost:8081/}) that trusts {@link TestTokens}. */
    public AuthorizationMatrix(URI base) {
        this.base = base;
        KeyPair stranger = TestTokens.generate();
        String good = TestTokens.forUser("ada.admin", "admin");
        badTokens.put("no token", null);
        badTokens.put("expired", TestTokens.withLifetime(Duration.ofMinutes(-5), "ada.admin", "admin"));
        badTokens.put("wrong issuer", TestTokens.sign(TestTokens.signingKey(), "https://attacker.example/", "ada.admin",
                Duration.ofHours(1), "admin"));
        badTokens.put("signed by another key", TestTokens.sign(stranger.getPrivate(), TestTokens.ISSUER, "ada.admin",
                Duration.ofHours(1), "admin"));
        badTokens.put("alg none", unsigned(good));
        badTokens.put("tampered", tampered(good));
        for (String role : ROLES) {
            roleTokens.put(role, TestTokens.forUser("matrix." + role, role));
        }
    }

    /** Reads a table: {@code METHOD PATH roles} per line, {@code #} comments. */
    public static Map<String, Set<String>> table(InputStream source) {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        try (source) {
            int lineNumber = 0;
            for (String line : new String(source.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("line " + lineNumber + ": expected 'METHOD PATH roles', got '"
                            + trimmed + "'");
                }
                Set<String> roles = new TreeSet<>(List.of(parts[2].split(",")));
                if (!roles.equals(PUBLIC) && !ROLES.containsAll(roles)) {
                    throw new IllegalArgumentException("line " + lineNumber + ": unknown role in '" + parts[2]
                            + "' (roles: " + ROLES + ", or public)");
                }
                if (table.put(parts[0].toUpperCase(Locale.ROOT) + " " + parts[1], roles) != null) {
                    throw new IllegalArgumentException("line " + lineNumber + ": " + parts[0] + " " + parts[1]
                            + " is listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    /** Every operation of the service's OpenAPI document. */
    public List<Operation> operations() {
        JsonNode document = JSON.nullNode();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            document = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    continue;
                }
                JsonNode content = method.getValue().path("requestBody").path("content");
                String bodyType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        bodyType != null && bodyType.contains("json"), bodyType));
            }
        }
        return operations;
    }

    /** The table in the test class path's {@code /authorization-matrix.txt} holds for the service at {@code base}. */
    public static void assertTableHolds(URI base) {
        InputStream table = AuthorizationMatrix.class.getResourceAsStream("/authorization-matrix.txt");
        if (table == null) {
            throw new AssertionError("No /authorization-matrix.txt on the test class path");
        }
        List<String> failures = new AuthorizationMatrix(base).check(table(table));
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " broken expectations:\n" + String.join("\n", failures));
        }
    }

    /** Checks every operation against {@code expected}; returns one line per broken expectation (empty: all good). */
    public List<String> check(Map<String, Set<String>> expected) {
        List<Operation> operations = operations();
        List<String> failures = new ArrayList<>();
        Set<String> documented = operations.stream().map(Operation::key).collect(Collectors.toCollection(TreeSet::new));
        for (String key : expected.keySet()) {
            if (!documented.contains(key)) {
                failures.add(key + ": in the table but not an operation of the service (renamed or removed?)");
            }
        }
        for (Operation operation : operations) {
            Set<String> allowed = expected.get(operation.key());
            if (allowed == null) {
                failures.add(operation.key() + ": not in the table; decide who may call it (observed: "
                        + observedRoles(operation) + ")");
                continue;
            }
            boolean open = allowed.equals(PUBLIC);
            for (Map.Entry<String, String> bad : badTokens.entrySet()) {
                if (open && bad.getValue() != null) {
                    continue;   // a public page may still refuse a bad token (Quarkus authenticates proactively)
                }
                int status = call(operation, bad.getValue());
                if (open ? status == 401 || status == 403 : status != 401) {
                    failures.add(operation.key() + " with " + bad.getKey() + ": " + status + " (expected "
                            + (open ? "no 401/403" : "401") + ")");
                }
            }
            for (Map.Entry<String, String> role : roleTokens.entrySet()) {
                int status = call(operation, role.getValue());
                boolean permitted = open || allowed.contains(role.getKey());
                if (permitted ? status == 401 || status == 403 : status != 403) {
                    failures.add(operation.key() + " as " + role.getKey() + ": " + status + " (expected "
                            + (permitted ? "no 401/403" : "403") + ")");
                }
            }
        }
        return failures;
    }

    /** What the service lets through today, for the message that asks someone to decide. */
    private String observedRoles(Operation operation) {
        if (call(operation, null) != 401) {
            return "public";
        }
        return roleTokens.entrySet().stream().filter(role -> {
            int status = call(operation, role.getValue());
            return status != 401 && status != 403;
        }).map(Map.Entry::getKey).collect(Collectors.joining(","));
    }

    /** The status of one call; the body is never read (a stream would not end). */
    int call(Operation operation, String token) {
        String path = operation.path().replaceAll("\\{[^}]+}", PLACEHOLDER_ID);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString(operation.jsonBody() ? "{}" : "");
        if (operation.bodyType() != null) {
            request.header("Content-Type", operation.bodyType());
        }
        request.method(operation.method(), operation.method().equals("GET") || operation.method().equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : body);
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(operation.key() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same claims with {@code alg: none} and no signature, the classic bypass. */
    static String unsigned(String jwt) {
        String[] parts = jwt.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }

    /** A good token whose claims were edited after signing (a viewer made admin, say). */
    static String tampered(String jwt) {
        String[] parts = jwt.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"ada.admin\"", "\"eve.admin\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
