package dev.planbridge.emulator.org;

import java.time.Instant;
import java.util.List;

/**
 * One committed change: {@code sequence} is strictly increasing per org, {@code op} the kind of change,
 * {@code changedFields} the fields whose value changed (all set fields for a create; empty for delete/undelete).
 */
public record ChangeLogEntry(long sequence, String object, String id, Op op, Instant systemModstamp, String userId,
                             List<String> changedFields) {
    public enum Op { CREATE, UPDATE, DELETE, UNDELETE }

    public ChangeLogEntry {
        changedFields = List.copyOf(changedFields);
    }
}
