package dev.planbridge.changefeed.salesforce;

import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.GetDeletedResult;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.bind.XmlObject;
import dev.planbridge.changefeed.capture.CrmException;
import dev.planbridge.changefeed.capture.CrmSource;
import dev.planbridge.contracts.feed.FieldDescribe;
import dev.planbridge.salesforce.SalesforceClient;
import dev.planbridge.salesforce.SalesforceConfig;
import dev.planbridge.salesforce.SalesforceFault;
import dev.planbridge.salesforce.SalesforceLogin;
import dev.planbridge.salesforce.Soql;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CrmSource} over the suite's {@link SalesforceClient}: it turns the feed's questions into SOQL and force-wsc
 * calls and the answers into JSON-friendly records. Login, session renewal and fault classification are the client's.
 * Not thread-safe: one instance per capture thread (it remembers the open query).
 */
public final class WscCrmSource implements CrmSource {

    /** Ids per user-name query: a page of names is one API call whatever its size. */
    private static final int USER_IDS_PER_QUERY = 200;

    private final SalesforceClient client;
    private final Map<String, Map<String, String>> fieldTypes = new ConcurrentHashMap<>();
    private final Map<String, PendingQuery> pendingQueries = new HashMap<>();

    /** @throws IllegalArgumentException when the configuration cannot log in (no credentials, not a SOAP URL) */
    public WscCrmSource(SalesforceConfig config) {
        this.client = new SalesforceClient(config);
    }

    @Override
    public CrmSession login() {
        SalesforceLogin.Session session = call(client::relogin);
        return new CrmSession(session.orgId(), session.userId(), session.username());
    }

    // Fresh on purpose: the engine describes to follow fields the administrator adds or removes, and a cached
    // answer would hide them. Fields Salesforce hides from the API (deprecatedAndHidden) are left out.
    @Override
    public ObjectDescription describe(String object) {
        DescribeSObjectResult result = call(() -> client.describeFresh(object));
        Map<String, String> types = new LinkedHashMap<>();
        List<FieldDescribe> fields = new ArrayList<>();
        for (Field field : result.getFields()) {
            if (field.isDeprecatedAndHidden()) {
                continue;
            }
            String soapType = field.getSoapType() == null ? "xsd:anyType" : soapTypeName(field.getSoapType().name());
            types.put(field.getName(), soapType);
            fields.add(new FieldDescribe(field.getName(), field.getLabel(),
                    field.getType() == null ? null : field.getType().name().replaceFirst("^_", ""), soapType,
                    field.getLength(), field.getPrecision(), field.getScale(), field.isNillable(), field.isCustom(),
                    field.getReferenceTo() == null ? List.of() : List.of(field.getReferenceTo())));
        }
        fieldTypes.put(object, types);
        return new ObjectDescription(result.getName(), fields);
    }

    @Override
    public RecordPage changedSince(String object, List<String> fields, Instant from, boolean includeDeleted) {
        String soql = Soql.changedSince(object, fields, from);
        QueryResult result = call(() -> client.read(includeDeleted ? "queryAll " + object : "query " + object,
                c -> includeDeleted ? c.queryAll(soql) : c.query(soql)));
        return page(object, fields, result);
    }

    @Override
    public RecordPage readAll(String object, List<String> fields) {
        String soql = Soql.all(object, fields);
        return page(object, fields, call(() -> client.read("query " + object, c -> c.query(soql))));
    }

    @Override
    public RecordPage more(String queryLocator) {
        PendingQuery pending = pendingQueries.remove(queryLocator);
        if (pending == null) {
            throw new CrmException(CrmException.INVALID_QUERY_LOCATOR, "Unknown query locator " + queryLocator);
        }
        return page(pending.object(), pending.fields(),
                call(() -> client.read("queryMore " + pending.object(), c -> c.queryMore(queryLocator))));
    }

    private record PendingQuery(String object, List<String> fields) {
    }

