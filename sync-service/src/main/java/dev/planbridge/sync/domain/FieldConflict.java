package dev.planbridge.sync.domain;

import java.time.Instant;

/**
 * A field the CRM changed since the baseline to something else than the plan wants. {@code field} is
 * {@value #EXISTENCE} when the disagreement is about the record existing at all.
 */
public record FieldConflict(String field, String baseValue, String planValue, String crmValue,
                            String changedById, Instant changedAt, ConflictPolicy policy) {

    public static final String EXISTENCE = "(record)";
    public static final String PRESENT = "present";
}
