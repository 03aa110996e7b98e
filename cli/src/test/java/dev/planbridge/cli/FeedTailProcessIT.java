package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.ChangeSource;
import dev.planbridge.contracts.feed.Operation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planbridge feed tail > file} as a separate process: each event must reach the file when it arrives, not when
 * the CLI ends (a user tails the file, or stops the CLI with Ctrl-C). The stand-in feed holds the stream open and
 * sends the next event only when the test says so.
 */
@Timeout(120)
@EnabledIfSystemProperty(named = CliProcess.JAR_PROPERTY, matches = ".+", disabledReason = CliProcess.ONLY_IN_VERIFY)
class FeedTailProcessIT {

    private static final String END_OF_STREAM = "";
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final BlockingQueue<String> toSend = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer feed;

    @BeforeEach
    void start() throws IOException {
        feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feed.createContext("/api/v1/feed/stream", exchange -> {
            requests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                String event;
                while ((event = toSend.poll(60, TimeUnit.SECONDS)) != null && !event.equals(END_OF_STREAM)) {
                    body.write(event.getBytes(StandardCharsets.UTF_8));
                    body.flush();
                }
            } catch (InterruptedException | IOException gone) {
                // the CLI hung up or the test ended: nothing more to send
            }
        });
        feed.start();
    }

    @AfterEach
    void stop() {
        toSend.add(END_OF_STREAM);
        feed.stop(0);
    }

    private static String ownerChange(int seq, String account, String name, String from, String to) {
        ChangeEvent change = new ChangeEvent(1, "e" + seq, account, "Account", Operation.UPDATE,
                Map.of("OwnerId", from, "Name", name), Map.of("OwnerId", to, "Name", name), List.of("OwnerId"),
                new ChangeSource("00D", Instant.parse("2026-11-29T10:15:3" + seq + "Z"), "005X", "Rita Rep",
                        ChangeSource.ORIGIN_CRM, null, false), 1L);
        return "id: " + seq + "\nevent: change\ndata: " + ContractsJson.write(change) + "\n\n";
    }

    @Test
    void shouldWriteEachEventIntoTheFileWhileStillFollowing() throws Exception {
        CliProcess cli = CliProcess.withDemoTokens(dir);
        Path out = dir.resolve("feed.txt");
        String first = "10:15:31  Rita Rep  Account 001A  (Acme) OwnerId: 005OLD → 005NEW";
        String second = "10:15:32  Rita Rep  Account 001B  (Zürich AG) OwnerId: 005NEW → 005OLD";
        toSend.add(ownerChange(1, "001A", "Acme", "005OLD", "005NEW"));
        CliProcess.Running tail = cli.start(out, Map.of(), List.of("feed", "tail", "--object", "Account", "--count", "2",
                "--feed-url", "http://127.0.0.1:" + feed.getAddress().getPort(), "--as", "viewer"));

        awaitContent(out, first + "\n", tail);
        assertTrue(tail.process().isAlive(), "the CLI waits for its second event: " + tail.err());
        toSend.add(ownerChange(2, "001B", "Zürich AG", "005NEW", "005OLD"));
        assertEquals(ExitCodes.OK, tail.await(), tail.err());
        assertEquals(first + "\n" + second + "\n", Files.readString(out, StandardCharsets.UTF_8), tail.err());
        assertEquals("", tail.err());
        assertEquals(List.of("/api/v1/feed/stream?object=Account Bearer viewer-jwt"), requests);
    }

    @Test
    void shouldStopFollowingWhenNobodyReadsItsOutputAnyMore() throws Exception {
        // `planbridge feed tail | head -1`: once head has its line and ends, the CLI must end too, not follow forever
        CliProcess cli = CliProcess.withDemoTokens(dir);
        toSend.add(ownerChange(1, "001A", "Acme", "005OLD", "005NEW"));
        CliProcess.Running tail = cli.start(null, Map.of(), List.of("feed", "tail",
                "--feed-url", "http://127.0.0.1:" + feed.getAddress().getPort()));
        try (BufferedReader head = new BufferedReader(new InputStreamReader(tail.process().getInputStream(),
                StandardCharsets.UTF_8))) {
            assertTrue(head.readLine().endsWith("Account 001A  (Acme) OwnerId: 005OLD → 005NEW"), tail.err());
        }
        toSend.add(ownerChange(2, "001B", "Globex", "005NEW", "005OLD"));
        assertEquals(ExitCodes.OUTPUT_FAILED, tail.await(), tail.err());
        assertEquals("planbridge: could not write all of the output (standard output closed, or the disk full)\n",
                tail.err());
    }

    /** Waits (bounded) until the file holds exactly {@code expected}; fails if the CLI ended or it never came. */
    private static void awaitContent(Path file, String expected, CliProcess.Running running) throws Exception {
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (seen.equals(expected)) {
                return;
            }
            if (!running.process().isAlive()) {
                fail("The CLI ended (exit " + running.process().exitValue() + ") before printing " + expected
                        + "; the file holds '" + seen + "', stderr: " + running.err());
            }
            Thread.sleep(50);
        }
        running.process().destroyForcibly();
        fail("Within " + PROMPTLY.toSeconds() + " s the file got '" + seen + "', not the event '" + expected
                + "' the feed sent: the CLI holds events back; stderr: " + running.err());
    }
}
