package dev.planbridge.planning.csv;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall-clock time of the phases of one import (parse, stage, checks, merge, ...), so a slow import says where its
 * time went in one log line. Not thread-safe: one per import.
 */
final class PhaseClock {

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private long last = start;
    private String lastName;
    private final Map<String, String> notes = new LinkedHashMap<>();

    /** Ends the running phase under {@code name} (time since the previous mark or the start). */
    void mark(String name) {
        long now = System.nanoTime();
        nanos.merge(name, now - last, Long::sum);
        last = now;
        lastName = name;
    }

    /** Records a figure inside the last phase (shown in parentheses after it; not added to the total). */
    void note(String what, long millis) {
        notes.put(lastName, what + " " + millis + " ms");
    }

    long totalMillis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        nanos.forEach((name, n) -> {
            text.append(text.isEmpty() ? "" : ", ").append(name).append(' ').append(n / 1_000_000).append(" ms");
            if (notes.containsKey(name)) {
                text.append(" (").append(notes.get(name)).append(')');
            }
        });
        return text.toString();
    }
}
