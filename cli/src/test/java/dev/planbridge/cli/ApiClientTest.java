package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real local HTTP server: what the CLI sends and how it renders service errors. */
class ApiClientTest {

    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"id\":\"p1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/problem", exchange -> {
            byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Plan is approved\",\"status\":409,"
                    + "\"detail\":\"An approved plan cannot change; fork it.\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(409, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/csv-errors", exchange -> {
            byte[] body = ("{\"title\":\"Import rejected\",\"status\":400,\"errors\":[{\"message\":\"row 3, column quota: "
                    + "not a number\"},{\"message\":\"row 4, column territory: unknown\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void shouldSendTheBearerTokenAndParseJson() {
        ApiClient client = new ApiClient(base(), "tok\n");
        assertEquals("p1", client.get("ok").get("id").asText());
        assertEquals("Bearer tok", authorization.get());
    }

    @Test
    void shouldTurnProblemDetailsIntoOneLine() {
        ApiException error = assertThrows(ApiException.class, () -> new ApiClient(base(), "t").get("problem"));
        assertEquals("Plan is approved: An approved plan cannot change; fork it.", error.getMessage());
        assertEquals(ExitCodes.CONFLICT, error.exitCode());
    }

    @Test
    void shouldListTheFirstValidationErrors() {
        ApiException error = assertThrows(ApiException.class, () -> new ApiClient(base(), "t").post("csv-errors", null));
        assertEquals("Import rejected: row 3, column quota: not a number; row 4, column territory: unknown",
                error.getMessage());
        assertEquals(ExitCodes.REJECTED, error.exitCode());
    }

    @Test
    void shouldExplainAnUnreachableService() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        ApiClient client = new ApiClient(URI.create("http://127.0.0.1:" + freePort + "/"), "t");
        ApiClient.UnreachableException error = assertThrows(ApiClient.UnreachableException.class,
                () -> client.get("anything"));
        assertTrue(error.getMessage().contains("connection refused"), error.getMessage());
    }

    @Test
    void shouldFallBackToTheStatusForNonJsonErrors() {
        ApiException error = ApiClient.problem(502, "<html>Bad gateway</html>");
        assertEquals("HTTP 502: <html>Bad gateway</html>", error.getMessage());
        assertEquals(ExitCodes.SERVICE_FAILED, error.exitCode());
    }
}
