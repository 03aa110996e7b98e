package dev.planbridge.emulator.soap;

import dev.planbridge.emulator.org.SalesforceIds;
import dev.planbridge.emulator.soql.ResultRow;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open query cursors behind queryMore locators ("01g...-2000"). A cursor expires after the idle timeout; a user keeps
 * at most {@value #MAX_OPEN_PER_USER} open cursors (the oldest is dropped, as Salesforce does).
 */
final class QueryCursors {

    static final int MAX_OPEN_PER_USER = 10;

    record Cursor(String key, String userId, List<ResultRow> rows, long[] lastUsedMillis) {
    }

    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;
    private volatile Duration idleTimeout;

    QueryCursors(Clock clock, Duration idleTimeout) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    void setIdleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /** Opens a cursor over the rows; returns its key (the locator is key + "-" + position). */
    synchronized String open(String userId, List<ResultRow> rows) {
        expireIdle();
        List<Cursor> mine = new ArrayList<>();
        for (Cursor cursor : cursors.values()) {
            if (cursor.userId().equals(userId)) {
                mine.add(cursor);
            }
        }
        if (mine.size() >= MAX_OPEN_PER_USER) {
            mine.sort(Comparator.comparingLong(c -> c.lastUsedMillis()[0]));
            for (int i = 0; i <= mine.size() - MAX_OPEN_PER_USER; i++) {
                cursors.remove(mine.get(i).key());
            }
        }
        String key = SalesforceIds.of("01g", sequence.incrementAndGet());
        cursors.put(key, new Cursor(key, userId, List.copyOf(rows), new long[]{clock.millis()}));
        return key;
    }

    /** The live cursor for the key and user (touching it), or null when unknown, expired or someone else's. */
    Cursor get(String key, String userId) {
        Cursor cursor = cursors.get(key);
        if (cursor == null) {
            return null;
        }
        long now = clock.millis();
        synchronized (cursor) {
            if (now - cursor.lastUsedMillis()[0] > idleTimeout.toMillis()) {
                cursors.remove(key);
                return null;
            }
            if (!cursor.userId().equals(userId)) {
                return null;
            }
            cursor.lastUsedMillis()[0] = now;
        }
        return cursor;
    }

    void close(String key) {
        cursors.remove(key);
    }

    int openCount() {
        expireIdle();
        return cursors.size();
    }

    void clear() {
        cursors.clear();
    }

    private void expireIdle() {
        long now = clock.millis();
        cursors.values().removeIf(c -> now - c.lastUsedMillis()[0] > idleTimeout.toMillis());
    }
}
