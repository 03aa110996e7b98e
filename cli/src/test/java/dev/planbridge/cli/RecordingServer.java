package dev.planbridge.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real local HTTP server standing in for a Planbridge service: routes answer with JSON shaped like the services'
 * records, and every request is recorded (method, path with query, headers, body) so tests assert what the CLI sent.
 */
final class RecordingServer implements AutoCloseable {

    record Request(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** What a route answers; {@code chunks} are written and flushed one by one (for SSE). */
    record Answer(int status, String contentType, Map<String, String> headers, List<String> chunks) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/json", Map.of(), List.of(body));
        }

        static Answer json(int status, String body, Map<String, String> headers) {
            return new Answer(status, "application/json", headers, List.of(body));
        }

        static Answer problem(int status, String title, String detail) {
            return new Answer(status, "application/problem+json", Map.of(), List.of("{\"type\":\"about:blank\",\"title\":\""
                    + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}"));
        }

        static Answer text(String contentType, String body) {
            return new Answer(200, contentType, Map.of(), List.of(body));
        }

        static Answer events(List<String> events) {
            return new Answer(200, "text/event-stream", Map.of(), events);
        }
    }

    interface Route {
        Answer answer(Request request);
    }

    private final HttpServer server;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    RecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers "METHOD /path?query" (exact match, query included). */
    RecordingServer on(String methodAndPath, Route route) {
        routes.put(methodAndPath, route);
        return this;
    }

    RecordingServer on(String methodAndPath, Answer answer) {
        return on(methodAndPath, request -> answer);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** A local port nothing listens on (bound, then released), for "connection refused". */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    List<String> calls() {
        List<String> calls = new ArrayList<>();
        requests.forEach(r -> calls.add(r.method() + " " + r.path()));
        return calls;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request);
        Route route = routes.get(request.method() + " " + request.path());
        Answer answer = route == null ? Answer.problem(404, "Not found", "no route " + request.method() + " "
                + request.path()) : route.answer(request);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        answer.headers().forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(answer.status(), 0);
        try (OutputStream body = exchange.getResponseBody()) {
            for (String chunk : answer.chunks()) {
                body.write(chunk.getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Runs the CLI in-process and captures stdout, stderr and the exit code. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PlanbridgeCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }
}
