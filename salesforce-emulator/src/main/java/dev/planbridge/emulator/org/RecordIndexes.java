package dev.planbridge.emulator.org;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The org's indexes over live records, kept in {@link Org.State}: one per unique key (every unique field, plus
 * composite keys such as UserId + Territory2Id; case-insensitive; a clash is DUPLICATE_VALUE) and one per external-id
 * field (value to ids, for upsert and foreign keys by external id). Called under the org's write lock.
 */
final class RecordIndexes {

    private RecordIndexes() {
    }

    static void checkUnique(Org.State state, ObjectDef object, Object[] values, String selfId) {
        List<List<String>> keys = object.uniqueKeys();
        List<Map<String, String>> indexes = uniqueIndexes(state, object);
        for (int k = 0; k < keys.size(); k++) {
            String key = uniqueKey(object, values, keys.get(k));
            if (key == null) {
                continue;
            }
            String existing = indexes.get(k).get(key);
            if (existing != null && !existing.equals(selfId)) {
                List<String> fields = keys.get(k);
                String field = fields.get(fields.size() - 1);
                throw new RecordFailure(new RecordError("DUPLICATE_VALUE", "duplicate value found: " + field
                        + " duplicates value on record with id: " + existing, fields));
            }
        }
    }

    private static String uniqueKey(ObjectDef object, Object[] values, List<String> fields) {
        StringBuilder key = new StringBuilder();
        for (String field : fields) {
            Object value = values[object.indexOf(field)];
            if (value == null) {
                return null;
            }
            key.append(value.toString().toLowerCase(Locale.ROOT)).append('\u0001');
        }
        return key.toString();
    }

    private static List<Map<String, String>> uniqueIndexes(Org.State state, ObjectDef object) {
        return state.uniqueIndexes.computeIfAbsent(object.name(), name -> {
            List<Map<String, String>> list = new ArrayList<>();
            object.uniqueKeys().forEach(key -> list.add(new HashMap<>()));
            return list;
        });
    }

    static void index(Org.State state, ObjectDef object, String id, Object[] values) {
        List<Map<String, String>> indexes = uniqueIndexes(state, object);
        List<List<String>> keys = object.uniqueKeys();
        for (int k = 0; k < keys.size(); k++) {
            String key = uniqueKey(object, values, keys.get(k));
            if (key != null) {
                indexes.get(k).put(key, id);
            }
        }
        for (FieldDef field : object.externalIdFields()) {
            Object value = values[object.indexOf(field.name())];
            if (value != null) {
                state.externalIndexes.computeIfAbsent(object.name(), n -> new HashMap<>())
                        .computeIfAbsent(field.name(), n -> new HashMap<>())
                        .computeIfAbsent(value.toString().toLowerCase(Locale.ROOT), v -> new LinkedHashSet<>())
                        .add(id);
            }
        }
    }

    static void unindex(Org.State state, ObjectDef object, String id, Object[] values) {
        List<Map<String, String>> indexes = uniqueIndexes(state, object);
        List<List<String>> keys = object.uniqueKeys();
        for (int k = 0; k < keys.size(); k++) {
            String key = uniqueKey(object, values, keys.get(k));
            if (key != null && id.equals(indexes.get(k).get(key))) {
                indexes.get(k).remove(key);
            }
        }
        for (FieldDef field : object.externalIdFields()) {
            Object value = values[object.indexOf(field.name())];
            if (value != null) {
                Map<String, LinkedHashSet<String>> byValue = state.externalIndexes
                        .getOrDefault(object.name(), Map.of()).get(field.name());
                if (byValue != null) {
                    String lower = value.toString().toLowerCase(Locale.ROOT);
                    Set<String> ids = byValue.get(lower);
                    if (ids != null) {
                        ids.remove(id);
                        if (ids.isEmpty()) {
                            byValue.remove(lower);
                        }
                    }
                }
            }
        }
    }
}
