package dev.planbridge.emulator.soql;

import java.util.HashMap;
import java.util.Map;

/**
 * A row source that remembers {@code byId} answers for one execution: many rows share few parents (owners, accounts),
 * and a relationship path may be read by the filter, the sort and the projection of the same row.
 */
final class ParentCache implements SoqlRowSource {

    private static final Map<String, Object> ABSENT = Map.of();

    private final SoqlRowSource source;
    private final Map<String, Map<String, Map<String, Object>>> byObject = new HashMap<>();

    ParentCache(SoqlRowSource source) {
        this.source = source;
    }

    @Override
    public Iterable<Map<String, Object>> rows(String objectName, boolean includeDeleted) {
        return source.rows(objectName, includeDeleted);
    }

    @Override
    public Map<String, Object> byId(String objectName, String id) {
        Map<String, Map<String, Object>> cache = byObject.computeIfAbsent(objectName, k -> new HashMap<>());
        Map<String, Object> row = cache.get(id);
        if (row == null) {
            row = source.byId(objectName, id);
            cache.put(id, row == null ? ABSENT : row);
            return row;
        }
        return row == ABSENT ? null : row;
    }
}
