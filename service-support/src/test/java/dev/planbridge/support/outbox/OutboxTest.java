package dev.planbridge.support.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class OutboxTest {

    @Test
    void shouldDeriveTheSameEventIdForTheSameEventSoARetryCannotQueueItTwice() {
        String first = Outbox.eventId("SyncCompleted", "push-1");
        assertEquals(first, Outbox.eventId("SyncCompleted", "push-1"));
        assertNotEquals(first, Outbox.eventId("SyncCompleted", "push-2"));
        assertNotEquals(first, Outbox.eventId("SyncConflict", "push-1"));
    }
}
