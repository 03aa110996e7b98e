package dev.planbridge.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * How often the launcher restarted one process and why it did last, kept in {@code .planbridge/run/<process>.restarts}
 * so {@code ./planbridge status} (another process) can show it. One line: {@code count<TAB>instant<TAB>reason}.
 */
record RestartRecord(int count, Instant last, String reason) {

    static Optional<RestartRecord> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split("\t", 3);
            return parts.length == 3
                    ? Optional.of(new RestartRecord(Integer.parseInt(parts[0]), Instant.parse(parts[1]), parts[2]))
                    : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Adds one restart for {@code reason} to what {@code file} holds and writes it back. */
    static RestartRecord increment(Path file, String reason, Instant at) {
        int before = read(file).map(RestartRecord::count).orElse(0);
        RestartRecord next = new RestartRecord(before + 1, at, reason.replace('\t', ' ').replace('\n', ' '));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, next.count + "\t" + next.last + "\t" + next.reason + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return next;
    }

    /** For {@code status}: "restarted 2 times, last at 2026-12-07T20:51:03Z (exit code 137)". */
    String describe() {
        return "restarted " + count + (count == 1 ? " time" : " times") + ", last at " + last + " (" + reason + ")";
    }
}
