package dev.planbridge.sync.crm;

import com.sforce.soap.partner.DeleteResult;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import dev.planbridge.salesforce.SalesforceClient;
import dev.planbridge.salesforce.SalesforceConfig;
import dev.planbridge.salesforce.SalesforceFault;
import dev.planbridge.sync.domain.CrmCallException;
import dev.planbridge.sync.domain.CrmGateway;
import dev.planbridge.sync.domain.CrmRecord;
import dev.planbridge.sync.domain.SObjectType;
import dev.planbridge.sync.domain.WriteResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link CrmGateway} over the suite's {@link SalesforceClient}: queries read every page, writes go out as one call per
 * batch. Login, session renewal, retries of refused calls and fault classification are the client's; a write whose
 * outcome is unknown comes back as {@link CrmCallException.Kind#TRANSIENT} for the push to settle. One instance per
 * push (it holds a session); its calls may run on several writer lanes.
 */
public final class WscCrmGateway implements CrmGateway {

    /** Read into the record's audit properties, not into its fields (which are compared and written back). */
    private static final Set<String> AUDIT_FIELDS = Set.of("Id", "LastModifiedById", "LastModifiedDate");

    private final SalesforceClient client;

    /** @throws IllegalArgumentException when the configuration cannot log in (no credentials, not a SOAP URL) */
    public WscCrmGateway(SalesforceConfig config) {
        this.client = new SalesforceClient(config);
    }

    @Override
    public String integrationUserId() throws CrmCallException {
        return call(client::session).userId();
    }

    @Override
    public List<CrmRecord> query(String soql) throws CrmCallException {
        List<String> fields = selectedFields(soql);
        List<CrmRecord> records = new ArrayList<>();
        QueryResult result = call(() -> client.read("query", c -> c.query(soql)));
        while (true) {
            for (SObject sobject : result.getRecords()) {
                records.add(toRecord(sobject, fields));
            }
            if (result.isDone() || result.getQueryLocator() == null) {
                return records;
            }
            String locator = result.getQueryLocator();
            result = call(() -> client.read("queryMore", c -> c.queryMore(locator)));
        }
    }

    @Override
    public List<WriteResult> create(SObjectType object, List<Map<String, String>> records) throws CrmCallException {
        SObject[] sobjects = toSObjects(object, records);
        return saveResults(call(() -> client.write("create " + object.apiName(), c -> c.create(sobjects))));
    }

    @Override
    public List<WriteResult> update(SObjectType object, List<Map<String, String>> records) throws CrmCallException {
        SObject[] sobjects = toSObjects(object, records);
        return saveResults(call(() -> client.write("update " + object.apiName(), c -> c.update(sobjects))));
    }

    @Override
    public List<WriteResult> delete(List<String> ids) throws CrmCallException {
        String[] toDelete = ids.toArray(String[]::new);
        List<WriteResult> results = new ArrayList<>();
        for (DeleteResult result : call(() -> client.write("delete", c -> c.delete(toDelete)))) {
            results.add(result.isSuccess() ? WriteResult.ok(result.getId()) : firstError(result.getErrors()));
        }
        return results;
    }

    @Override
    public void relogin() throws CrmCallException {
        call(client::relogin);
    }

    @Override
    public long apiCalls() {
        return client.apiCalls();
    }

    @FunctionalInterface
    private interface ClientCall<T> {
        T run() throws SalesforceFault;
    }

    private static <T> T call(ClientCall<T> call) throws CrmCallException {
        try {
            return call.run();
        } catch (SalesforceFault fault) {
            throw translate(fault);
        }
    }

    /** The push's view of a fault the client gave up on. */
    static CrmCallException translate(SalesforceFault fault) {
        CrmCallException.Kind kind = switch (fault.category()) {
            case SESSION_EXPIRED -> CrmCallException.Kind.SESSION_EXPIRED;
            case REQUEST_LIMIT -> CrmCallException.Kind.REQUEST_LIMIT;
            // Still locked after the client's retries: the push waits and settles the batch like any other
            // interrupted write, which is safe whether or not it was applied.
            case LOCK, TRANSIENT -> CrmCallException.Kind.TRANSIENT;
            case PERMANENT -> CrmCallException.Kind.PERMANENT;
        };
        return new CrmCallException(kind, fault.code(), fault.detail(), fault);
    }

    private static SObject[] toSObjects(SObjectType object, List<Map<String, String>> records) {
        SObject[] sobjects = new SObject[records.size()];
        for (int i = 0; i < records.size(); i++) {
            SObject sobject = new SObject(object.apiName());
            List<String> nulls = new ArrayList<>();
            for (Map.Entry<String, String> field : records.get(i).entrySet()) {
                if (field.getKey().equals("Id")) {
                    sobject.setId(field.getValue());
                } else if (field.getValue() == null) {
                    nulls.add(field.getKey());
                } else {
                    sobject.setField(field.getKey(), field.getValue());
                }
            }
            if (!nulls.isEmpty()) {
                sobject.setFieldsToNull(nulls.toArray(String[]::new));
            }
            sobjects[i] = sobject;
        }
        return sobjects;
    }

    private static List<WriteResult> saveResults(SaveResult[] results) {
        List<WriteResult> out = new ArrayList<>(results.length);
        for (SaveResult result : results) {
            out.add(result.isSuccess() ? WriteResult.ok(result.getId()) : firstError(result.getErrors()));
        }
        return out;
    }

    private static WriteResult firstError(com.sforce.soap.partner.Error[] errors) {
        if (errors == null || errors.length == 0) {
            return WriteResult.error("UNKNOWN_EXCEPTION", "failed without an error");
        }
        return WriteResult.error(String.valueOf(errors[0].getStatusCode()), errors[0].getMessage());
    }

    static List<String> selectedFields(String soql) {
        String upper = soql.toUpperCase(Locale.ROOT);
        int select = upper.indexOf("SELECT ");
        int from = upper.indexOf(" FROM ");
        if (select < 0 || from < 0) {
            throw new IllegalArgumentException("Not a SOQL query: " + soql);
        }
        List<String> fields = new ArrayList<>();
        for (String field : soql.substring(select + 7, from).split(",")) {
            fields.add(field.trim());
        }
        return fields;
    }

    static CrmRecord toRecord(SObject sobject, List<String> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : fields) {
            if (!AUDIT_FIELDS.contains(field)) {
                values.put(field, render(sobject.getField(field)));
            }
        }
        String id = sobject.getId() != null ? sobject.getId() : render(sobject.getField("Id"));
        return new CrmRecord(id, values, render(sobject.getField("LastModifiedById")),
                instant(sobject.getField("LastModifiedDate")));
    }

    private static String render(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Calendar calendar) {
            return calendar.toInstant().toString();
        }
        String text = value.toString();
        return text.isEmpty() ? null : text;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Calendar calendar) {
            return calendar.toInstant();
        }
        try {
            return OffsetDateTime.parse(value.toString().replace("+0000", "Z")).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
