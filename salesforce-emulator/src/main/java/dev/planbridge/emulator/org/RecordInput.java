package dev.planbridge.emulator.org;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record of a write call: its sObject type, Id (updates), field values and fieldsToNull. Values may be the
 * strings SOAP carries ("42", "true", "2026-11-29") or Java values (Integer, BigDecimal, LocalDate, Instant, ...);
 * the org converts them to the field's type and reports bad ones per record.
 */
public record RecordInput(String type, String id, Map<String, Object> values, List<String> fieldsToNull) {
    public RecordInput {
        values = values == null ? Map.of() : new LinkedHashMap<>(values);
        fieldsToNull = fieldsToNull == null ? List.of() : List.copyOf(fieldsToNull);
    }

    public static RecordInput of(String type, Map<String, Object> values) {
        return new RecordInput(type, null, values, List.of());
    }

    public static RecordInput update(String type, String id, Map<String, Object> values) {
        return new RecordInput(type, id, values, List.of());
    }
}
