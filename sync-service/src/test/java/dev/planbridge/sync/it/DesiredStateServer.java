package dev.planbridge.sync.it;

import com.sun.net.httpserver.HttpServer;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.plan.PlanElement;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP endpoint serving {@code GET /api/v1/plans/{id}/desired-state} as the planning service does (NDJSON,
 * header first, checksum over the element lines), for sync services running in their own process. Requires the
 * bearer token it was given.
 */
final class DesiredStateServer implements AutoCloseable {

    private static final String PREFIX = "/api/v1/plans/";
    private static final String SUFFIX = "/desired-state";

    private final HttpServer server;
    private final String token;
    private final Map<String, byte[]> plans = new ConcurrentHashMap<>();

    DesiredStateServer(String token) {
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PREFIX, exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                int status;
                byte[] body = new byte[0];
                if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    status = 401;
                } else if (!path.endsWith(SUFFIX) || !plans.containsKey(path.substring(PREFIX.length(), path.length() - SUFFIX.length()))) {
                    status = 404;
                } else {
                    status = 200;
                    body = plans.get(path.substring(PREFIX.length(), path.length() - SUFFIX.length()));
                    exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
                }
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String token() {
        return token;
    }

    /** Serves the plan's elements (header made here); returns the checksum the planning service would publish. */
    String serve(String planId, List<PlanElement> elements) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder lines = new StringBuilder();
            for (PlanElement element : elements) {
                String line = ContractsJson.mapper().writerFor(PlanElement.class).writeValueAsString(element) + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                lines.append(line);
            }
            String checksum = HexFormat.of().formatHex(digest.digest());
            PlanElement.Header header = new PlanElement.Header(1, planId, "Crash test " + planId, 1, checksum,
                    Instant.now(), Instant.now(), LocalDate.of(2027, 1, 1), count(elements, PlanElement.Territory.class),
                    count(elements, PlanElement.Account.class), count(elements, PlanElement.UserAssignment.class),
                    count(elements, PlanElement.Quota.class));
            String body = ContractsJson.mapper().writerFor(PlanElement.class).writeValueAsString(header) + "\n" + lines;
            plans.put(planId, body.getBytes(StandardCharsets.UTF_8));
            return checksum;
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(List<PlanElement> elements, Class<?> kind) {
        return elements.stream().filter(kind::isInstance).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
