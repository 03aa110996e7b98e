package dev.planbridge.sync.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory CRM for executor tests: stores records, answers "SELECT ... FROM X WHERE F IN (...)" queries and
 * plays scripted faults (a whole call failing, after or before applying it, or single records failing).
 */
final class FakeCrm implements CrmGateway {

    static final String SYNC_USER = "005000000000SYNCAA";
    private static final Pattern QUERY = Pattern.compile(
            "SELECT (.+) FROM (\\w+) WHERE (\\w+) IN \\((.*)\\)", Pattern.DOTALL);

    final Map<String, Map<String, String>> records = new LinkedHashMap<>();
    final Map<String, String> objectOf = new LinkedHashMap<>();
    final Deque<CallFault> callFaults = new ArrayDeque<>();
    /** Decides per record of each write whether it fails with a status code (null = succeeds). */
    Function<Map<String, String>, String> recordFault = values -> null;
    int writeCalls;
    int queries;
    int logins;
    private int sequence;

    /** A scripted failure of the next write call; {@code applyFirst} models a response lost after the write. */
    record CallFault(CrmCallException.Kind kind, boolean applyFirst) {
    }

    @Override
    public String integrationUserId() {
        return SYNC_USER;
    }

    @Override
    public List<CrmRecord> query(String soql) {
        queries++;
        Matcher m = QUERY.matcher(soql);
        if (!m.matches()) {
            throw new IllegalArgumentException("FakeCrm cannot run " + soql);
        }
        List<String> fields = List.of(m.group(1).split(",\\s*"));
        List<String> values = new ArrayList<>();
        for (String literal : m.group(4).split(",")) {
            values.add(literal.substring(1, literal.length() - 1).replace("\\'", "'").replace("\\\\", "\\"));
        }
        List<CrmRecord> found = new ArrayList<>();
        records.forEach((id, record) -> {
            String matched = m.group(3).equals("Id") ? id : record.get(m.group(3));
            if (objectOf.get(id).equals(m.group(2)) && values.contains(matched)) {
                Map<String, String> selected = new LinkedHashMap<>();
                fields.stream().filter(f -> !f.equals("Id")).forEach(f -> selected.put(f, record.get(f)));
                found.add(new CrmRecord(id, selected, SYNC_USER, null));
            }
        });
        return found;
    }

    @Override
    public List<WriteResult> create(SObjectType object, List<Map<String, String>> batch) throws CrmCallException {
        return write(batch, values -> {
            String id = object.apiName().substring(0, 3) + String.format("%012dAAA", ++sequence);
            String key = NaturalKeys.matchKey(object, values);
            boolean duplicate = records.entrySet().stream().anyMatch(e -> objectOf.get(e.getKey()).equals(object.apiName())
                    && NaturalKeys.matchKey(object, e.getValue()).equals(key));
            if (duplicate) {
                return WriteResult.error("DUPLICATE_VALUE", "duplicate value found");
            }
            records.put(id, new LinkedHashMap<>(values));
            objectOf.put(id, object.apiName());
            return WriteResult.ok(id);
        });
    }

    @Override
    public List<WriteResult> update(SObjectType object, List<Map<String, String>> batch) throws CrmCallException {
        return write(batch, values -> {
            Map<String, String> record = records.get(values.get("Id"));
            if (record == null) {
                return WriteResult.error("ENTITY_IS_DELETED", "entity is deleted");
            }
            values.forEach((k, v) -> {
                if (!k.equals("Id")) {
                    record.put(k, v);
                }
            });
            return WriteResult.ok(values.get("Id"));
        });
    }

    @Override
    public List<WriteResult> delete(List<String> ids) throws CrmCallException {
        return write(ids.stream().map(id -> Map.of("Id", id)).toList(), values -> {
            String id = values.get("Id");
            if (records.remove(id) == null) {
                return WriteResult.error("ENTITY_IS_DELETED", "entity is deleted");
            }
            return WriteResult.ok(id);
        });
    }

    private List<WriteResult> write(List<Map<String, String>> batch, Function<Map<String, String>, WriteResult> apply)
            throws CrmCallException {
        writeCalls++;
        if (batch.size() > 200) {
            throw new CrmCallException(CrmCallException.Kind.PERMANENT, "EXCEEDED_MAX_SIZE_REQUEST", "over 200", null);
        }
        CallFault fault = callFaults.poll();
        if (fault != null && !fault.applyFirst()) {
            throw new CrmCallException(fault.kind(), fault.kind().name(), "scripted", null);
        }
        List<WriteResult> results = new ArrayList<>();
        for (Map<String, String> values : batch) {
            String error = recordFault.apply(values);
            results.add(error != null ? WriteResult.error(error, "scripted") : apply.apply(values));
        }
        if (fault != null) {
            throw new CrmCallException(fault.kind(), fault.kind().name(), "scripted after applying", null);
        }
        return results;
    }

    @Override
    public void relogin() {
        logins++;
    }

    @Override
    public long apiCalls() {
        return writeCalls + queries + logins;
    }

    long count(SObjectType object) {
        return objectOf.entrySet().stream().filter(e -> e.getValue().equals(object.apiName()) && records.containsKey(e.getKey())).count();
    }
}
