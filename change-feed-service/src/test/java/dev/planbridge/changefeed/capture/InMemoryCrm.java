package dev.planbridge.changefeed.capture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A tiny org for domain tests: records with SystemModstamp, a recycle bin, paging, injected faults. */
final class InMemoryCrm implements CrmSource {

    static final String ORG = "00D000000000001AAA";
    static final String ADMIN = "005000000000001AAA";
    static final String SYNC_USER = "005000000000002AAA";

    private final Map<String, Map<String, Map<String, Object>>> live = new HashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> recycleBin = new HashMap<>();
    private final Map<String, List<String>> describe = new HashMap<>();
    private final Map<String, List<Map<String, Object>>> pending = new HashMap<>();
    private final AtomicInteger locators = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    int pageSize = 3;
    long nowMillis = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    int calls;
    /** Called before every call: may throw to inject a fault. */
    Supplier<RuntimeException> fault = () -> null;
    /** Called before every queryMore: may change the org (e.g. remove a field) and throw, as between two pages. */
    Supplier<RuntimeException> beforeMore = () -> null;
    int describeCalls;

    InMemoryCrm object(String name, String... fields) {
        List<String> all = new ArrayList<>(List.of("Id", "SystemModstamp", "LastModifiedById", "IsDeleted"));
        all.addAll(List.of(fields));
        describe.put(name, all);
        live.put(name, new TreeMap<>());
        recycleBin.put(name, new TreeMap<>());
        return this;
    }

    /** An administrator adds a field: existing records have no value for it. */
    void addField(String object, String field) {
        describe.get(object).add(field);
    }

    /** An administrator removes a field: its values are gone, a query naming it fails with INVALID_FIELD. */
    void removeField(String object, String field) {
        describe.get(object).remove(field);
        live.get(object).values().forEach(row -> row.remove(field));
        recycleBin.get(object).values().forEach(row -> row.remove(field));
    }

    private void requireFields(String object, List<String> fields) {
        for (String field : fields) {
            if (!describe.get(object).contains(field)) {
                throw new CrmException(CrmException.INVALID_FIELD, "No such column '" + field + "' on entity '"
                        + object + "'");
            }
        }
    }

    Instant tick() {
        nowMillis += 1000;
        return Instant.ofEpochMilli(nowMillis);
    }

    String create(String object, String user, Map<String, Object> values) {
        String id = object.substring(0, 3).toUpperCase() + String.format("%015d", ids.incrementAndGet());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Id", id);
        row.putAll(values);
        row.put("LastModifiedById", user);
        row.put("SystemModstamp", tick().toString());
        live.get(object).put(id, row);
        return id;
    }

    /** A write whose transaction commits late: its stamp is older than writes that are already visible. */
    String createWithStamp(String object, Instant stamp, Map<String, Object> values) {
        String id = create(object, ADMIN, values);
        live.get(object).get(id).put("SystemModstamp", stamp.toString());
        return id;
    }

    void update(String object, String id, String user, Map<String, Object> values) {
        Map<String, Object> row = live.get(object).get(id);
        row.putAll(values);
        row.put("LastModifiedById", user);
        row.put("SystemModstamp", tick().toString());
    }

    void delete(String object, String id) {
        Map<String, Object> row = live.get(object).remove(id);
        row.put("SystemModstamp", tick().toString());
        recycleBin.get(object).put(id, row);
    }

    /** Deletes without leaving a queryAll row (an object like UserTerritory2Association, or a purged bin). */
    void hardDelete(String object, String id) {
        live.get(object).remove(id);
    }

    void undelete(String object, String id) {
        Map<String, Object> row = recycleBin.get(object).remove(id);
        row.put("SystemModstamp", tick().toString());
        live.get(object).put(id, row);
    }

    Map<String, Map<String, Object>> records(String object) {
        return live.get(object);
    }

    private void call() {
        calls++;
        RuntimeException failure = fault.get();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public CrmSession login() {
        call();
        return new CrmSession(ORG, ADMIN, "admin@test");
    }

    @Override
    public ObjectDescription describe(String object) {
        call();
        describeCalls++;
        List<String> fields = describe.get(object);
        if (fields == null) {
            throw new CrmException(CrmException.INVALID_TYPE, "sObject type '" + object + "' is not supported.");
        }
        Map<String, String> types = new LinkedHashMap<>();
        fields.forEach(f -> types.put(f, "xsd:string"));
        return new ObjectDescription(object, types);
    }

    @Override
    public RecordPage changedSince(String object, List<String> fields, Instant from, boolean includeDeleted) {
        call();
        requireFields(object, fields);
        List<Map<String, Object>> rows = new ArrayList<>();
        live.get(object).values().forEach(r -> rows.add(project(r, fields, false)));
        if (includeDeleted) {
            recycleBin.get(object).values().forEach(r -> rows.add(project(r, fields, true)));
        }
        rows.removeIf(r -> Instant.parse((String) r.get("SystemModstamp")).isBefore(from));
        rows.sort(Comparator.comparing((Map<String, Object> r) -> Instant.parse((String) r.get("SystemModstamp")))
                .thenComparing(r -> (String) r.get("Id")));
        return paged(rows);
    }

    @Override
    public RecordPage readAll(String object, List<String> fields) {
        call();
        requireFields(object, fields);
        List<Map<String, Object>> rows = new ArrayList<>();
        live.get(object).values().forEach(r -> rows.add(project(r, fields, false)));
        return paged(rows);
    }

    @Override
    public RecordPage more(String queryLocator) {
        call();
        RuntimeException failure = beforeMore.get();
        if (failure != null) {
            pending.remove(queryLocator);
            throw failure;
        }
        List<Map<String, Object>> rest = pending.remove(queryLocator);
        if (rest == null) {
            throw new CrmException(CrmException.INVALID_QUERY_LOCATOR, "invalid query locator");
        }
        return paged(rest);
    }

    private RecordPage paged(List<Map<String, Object>> rows) {
        if (rows.size() <= pageSize) {
            return new RecordPage(rows, null, true);
        }
        String locator = "01g" + locators.incrementAndGet();
        pending.put(locator, new ArrayList<>(rows.subList(pageSize, rows.size())));
        return new RecordPage(new ArrayList<>(rows.subList(0, pageSize)), locator, false);
    }

    private static Map<String, Object> project(Map<String, Object> row, List<String> fields, boolean deleted) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : fields) {
            out.put(field, field.equals("IsDeleted") ? deleted : row.get(field));
        }
        return out;
    }

    @Override
    public List<DeletedRecord> deletedBetween(String object, Instant start, Instant end) {
        call();
        List<DeletedRecord> out = new ArrayList<>();
        recycleBin.get(object).values().forEach(r -> {
            Instant stamp = Instant.parse((String) r.get("SystemModstamp"));
            if (!stamp.isBefore(start) && stamp.isBefore(end)) {
                out.add(new DeletedRecord((String) r.get("Id"), stamp));
            }
        });
        return out;
    }

    @Override
    public Instant serverTime() {
        call();
        return Instant.ofEpochMilli(nowMillis);
    }

    @Override
    public Map<String, String> userNames(Collection<String> userIds) {
        call();
        Map<String, String> names = new HashMap<>();
        for (String id : userIds) {
            if (id.equals(ADMIN)) {
                names.put(id, "Ada Admin");
            } else if (id.equals(SYNC_USER)) {
                names.put(id, "Planbridge Sync");
            }
        }
        return names;
    }

    @Override
    public String userIdByUsername(String username) {
        call();
        return "sync@test".equals(username) ? SYNC_USER : null;
    }
}
