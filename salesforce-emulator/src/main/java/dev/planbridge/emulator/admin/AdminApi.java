package dev.planbridge.emulator.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.generate.ActivitySimulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator's admin REST API under {@code /emulator/} (bearer admin token required, JSON, errors as
 * application/problem+json) and the unauthenticated observability endpoints {@code /q/health/live},
 * {@code /q/health/ready} and {@code /q/metrics} (Prometheus text). Routes delegate to {@link AdminOperations}.
 *
 * <pre>{@code
 * SalesforceEmulator emulator = SalesforceEmulator.start(config);
 * AdminApi admin = AdminApi.install(emulator, AdminApi.resolveToken(null));   // env EMULATOR_ADMIN_TOKEN or default
 * admin.simulator().start(10, 42);
 * }</pre>
 */
public final class AdminApi {

    /** Environment variable holding the admin token. */
    public static final String TOKEN_ENV = "EMULATOR_ADMIN_TOKEN";
    /** The documented demo token used when neither an option nor the environment sets one. */
    public static final String DEFAULT_TOKEN = "emulator-admin";
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final SalesforceEmulator emulator;
    private final byte[] token;
    private final AdminOperations operations;
    private final SchemaOperations schema;
    private final ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final List<Route> routes = new ArrayList<>();
    private volatile boolean ready = true;

    private record Route(String method, Pattern path, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        Object handle(Matcher path, Request request);
    }

    /** What a route sees of the request: the parsed JSON body (empty object when none) and query parameters. */
    record Request(JsonNode body, Map<String, String> query) {
    }

    private AdminApi(SalesforceEmulator emulator, String token) {
        this.emulator = Objects.requireNonNull(emulator, "emulator");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be blank");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.operations = new AdminOperations(emulator);
        this.schema = new SchemaOperations(emulator::org);
        defineRoutes();
    }

    /** Registers the admin API and the /q/ endpoints on the emulator's http and https servers. */
    public static AdminApi install(SalesforceEmulator emulator, String adminToken) {
        AdminApi api = new AdminApi(emulator, adminToken);
        emulator.registerHandler("/emulator/", api::handleAdmin);
        emulator.registerHandler("/q/", api::handleObservability);
        return api;
    }

    /** The token to use: the explicit value when given, else env {@value #TOKEN_ENV}, else {@value #DEFAULT_TOKEN}. */
    public static String resolveToken(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String fromEnv = System.getenv(TOKEN_ENV);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_TOKEN;
    }

    /** The activity simulator driven by {@code /emulator/simulator/...}. */
    public ActivitySimulator simulator() {
        return operations.simulator();
    }

    /** Readiness reported by /q/health/ready (true after install; the launcher clears it while generating the org). */
    public void setReady(boolean ready) {
        this.ready = ready;
    }

    /**
     * The file behind {@code POST /emulator/org/save} and {@code /emulator/org/load} (the launcher's
     * {@code --snapshot-file}); null = none (those endpoints answer 409).
     */
    public void setSnapshotFile(java.nio.file.Path file) {
        operations.setSnapshotFile(file);
    }

    public java.nio.file.Path snapshotFile() {
        return operations.snapshotFile();
    }

    /** Saves the org to the snapshot file now (IllegalStateException when none is set). */
    public void saveSnapshotFile() {
        operations.saveSnapshotFile();
    }

    /** Stops the simulator (e.g. on emulator shutdown). */
    public void close() {
        operations.simulator().stop();
    }

