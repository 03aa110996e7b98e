package dev.planbridge.emulator.org;

import java.util.List;

/** A per-record error as in a SaveResult: {@code statusCode} is a Partner API StatusCode name. */
public record RecordError(String statusCode, String message, List<String> fields) {
    public RecordError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public static RecordError of(String statusCode, String message, String... fields) {
        return new RecordError(statusCode, message, List.of(fields));
    }
}
