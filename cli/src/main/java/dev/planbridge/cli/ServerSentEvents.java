package dev.planbridge.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Predicate;

/** A minimal text/event-stream reader (WHATWG rules: id, event, data lines; blank line dispatches; ':' comments). */
public final class ServerSentEvents {

    /** One dispatched event; {@code id} is the last event id seen on the stream (for Last-Event-ID resumption). */
    public record Event(String id, String name, String data) {
    }

    private ServerSentEvents() {
    }

    /** Reads events until the stream ends or {@code handler} returns false. Returns the last event id seen. */
    public static String read(BufferedReader reader, String lastEventId, Predicate<Event> handler) throws IOException {
        String id = lastEventId;
        String name = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    boolean more = handler.test(new Event(id, name == null ? "message" : name, data.toString()));
                    if (!more) {
                        return id;
                    }
                }
                name = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // "retry" and unknown fields are ignored
                }
            }
        }
        return id;
    }
}
