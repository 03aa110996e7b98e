package dev.planbridge.emulator.soql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine's {@link CompiledQuery}: immutable, resolved against the schema, executable any number of times. */
final class SoqlQuery implements CompiledQuery {

    /** One ORDER BY key. */
    record SortKey(FieldPath path, boolean descending, boolean nullsFirst) {}

    private final String objectName;
    private final boolean count;
    private final List<FieldPath> fields;
    private final List<String> selectedPaths;
    private final Filters.Filter where;
    private final List<SortKey> sortKeys;
    private final Integer limit;
    private final int offset;
    private final Projection projection;
    private final List<String> referencedFields;

    SoqlQuery(String objectName, boolean count, List<FieldPath> fields, Filters.Filter where, List<SortKey> sortKeys,
              Integer limit, int offset) {
        this.objectName = objectName;
        this.count = count;
        this.fields = fields;
        this.selectedPaths = fields.stream().map(FieldPath::canonical).toList();
        this.where = where;
        this.sortKeys = sortKeys;
        this.limit = limit;
        this.offset = offset;
        this.projection = Projection.of(objectName, fields);
        this.referencedFields = List.of();
    }

    private SoqlQuery(SoqlQuery query, List<String> referencedFields) {
        this.objectName = query.objectName;
        this.count = query.count;
        this.fields = query.fields;
        this.selectedPaths = query.selectedPaths;
        this.where = query.where;
        this.sortKeys = query.sortKeys;
        this.limit = query.limit;
        this.offset = query.offset;
        this.projection = query.projection;
        this.referencedFields = referencedFields;
    }

    SoqlQuery withReferencedFields(List<String> referenced) {
        return new SoqlQuery(this, referenced);
    }

    @Override
    public List<String> referencedFields() {
        return referencedFields;
    }

    @Override
    public String objectName() {
        return objectName;
    }

    @Override
    public boolean isCount() {
        return count;
    }

    @Override
    public List<String> selectedPaths() {
        return selectedPaths;
    }

    @Override
    public String toString() {
        return "SoqlQuery[" + objectName + (count ? " COUNT()" : " " + selectedPaths) + "]";
    }

    QueryRows execute(SoqlRowSource rowSource, boolean includeDeleted, Instant now) {
        SoqlRowSource source = new ParentCache(rowSource);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Filters.Context ctx = new Filters.Context(source, includeDeleted, today);
        Filters.RowTest test = where == null ? null : where.bind(ctx);
        long wanted = limit == null ? Long.MAX_VALUE : (long) offset + limit;
        Iterable<Map<String, Object>> rows = source.rows(objectName, includeDeleted);

        if (count) {
            long matches = 0;
            for (Map<String, Object> row : rows) {
                if ((test == null || test.test(row)) && ++matches >= wanted) {
                    break;
                }
            }
            int size = (int) Math.max(0, Math.min(matches - offset, limit == null ? Long.MAX_VALUE : limit));
            return new QueryRows(size, List.of());
        }

        List<Map<String, Object>> window;
        if (sortKeys.isEmpty()) {
            // Without ORDER BY any order is valid, so stop as soon as OFFSET + LIMIT rows matched.
            List<Map<String, Object>> matches = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                if (test == null || test.test(row)) {
                    matches.add(row);
                    if (matches.size() >= wanted) {
                        break;
                    }
                }
            }
            window = slice(matches);
        } else {
            List<Keyed> matches = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                if (test == null || test.test(row)) {
                    Object[] keys = new Object[sortKeys.size()];
                    for (int i = 0; i < keys.length; i++) {
                        keys[i] = sortKeys.get(i).path().get(row, source);
                    }
                    matches.add(new Keyed(row, keys));
                }
            }
            matches.sort(comparator());
            window = slice(matches).stream().map(Keyed::row).toList();
        }

        List<ResultRow> result = new ArrayList<>(window.size());
        for (Map<String, Object> row : window) {
            result.add(projection.project(row, source));
        }
        return new QueryRows(result.size(), List.copyOf(result));
    }

    private <T> List<T> slice(List<T> matches) {
        int from = Math.min(offset, matches.size());
        long to = limit == null ? matches.size() : Math.min(matches.size(), (long) from + limit);
        return matches.subList(from, (int) to);
    }

    private record Keyed(Map<String, Object> row, Object[] keys) {}

    private Comparator<Keyed> comparator() {
        return (a, b) -> {
            for (int i = 0; i < sortKeys.size(); i++) {
                SortKey key = sortKeys.get(i);
                Object x = a.keys()[i];
                Object y = b.keys()[i];
                int c;
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    c = (x == null) == key.nullsFirst() ? -1 : 1;
                } else {
                    c = compareValues(key.path().type(), x, y);
                    if (key.descending()) {
                        c = -c;
                    }
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    @SuppressWarnings("unchecked")
    private static int compareValues(SoqlType type, Object x, Object y) {
        if (type.isId()) {
            return x.toString().compareTo(y.toString());
        }
        if (type.isText()) {
            // Salesforce sorts text case-insensitively (English locale).
            return String.CASE_INSENSITIVE_ORDER.compare(x.toString(), y.toString());
        }
        if (type.isNumeric()) {
            if ((x instanceof Integer || x instanceof Long) && (y instanceof Integer || y instanceof Long)) {
                return Long.compare(((Number) x).longValue(), ((Number) y).longValue());
            }
            return Filters.toBigDecimal(x).compareTo(Filters.toBigDecimal(y));
        }
        return ((Comparable<Object>) x).compareTo(y);
    }

    /**
     * How selected paths become a {@link ResultRow}: direct fields in SELECT order, and one nested node per parent
     * relationship placed where its first field was selected.
     */
    private record Projection(String objectName, List<Object> entries) {

        /** A nested relationship node: entries are String field names or nested Relationship nodes. */
        private record Relationship(SoqlSchema.RelationshipInfo info, Projection child) {}

        static Projection of(String objectName, List<FieldPath> fields) {
            Projection root = new Projection(objectName, new ArrayList<>());
            for (FieldPath path : fields) {
                Projection node = root;
                for (SoqlSchema.RelationshipInfo hop : path.hops()) {
                    node = node.child(hop);
                }
                node.entries().add(path.field().name());
            }
            return root;
        }

        private Projection child(SoqlSchema.RelationshipInfo hop) {
            for (Object e : entries) {
                if (e instanceof Relationship r && r.info().name().equals(hop.name())) {
                    return r.child();
                }
            }
            Relationship r = new Relationship(hop, new Projection(hop.targetObject(), new ArrayList<>()));
            entries.add(r);
            return r.child();
        }

        ResultRow project(Map<String, Object> row, SoqlRowSource source) {
            LinkedHashMap<String, Object> values = new LinkedHashMap<>();
            for (Object e : entries) {
                if (e instanceof String field) {
                    values.put(field, row.get(field));
                } else {
                    Relationship r = (Relationship) e;
                    Object parentId = row.get(r.info().foreignKeyField());
                    Map<String, Object> parent = parentId == null ? null
                            : source.byId(r.info().targetObject(), parentId.toString());
                    values.put(r.info().name(), parent == null ? null : r.child().project(parent, source));
                }
            }
            Object id = row.get("Id");
            return new ResultRow(objectName, id == null ? null : id.toString(), values);
        }
    }
}
