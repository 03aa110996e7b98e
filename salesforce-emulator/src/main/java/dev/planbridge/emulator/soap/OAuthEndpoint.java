package dev.planbridge.emulator.soap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.Sessions;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * OAuth 2.0 token endpoint {@code POST /services/oauth2/token} (form-encoded): {@code grant_type=client_credentials}
 * (client id/secret in the form or HTTP Basic; runs as the client's run-as user) and {@code grant_type=password}.
 * The access token is a session id usable in the SOAP SessionHeader at any API version.
 */
public final class OAuthEndpoint implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceEmulator emulator;

    public OAuthEndpoint(SalesforceEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                error(exchange, 405, "invalid_request", "must use HTTP POST");
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                error(exchange, 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
                return;
            }
            Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            applyBasicAuth(exchange, form);
            String grant = form.get("grant_type");
            if (grant == null) {
                error(exchange, 400, "invalid_request", "grant_type is required");
                return;
            }
            EmulatorConfig.OAuthClient client = findClient(form.get("client_id"));
            if (client == null) {
                error(exchange, 400, "invalid_client_id", "client identifier invalid");
                return;
            }
            if (!client.clientSecret().equals(form.get("client_secret"))) {
                error(exchange, 400, "invalid_client", "invalid client credentials");
                return;
            }
            String userId;
            switch (grant) {
                case "client_credentials" -> {
                    userId = client.runAsUsername() == null ? null
                            : emulator.org().find("User", "Username", client.runAsUsername()).stream()
                            .map(u -> (String) u.get("Id")).findFirst().orElse(null);
                    if (userId == null) {
                        error(exchange, 400, "invalid_grant", "no run-as user configured for this client");
                        return;
                    }
                }
                case "password" -> {
                    userId = emulator.org().authenticate(form.get("username"), form.get("password"));
                    if (userId == null) {
                        error(exchange, 400, "invalid_grant", "authentication failure");
                        return;
                    }
                }
                default -> {
                    error(exchange, 400, "unsupported_grant_type", "grant type not supported");
                    return;
                }
            }
            Sessions.Session session = emulator.sessions().create(userId);
            String host = exchange.getRequestHeaders().getFirst("Host");
            String instanceUrl = (exchange instanceof com.sun.net.httpserver.HttpsExchange ? "https://" : "http://")
                    + (host != null ? host : "127.0.0.1:" + exchange.getLocalAddress().getPort());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", session.id());
            body.put("instance_url", instanceUrl);
            body.put("id", instanceUrl + "/id/" + emulator.org().orgId() + "/" + userId);
            body.put("token_type", "Bearer");
            body.put("issued_at", String.valueOf(session.createdMillis()));
            body.put("scope", "api");
            send(exchange, 200, body);
        }
    }

    private EmulatorConfig.OAuthClient findClient(String clientId) {
        if (clientId == null) {
            return null;
        }
        return emulator.config().oauthClients().stream().filter(c -> c.clientId().equals(clientId)).findFirst()
                .orElse(null);
    }

    private static void applyBasicAuth(HttpExchange exchange, Map<String, String> form) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                form.putIfAbsent("client_id", URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
                form.putIfAbsent("client_secret", URLDecoder.decode(decoded.substring(colon + 1),
                        StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException ignored) {
            // not valid Basic credentials: the form decides
        }
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    private static void error(HttpExchange exchange, int status, String error, String description) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