    private RecordPage page(String object, List<String> fields, QueryResult result) {
        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, String> types = fieldTypes.getOrDefault(object, Map.of());
        SObject[] rows = result.getRecords() == null ? new SObject[0] : result.getRecords();
        for (SObject row : rows) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (String field : fields) {
                record.put(field, normalise(valueOf(row, field), types.get(field)));
            }
            if (record.get("Id") == null && row.getId() != null) {
                record.put("Id", row.getId());
            }
            records.add(record);
        }
        String locator = result.isDone() ? null : result.getQueryLocator();
        if (locator != null) {
            pendingQueries.clear(); // one open query at a time per capture thread
            pendingQueries.put(locator, new PendingQuery(object, fields));
        }
        return new RecordPage(records, locator, result.isDone());
    }

    @Override
    public List<DeletedRecord> deletedBetween(String object, Instant start, Instant end) {
        String name = Soql.identifier(object);
        GetDeletedResult result = call(() -> client.read("getDeleted " + name,
                c -> c.getDeleted(name, calendar(start), calendar(end))));
        List<DeletedRecord> deleted = new ArrayList<>();
        if (result.getDeletedRecords() != null) {
            for (com.sforce.soap.partner.DeletedRecord row : result.getDeletedRecords()) {
                deleted.add(new DeletedRecord(row.getId(),
                        row.getDeletedDate() == null ? null : row.getDeletedDate().toInstant()));
            }
        }
        return deleted;
    }

    @Override
    public Instant serverTime() {
        return call(() -> client.read("getServerTimestamp", c -> c.getServerTimestamp())).getTimestamp().toInstant();
    }

    @Override
    public Map<String, String> userNames(Collection<String> userIds) {
        Map<String, String> names = new HashMap<>();
        for (String soql : Soql.whereIn("User", List.of("Id", "Name"), "Id", userIds, USER_IDS_PER_QUERY)) {
            QueryResult result = call(() -> client.read("query User", c -> c.query(soql)));
            for (SObject row : result.getRecords()) {
                names.put(row.getId() != null ? row.getId() : (String) row.getField("Id"),
                        (String) row.getField("Name"));
            }
        }
        return names;
    }

    @Override
    public String userIdByUsername(String username) {
        String soql = Soql.whereEquals("User", List.of("Id"), "Username", username);
        QueryResult result = call(() -> client.read("query User", c -> c.query(soql)));
        if (result.getRecords() == null || result.getRecords().length == 0) {
            return null;
        }
        SObject row = result.getRecords()[0];
        return row.getId() != null ? row.getId() : (String) row.getField("Id");
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface ClientCall<T> {
        T run() throws SalesforceFault;
    }

    /** The capture domain speaks {@link CrmException} with Salesforce's code; the engine decides on that code. */
    private static <T> T call(ClientCall<T> call) {
        try {
            return call.run();
        } catch (SalesforceFault fault) {
            throw new CrmException(fault.code(), fault.detail(), fault);
        }
    }

    private static Object valueOf(SObject row, String field) {
        int dot = field.indexOf('.');
        if (dot < 0) {
            return row.getField(field);
        }
        XmlObject parent = row.getChild(field.substring(0, dot));
        return parent == null ? null : parent.getField(field.substring(dot + 1));
    }

    /** JSON-friendly values that survive a round trip through the state topic unchanged. */
    static Object normalise(Object value, String soapType) {
        if (value == null) {
            return null;
        }
        String type = soapType == null ? "" : soapType;
        if (value instanceof Calendar calendar) {
            return type.equals("xsd:date")
                    ? LocalDate.ofInstant(calendar.toInstant(), ZoneOffset.UTC).toString()
                    : calendar.toInstant().toString();
        }
        if (value instanceof Date date) {
            return type.equals("xsd:date") ? LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC).toString()
                    : date.toInstant().toString();
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof XmlObject xml) {
            return xml.getValue() == null ? null : normalise(xml.getValue(), soapType);
        }
        String text = value.toString();
        try {
            return switch (type) {
                case "xsd:boolean" -> Boolean.parseBoolean(text);
                case "xsd:int", "xsd:long" -> Long.parseLong(text);
                case "xsd:double" -> Double.parseDouble(text);
                case "xsd:dateTime" -> Instant.parse(text).toString();
                default -> text;
            };
        } catch (RuntimeException e) {
            return text; // keep what the org sent rather than lose it
        }
    }

    private static String soapTypeName(String enumName) {
        String name = enumName.startsWith("_") ? enumName.substring(1) : enumName;
        return name.equals("ID") ? "tns:ID" : "xsd:" + name;
    }

    private static Calendar calendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }
}