    private void defineRoutes() {
        route("POST", "/emulator/org/reset", (m, r) -> operations.reset());
        route("POST", "/emulator/org/seed", (m, r) -> operations.seed(r.body()));
        route("POST", "/emulator/org/snapshot", (m, r) -> operations.snapshot());
        route("POST", "/emulator/org/restore/([^/]+)", (m, r) -> operations.restore(m.group(1)));
        route("POST", "/emulator/org/save", (m, r) -> operations.save());
        route("POST", "/emulator/org/load", (m, r) -> operations.load());
        route("GET", "/emulator/org/counts", (m, r) -> Map.of("counts", emulator.org().counts()));
        route("GET", "/emulator/counters", (m, r) -> operations.counters());
        route("POST", "/emulator/counters/reset", (m, r) -> operations.resetCounters());
        route("GET", "/emulator/limits", (m, r) -> operations.limits());
        route("POST", "/emulator/limits", (m, r) -> operations.setLimits(r.body()));
        route("GET", "/emulator/faults", (m, r) -> operations.faults());
        route("POST", "/emulator/faults", (m, r) -> operations.addFault(r.body()));
        route("DELETE", "/emulator/faults", (m, r) -> operations.clearFaults());
        route("DELETE", "/emulator/faults/([^/]+)", (m, r) -> operations.removeFault(m.group(1)));
        route("GET", "/emulator/simulator", (m, r) -> operations.simulatorStatus());
        route("POST", "/emulator/simulator/start", (m, r) -> operations.startSimulator(r.body()));
        route("POST", "/emulator/simulator/stop", (m, r) -> operations.stopSimulator());
        route("GET", "/emulator/changes", (m, r) -> operations.changes(r.query()));
        route("GET", "/emulator/certificate", (m, r) -> operations.certificate());
        route("POST", "/emulator/sessions/expire", (m, r) -> operations.expireSessions());
        route("GET", "/emulator/schema/([^/]+)", (m, r) -> schema.describe(m.group(1)));
        route("POST", "/emulator/schema/([^/]+)/fields", (m, r) -> schema.addField(m.group(1), r.body()));
        route("DELETE", "/emulator/schema/([^/]+)/fields/([^/]+)",
                (m, r) -> schema.removeField(m.group(1), m.group(2)));
    }

    private void route(String method, String path, Action action) {
        routes.add(new Route(method, Pattern.compile(path), action));
    }

    // ------------------------------------------------------------------ /emulator/

