package dev.planbridge.emulator.org;

import java.util.List;

/** Outcome of one record of a write call (SaveResult/UpsertResult/DeleteResult/UndeleteResult). */
public record WriteResult(String id, boolean success, boolean created, List<RecordError> errors) {
    public WriteResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static WriteResult ok(String id, boolean created) {
        return new WriteResult(id, true, created, List.of());
    }

    public static WriteResult failed(String id, RecordError error) {
        return new WriteResult(id, false, false, List.of(error));
    }
}
