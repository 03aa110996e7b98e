package dev.planbridge.changefeed.history;

import dev.planbridge.contracts.feed.ChangeEvent;

/** A change event as kept in the history table; {@code seq} orders all changes and is the SSE event id. */
public record StoredChange(long seq, ChangeEvent event) {
}