    private void handleAdmin(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                requireToken(exchange);
                emulator.org().completeTerritoryModelJobs(); // what an inspection sees is what the API would see
                String path = exchange.getRequestURI().getPath();
                if (path.length() > 1 && path.endsWith("/")) {
                    path = path.substring(0, path.length() - 1);
                }
                // The org document can be far larger than the JSON bodies of the other routes: streamed both ways.
                if (path.equals("/emulator/org/export") && exchange.getRequestMethod().equals("GET")) {
                    exportOrg(exchange);
                    return;
                }
                if (path.equals("/emulator/org/import") && exchange.getRequestMethod().equals("POST")) {
                    respond(exchange, operations.importOrg(requestBodyStream(exchange)));
                    return;
                }
                if (path.equals("/emulator/org/export") || path.equals("/emulator/org/import")) {
                    String allowed = path.endsWith("export") ? "GET" : "POST";
                    exchange.getResponseHeaders().set("Allow", allowed);
                    throw new Problem(405, "Method Not Allowed", exchange.getRequestMethod() + " is not supported on "
                            + path + "; use " + allowed);
                }
                Set<String> allowed = new LinkedHashSet<>();
                for (Route route : routes) {
                    Matcher matcher = route.path().matcher(path);
                    if (!matcher.matches()) {
                        continue;
                    }
                    if (!route.method().equals(exchange.getRequestMethod())) {
                        allowed.add(route.method());
                        continue;
                    }
                    Object result = route.action().handle(matcher, new Request(readBody(exchange),
                            parseQuery(exchange.getRequestURI().getRawQuery())));
                    respond(exchange, result);
                    return;
                }
                if (!allowed.isEmpty()) {
                    exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
                    throw new Problem(405, "Method Not Allowed", exchange.getRequestMethod() + " is not supported on "
                            + path + "; use " + String.join(" or ", allowed));
                }
                throw Problem.notFound("no admin endpoint at " + path);
            } catch (Problem problem) {
                sendProblem(exchange, problem);
            } catch (java.io.UncheckedIOException e) {
                sendProblem(exchange, new Problem(500, "Internal Server Error", e.getMessage()));
            } catch (IllegalArgumentException | IllegalStateException e) {
                sendProblem(exchange, Problem.badRequest(e.getMessage()));
            } catch (RuntimeException e) {
                sendProblem(exchange, new Problem(500, "Internal Server Error", e.getClass().getSimpleName()
                        + ": " + e.getMessage()));
            }
        }
    }

    /** The org as a snapshot document (gzip-compressed when the client accepts it). */
    private void exportOrg(HttpExchange exchange) throws IOException {
        boolean gzip = acceptsGzip(exchange);
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"salesforce-emulator-org.json\"");
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream raw = exchange.getResponseBody();
             OutputStream out = gzip ? new java.util.zip.GZIPOutputStream(raw, 1 << 16)
                     : new java.io.BufferedOutputStream(raw, 1 << 16)) {
            emulator.org().exportSnapshot(out);
        }
    }

    private static boolean acceptsGzip(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip");
    }

    private static InputStream requestBodyStream(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream body = new java.io.BufferedInputStream(exchange.getRequestBody(), 1 << 16);
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (encoding.equalsIgnoreCase("gzip")) {
            return new java.util.zip.GZIPInputStream(body, 1 << 16);
        }
        throw new Problem(415, "Unsupported Media Type", "Content-Encoding " + encoding
                + " is not supported; send identity or gzip");
    }

    private void requireToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String prefix = "Bearer ";
        boolean ok = header != null && header.regionMatches(true, 0, prefix, 0, prefix.length())
                && MessageDigest.isEqual(token, header.substring(prefix.length()).trim()
                .getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"salesforce-emulator-admin\"");
            throw new Problem(401, "Unauthorized", header == null
                    ? "the admin API needs an 'Authorization: Bearer <admin token>' header"
                    : "the admin token is not valid");
        }
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new Problem(413, "Payload Too Large", "request bodies are limited to 1 MiB");
            }
            if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                return mapper.createObjectNode();
            }
            try {
                JsonNode node = mapper.readTree(bytes);
                if (!node.isObject()) {
                    throw Problem.badRequest("the request body must be a JSON object");
                }
                return node;
            } catch (JsonProcessingException e) {
                throw Problem.badRequest("malformed JSON: " + e.getOriginalMessage());
            }
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private void respond(HttpExchange exchange, Object result) throws IOException {
        if (result instanceof AdminOperations.Pem pem) {
            send(exchange, 200, "application/x-pem-file", pem.text().getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int status = result instanceof AdminOperations.Created created ? 201 : 200;
        Object body = result instanceof AdminOperations.Created created ? created.body() : result;
        send(exchange, status, JSON, mapper.writeValueAsBytes(body));
    }

    private void sendProblem(HttpExchange exchange, Problem problem) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("instance", exchange.getRequestURI().getPath());
        send(exchange, problem.status(), PROBLEM_JSON, mapper.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    // ------------------------------------------------------------------ /q/

    private void sendHealth(HttpExchange exchange, boolean up) throws IOException {
        String status = up ? "UP" : "DOWN";
        send(exchange, up ? 200 : 503, JSON, mapper.writeValueAsBytes(Map.of("status", status,
                "checks", List.of(Map.of("name", "salesforce-emulator", "status", status)))));
    }

    private void handleObservability(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                String path = exchange.getRequestURI().getPath();
                if (!exchange.getRequestMethod().equals("GET")) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    throw new Problem(405, "Method Not Allowed", "use GET on " + path);
                }
                switch (path) {
                    case "/q/health/live" -> sendHealth(exchange, true);
                    case "/q/health", "/q/health/", "/q/health/ready" -> sendHealth(exchange, ready);
                    case "/q/metrics", "/q/metrics/" -> send(exchange, 200, PrometheusMetrics.CONTENT_TYPE,
                            PrometheusMetrics.render(emulator, operations.simulator()).getBytes(StandardCharsets.UTF_8));
                    default -> throw Problem.notFound("no endpoint at " + path
                            + " (try /q/health/live, /q/health/ready, /q/metrics)");
                }
            } catch (Problem problem) {
                sendProblem(exchange, problem);
            }
        }
    }
}
