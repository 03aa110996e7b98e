package dev.planbridge.sync.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record as the CRM holds it now: its Id, the fields the push cares about (rendered as strings, null for
 * no value) and who touched it last.
 */
public record CrmRecord(String id, Map<String, String> fields, String lastModifiedById, Instant lastModifiedDate) {

    public CrmRecord {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public String get(String field) {
        return fields.get(field);
    }
}
