package dev.planbridge.emulator.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.planbridge.emulator.ApiFaultException;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.Sessions;
import dev.planbridge.emulator.org.OrgSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bulk API 2.0 over HTTP: {@code /services/data/vXX.X/jobs/ingest[/jobId[/batches|successfulResults|failedResults|
 * unprocessedrecords]]} and {@code /services/data/vXX.X/jobs/query[/jobId[/results]]}, with an
 * {@code Authorization: Bearer <session>} from SOAP login or the OAuth token endpoint. Translates requests and
 * errors; the jobs themselves live in {@link BulkJobs}.
 */
public final class BulkEndpoint implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile(
            "^/services/data/v(\\d{2}\\.\\d)/jobs/(ingest|query)(?:/([A-Za-z0-9]+))?(?:/([A-Za-z]+))?/?$");
    private static final double FIRST_INGEST_VERSION = 41.0;
    private static final double FIRST_QUERY_VERSION = 47.0;

    private final SalesforceEmulator emulator;
    private final BulkJobs jobs;

    public BulkEndpoint(SalesforceEmulator emulator, BulkJobs jobs) {
        this.emulator = emulator;
        this.jobs = jobs;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (BulkApiException e) {
                error(exchange, e.httpStatus(), e.errorCode(), e.getMessage());
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        if (!path.matches()) {
            throw BulkApiException.notFound("The requested resource does not exist");
        }
        String apiVersion = path.group(1);
        boolean ingest = path.group(2).equals("ingest");
        double version = Double.parseDouble(apiVersion);
        if (version < (ingest ? FIRST_INGEST_VERSION : FIRST_QUERY_VERSION) || version > OrgSchema.LATEST_API_VERSION) {
            throw BulkApiException.notFound("The requested resource does not exist");
        }
        Sessions.Session session = authenticate(exchange);
        long ticket;
        try {
            ticket = emulator.limits().begin();
        } catch (ApiFaultException e) {
            throw new BulkApiException(403, e.exceptionCode(), e.getMessage());
        }
        try {
            emulator.counters().recordCall(ingest ? "bulkIngest" : "bulkQuery", null);
            if (ingest) {
                ingest(exchange, session, apiVersion, path.group(3), path.group(4));
            } else {
                query(exchange, session, apiVersion, path.group(3), path.group(4));
            }
        } finally {
            emulator.limits().end(ticket);
        }
    }

    private Sessions.Session authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String token = null;
        if (header != null) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("bearer ")) {
                token = header.substring(7).trim();
            } else if (lower.startsWith("oauth ")) {
                token = header.substring(6).trim();
            }
        }
        try {
            return emulator.sessions().require(token);
        } catch (ApiFaultException e) {
            throw new BulkApiException(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }
    }

    private void ingest(HttpExchange exchange, Sessions.Session session, String apiVersion, String jobId,
                        String resource) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (jobId == null) {
            switch (method) {
                case "POST" -> json(exchange, 200, jobs.createIngest(session.userId(), apiVersion, body(exchange)));
                case "GET" -> json(exchange, 200, listing(jobs.ingestInfos()));
                default -> methodNotAllowed(method);
            }
            return;
        }
        if (resource == null) {
            switch (method) {
                case "GET" -> json(exchange, 200, jobs.ingest(jobId).info());
                case "PATCH" -> json(exchange, 200, jobs.changeIngestState(jobId, state(body(exchange))));
                case "DELETE" -> noContent(exchange, () -> jobs.deleteIngest(jobId));
                default -> methodNotAllowed(method);
            }
            return;
        }
        switch (resource) {
            case "batches" -> {
                requireMethod(method, "PUT");
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
                    throw BulkApiException.badRequest("INVALIDCONTENTTYPE", "Content-Type must be text/csv: "
                            + contentType);
                }
                String declared = exchange.getRequestHeaders().getFirst("Content-Length");
                if (declared != null && declared.matches("\\d{1,18}")) {
                    jobs.checkUploadSize(Long.parseLong(declared)); // before reading a body that is too big
                }
                jobs.upload(jobId, exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(201, -1);
            }
            case "successfulResults", "failedResults", "unprocessedrecords" -> {
                requireMethod(method, "GET");
                csv(exchange, IngestResults.render(jobs.ingest(jobId), resource), Map.of());
            }
            default -> throw BulkApiException.notFound("The requested resource does not exist");
        }
    }

    private void query(HttpExchange exchange, Sessions.Session session, String apiVersion, String jobId,
                       String resource) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (jobId == null) {
            switch (method) {
                case "POST" -> json(exchange, 200, jobs.createQuery(session.userId(), apiVersion, body(exchange)));
                case "GET" -> json(exchange, 200, listing(jobs.queryInfos()));
                default -> methodNotAllowed(method);
            }
            return;
        }
        if (resource == null) {
            switch (method) {
                case "GET" -> json(exchange, 200, jobs.query(jobId).info());
                case "PATCH" -> json(exchange, 200, jobs.abortQuery(jobId, state(body(exchange))));
                case "DELETE" -> noContent(exchange, () -> jobs.deleteQuery(jobId));
                default -> methodNotAllowed(method);
            }
            return;
        }
        if (!resource.equals("results")) {
            throw BulkApiException.notFound("The requested resource does not exist");
        }
        requireMethod(method, "GET");
        Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
        QueryRunner.Page page = jobs.queryResults(jobId, apiVersion, parameters.get("locator"),
                maxRecords(parameters.get("maxRecords")));
        csv(exchange, page.csv(), Map.of("Sforce-Locator", page.nextLocator(),
                "Sforce-NumberOfRecords", Integer.toString(page.records())));
    }

    private static Integer maxRecords(String text) {
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below like any other bad value
        }
        throw BulkApiException.badRequest("INVALIDPARAMETER", "maxRecords must be a positive integer: " + text);
    }

    private static Map<String, Object> listing(List<Map<String, Object>> infos) {
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("done", true);
        listing.put("records", infos);
        listing.put("nextRecordsUrl", null);
        return listing;
    }

    private static String state(Map<String, Object> body) {
        Object state = body.get("state");
        if (state == null) {
            throw BulkApiException.badRequest("INVALIDJOBSTATE", "InvalidJobState : state is required");
        }
        return state.toString();
    }

    private static Map<String, Object> body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        try {
            Map<String, Object> body = JSON.readValue(bytes, new TypeReference<Map<String, Object>>() { });
            if (body == null) {
                throw BulkApiException.badRequest("JSON_PARSER_ERROR", "The request body is empty");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw BulkApiException.badRequest("JSON_PARSER_ERROR", "The request body is not a JSON object: "
                    + e.getOriginalMessage());
        }
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(key, value);
        }
        return parameters;
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            methodNotAllowed(method);
        }
    }

    private static void methodNotAllowed(String method) {
        throw new BulkApiException(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed.");
    }

    private static void noContent(HttpExchange exchange, Runnable action) throws IOException {
        action.run();
        exchange.sendResponseHeaders(204, -1);
    }

    private static void json(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(value), Map.of());
    }

    private static void csv(HttpExchange exchange, String text, Map<String, String> headers) throws IOException {
        send(exchange, 200, "text/csv", text.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void error(HttpExchange exchange, int status, String errorCode, String message) throws IOException {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("errorCode", errorCode);
        error.put("message", message);
        json(exchange, status, List.of(error));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body,
                             Map<String, String> headers) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
