package dev.planbridge.emulator.soql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/** A small in-memory schema and row store implementing the engine's two provider interfaces. */
final class TestOrg implements SoqlSchema, SoqlRowSource {

    private final Map<String, TestObject> objects = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> rows = new HashMap<>();
    private final Map<String, Map<String, Object>> byId = new HashMap<>();
    private int rowsIterated;
    private int byIdCalls;

    /** Account, User, Opportunity with the fields the tests use. */
    static TestOrg standard() {
        TestOrg org = new TestOrg();
        org.define("User", "005")
                .field("Name", SoqlType.STRING).field("Email", SoqlType.EMAIL).field("IsActive", SoqlType.BOOLEAN)
                .lookup("ManagerId", "Manager", "User").field("CreatedDate", SoqlType.DATETIME);
        org.define("Account", "001")
                .field("Name", SoqlType.STRING).field("Industry", SoqlType.PICKLIST)
                .field("NumberOfEmployees", SoqlType.INTEGER).field("AnnualRevenue", SoqlType.CURRENCY)
                .field("Description", SoqlType.TEXTAREA).field("Regions__c", SoqlType.MULTIPICKLIST)
                .field("CreatedDate", SoqlType.DATETIME).field("LastActivityDate", SoqlType.DATE)
                .lookup("OwnerId", "Owner", "User").lookup("ParentId", "Parent", "Account");
        org.define("Opportunity", "006")
                .field("Name", SoqlType.STRING).field("StageName", SoqlType.PICKLIST)
                .field("Amount", SoqlType.CURRENCY).field("CloseDate", SoqlType.DATE)
                .field("IsClosed", SoqlType.BOOLEAN)
                .lookup("AccountId", "Account", "Account").lookup("OwnerId", "Owner", "User");
        return org;
    }

    TestObject define(String name, String keyPrefix) {
        TestObject o = new TestObject(name, keyPrefix);
        o.field("Id", SoqlType.ID).field("IsDeleted", SoqlType.BOOLEAN);
        objects.put(name.toLowerCase(Locale.ROOT), o);
        rows.put(name, new ArrayList<>());
        return o;
    }

    /** Adds a live row; key/value pairs by canonical field name. Returns its 18-character Id. */
    String insert(String object, Object... keyValues) {
        return insertRow(object, false, keyValues);
    }

    String insertDeleted(String object, Object... keyValues) {
        return insertRow(object, true, keyValues);
    }

    private String insertRow(String object, boolean deleted, Object... keyValues) {
        TestObject o = objects.get(object.toLowerCase(Locale.ROOT));
        List<Map<String, Object>> list = rows.get(o.name());
        // Mixed-case 15-character ids, so case-sensitivity of ids is exercised.
        String counter = Integer.toString(list.size() + 1);
        String id15 = o.keyPrefix + "aB" + "0000000000".substring(counter.length()) + counter;
        String id = SoqlIds.to18(id15);
        Map<String, Object> row = new HashMap<>();
        row.put("Id", id);
        row.put("IsDeleted", deleted);
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        list.add(row);
        byId.put(id, row);
        return id;
    }

    int rowsIterated() {
        return rowsIterated;
    }

    int byIdCalls() {
        return byIdCalls;
    }

    /** The stored (mutable) row, for tests that change data between executions. */
    Map<String, Object> row(String id) {
        return byId.get(id);
    }

    @Override
    public ObjectInfo object(String name) {
        return objects.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public Iterable<Map<String, Object>> rows(String objectName, boolean includeDeleted) {
        List<Map<String, Object>> list = rows.get(objectName);
        // A plain iterator (not a Stream's), so benchmarks measure the engine rather than this fixture.
        return () -> new Iterator<>() {
            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < list.size() && !includeDeleted && Boolean.TRUE.equals(list.get(i).get("IsDeleted"))) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < list.size();
            }

            @Override
            public Map<String, Object> next() {
                if (next >= list.size()) {
                    throw new NoSuchElementException();
                }
                Map<String, Object> row = list.get(next);
                next = advance(next + 1);
                rowsIterated++;
                return row;
            }
        };
    }

    @Override
    public Map<String, Object> byId(String objectName, String id) {
        byIdCalls++;
        Map<String, Object> row = byId.get(id);
        return row != null && row.get("Id").toString().startsWith(objects.get(objectName.toLowerCase(Locale.ROOT))
                .keyPrefix) ? row : null;
    }

    static final class TestObject implements ObjectInfo {
        private final String name;
        private final String keyPrefix;
        private final Map<String, FieldInfo> fields = new LinkedHashMap<>();
        private final Map<String, RelationshipInfo> relationships = new LinkedHashMap<>();

        TestObject(String name, String keyPrefix) {
            this.name = name;
            this.keyPrefix = keyPrefix;
        }

        TestObject field(String fieldName, SoqlType type) {
            fields.put(fieldName.toLowerCase(Locale.ROOT), new FieldInfo(fieldName, type));
            return this;
        }

        TestObject lookup(String fieldName, String relationshipName, String target) {
            field(fieldName, SoqlType.REFERENCE);
            relationships.put(relationshipName.toLowerCase(Locale.ROOT),
                    new RelationshipInfo(relationshipName, fieldName, target));
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public FieldInfo field(String fieldName) {
            return fields.get(fieldName.toLowerCase(Locale.ROOT));
        }

        @Override
        public RelationshipInfo relationship(String relationshipName) {
            return relationships.get(relationshipName.toLowerCase(Locale.ROOT));
        }
    }
}
