package dev.planbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    @Test
    void shouldDispatchEventsOnBlankLinesAndKeepTheLastId() throws Exception {
        String stream = """
                : keep-alive
                id: 7
                event: change
                data: {"a":1}

                data: line one
                data: line two

                id: 9
                data:no-space

                """;
        List<ServerSentEvents.Event> events = new ArrayList<>();
        String lastId = ServerSentEvents.read(new BufferedReader(new StringReader(stream)), null, events::add);

        assertEquals(3, events.size());
        assertEquals(new ServerSentEvents.Event("7", "change", "{\"a\":1}"), events.get(0));
        assertEquals(new ServerSentEvents.Event("7", "message", "line one\nline two"), events.get(1));
        assertEquals("no-space", events.get(2).data());
        assertEquals("9", lastId);
    }

    @Test
    void shouldStopWhenTheHandlerSaysSo() throws Exception {
        String stream = "id: 1\ndata: a\n\nid: 2\ndata: b\n\n";
        List<String> seen = new ArrayList<>();
        String lastId = ServerSentEvents.read(new BufferedReader(new StringReader(stream)), "0", e -> {
            seen.add(e.data());
            return false;
        });
        assertEquals(List.of("a"), seen);
        assertEquals("1", lastId);
    }
}
