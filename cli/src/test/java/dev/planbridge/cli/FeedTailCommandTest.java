package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FeedTailCommandTest {

    private static ChangeEvent ownerChange(String origin) {
        Instant at = Instant.parse("2026-11-29T10:15:30Z");
        return new ChangeEvent(1, "e1", "001A", "Account", Operation.UPDATE,
                Map.of("OwnerId", "005OLD", "Name", "Acme"), Map.of("OwnerId", "005NEW", "Name", "Acme"),
                List.of("OwnerId"), new ChangeSource("00D", at, "005X", "Rita Rep", origin, null, false), 1L);
    }

    @Test
    void shouldRenderOneLinePerChangedFieldAndMarkOwnWrites() {
        String crm = FeedTailCommand.render(ownerChange("crm"));
        assertTrue(crm.endsWith("Rita Rep  Account 001A  (Acme) OwnerId: 005OLD → 005NEW"), crm);
        assertTrue(FeedTailCommand.render(ownerChange(ChangeSource.ORIGIN_SYNC)).contains("Rita Rep [planbridge]"));
    }

    @Test
    void shouldEncodeOnlyTheFiltersGiven() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("object", "Account");
        filters.put("owner", null);
        filters.put("field", "Owner Id");
        assertEquals("?object=Account&field=Owner+Id", FeedTailCommand.query(filters));
        assertEquals("", FeedTailCommand.query(Map.of()));
    }

    @Test
    void shouldFollowTheStreamWithFiltersAndTheToken() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/feed/stream", exchange -> {
            requests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("id: 1\nevent: change\ndata: " + ContractsJson.write(ownerChange("crm")) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = PlanbridgeCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), "feed", "tail",
                    "--feed-url", "http://127.0.0.1:" + server.getAddress().getPort(), "--token", "t0k",
                    "--object", "Account", "--count", "1");
            assertEquals(0, exit, err.toString());
            assertEquals(List.of("/api/v1/feed/stream?object=Account Bearer t0k"), requests);
            assertTrue(out.toString().contains("Account 001A  (Acme) OwnerId: 005OLD → 005NEW"), out.toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldExitWithUsageCodeOnUnknownOptions() {
        StringWriter err = new StringWriter();
        int exit = PlanbridgeCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "feed", "tail",
                "--nope");
        assertEquals(ExitCodes.USAGE, exit);
        assertTrue(err.toString().startsWith("planbridge: Unknown option: '--nope'"), err.toString());
    }
}
