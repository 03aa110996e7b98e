package dev.planbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.sync.SyncProgress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Follows a push's Server-Sent Events ({@code GET /api/v1/pushes/{id}/events}, one {@link SyncProgress} per event, the
 * stream completes after phase DONE) and draws the progress bar: redrawn in place on a terminal, one line per phase
 * (and object) otherwise so logs stay readable.
 */
final class PushFollower {

    enum Display { LIVE, LINES, NONE }

    private static final int RECONNECTS = 5;

    private final ApiClient sync;
    private final PrintWriter err;
    private final Display display;
    private final ProgressBar bar = new ProgressBar(30);
    private final long reconnectDelayMillis;

    private String lastStep;
    private int lastWidth;
    private long writingStartedNanos;

    PushFollower(ApiClient sync, PrintWriter err, Display display, long reconnectDelayMillis) {
        this.sync = sync;
        this.err = err;
        this.display = display;
        this.reconnectDelayMillis = reconnectDelayMillis;
    }

    /** Blocks until the push is done (per its stream or, if the stream keeps dropping, per its status). */
    void follow(String pushId) throws IOException, InterruptedException {
        long start = System.nanoTime();
        SyncProgress[] last = {null};
        for (int attempt = 0; attempt <= RECONNECTS; attempt++) {
            try (BufferedReader reader = sync.lines("api/v1/pushes/" + pushId + "/events", "text/event-stream", Map.of())) {
                ServerSentEvents.read(reader, null, event -> {
                    if (!event.data().startsWith("{")) {
                        return true;
                    }
                    try {
                        last[0] = ContractsJson.read(event.data(), SyncProgress.class);
                    } catch (IllegalArgumentException malformed) {
                        throw new ApiException(200, "Unexpected progress event", malformed.getMessage());
                    }
                    show(last[0], start);
                    return !"DONE".equals(last[0].phase());
                });
            } catch (IOException dropped) {
                // the stream broke off mid-push: reconnect below; its first event is the push's current state
            }
            if (last[0] != null && "DONE".equals(last[0].phase())) {
                break;
            }
            JsonNode push = sync.get("api/v1/pushes/" + pushId);
            String status = push.path("status").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                break;
            }
            Thread.sleep(reconnectDelayMillis);
        }
        if (display == Display.LIVE && lastWidth > 0) {
            err.println();
        }
        err.flush();
    }

    private void show(SyncProgress progress, long start) {
        if (display == Display.NONE) {
            return;
        }
        if ("WRITING".equals(progress.phase()) && writingStartedNanos == 0) {
            writingStartedNanos = System.nanoTime();
        }
        long since = writingStartedNanos == 0 ? start : writingStartedNanos;
        String step = step(progress);
        String line = String.format("%-18s %s", step, bar.render(progress.done(), progress.total(), progress.apiCalls(),
                Duration.ofNanos(System.nanoTime() - since)));
        if (display == Display.LIVE) {
            // carriage return redraws the line; pad to erase a longer previous one
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            err.flush();
        } else if (!Objects.equals(step, lastStep) || "DONE".equals(progress.phase())) {
            err.println(line);
            err.flush();
        }
        lastStep = step;
    }

    static String step(SyncProgress progress) {
        return switch (progress.phase() == null ? "" : progress.phase()) {
            case "QUEUED" -> "Queued";
            case "WAITING" -> "Waiting";
            case "READING_PLAN" -> "Reading plan";
            case "READING_CRM" -> "Reading CRM";
            case "PLANNING" -> "Planning";
            case "WRITING" -> progress.object() == null ? "Writing" : "Writing " + progress.object();
            case "DONE" -> "Done";
            default -> progress.phase();
        };
    }
}
