package dev.planbridge.sync.crm;

import com.sforce.soap.partner.DeleteResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.SoapFaultException;
import dev.planbridge.salesforce.SalesforceLogin;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CRM through the force-wsc Partner API: username/password login (SOAP, API 64.0) or OAuth client
 * credentials, queries with queryMore, batched create/update/delete. One instance per push (it holds a session).
 */
public final class WscCrmGateway implements CrmGateway {

    private static final Set<String> SESSION_CODES = Set.of("INVALID_SESSION_ID");
    private static final Set<String> LIMIT_CODES = Set.of("REQUEST_LIMIT_EXCEEDED");
    private static final Set<String> TRANSIENT_CODES = Set.of("SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION");

    /** Read into the record's audit properties, not into its fields (which are compared and written back). */
    private static final Set<String> AUDIT_FIELDS = Set.of("Id", "LastModifiedById", "LastModifiedDate");

    private final SalesforceLogin login;
    private final AtomicLong calls = new AtomicLong();
    private PartnerConnection connection;
    private String userId;

    public WscCrmGateway(SalesforceConfig config) {
        this.login = new SalesforceLogin(config.loginUrl(), config.username().orElse(null),
                config.password().orElse(null), config.clientId().orElse(null), config.clientSecret().orElse(null),
                config.apiVersion(), config.connectTimeout(), config.readTimeout());
    }

    @Override
    public synchronized String integrationUserId() throws CrmCallException {
        connection();
        return userId;
    }

    @Override
    public List<CrmRecord> query(String soql) throws CrmCallException {
        List<String> fields = selectedFields(soql);
        List<CrmRecord> records = new ArrayList<>();
        try {
            calls.incrementAndGet();
            QueryResult result = connection().query(soql);
            while (true) {
                for (SObject sobject : result.getRecords()) {
                    records.add(toRecord(sobject, fields));
                }
                if (result.isDone() || result.getQueryLocator() == null) {
                    return records;
                }
                calls.incrementAndGet();
                result = connection().queryMore(result.getQueryLocator());
            }
        } catch (ConnectionException e) {
            throw translate(e);
        }
    }

    @Override
    public List<WriteResult> create(SObjectType object, List<Map<String, String>> records) throws CrmCallException {
        try {
            calls.incrementAndGet();
            return saveResults(connection().create(toSObjects(object, records)));
        } catch (ConnectionException e) {
            throw translate(e);
        }
    }

    @Override
    public List<WriteResult> update(SObjectType object, List<Map<String, String>> records) throws CrmCallException {
        try {
            calls.incrementAndGet();
            return saveResults(connection().update(toSObjects(object, records)));
        } catch (ConnectionException e) {
            throw translate(e);
        }
    }

    @Override
    public List<WriteResult> delete(List<String> ids) throws CrmCallException {
        try {
            calls.incrementAndGet();
            List<WriteResult> results = new ArrayList<>();
            for (DeleteResult result : connection().delete(ids.toArray(String[]::new))) {
                results.add(result.isSuccess() ? WriteResult.ok(result.getId()) : firstError(result.getErrors()));
            }
            return results;
        } catch (ConnectionException e) {
            throw translate(e);
        }
    }

    @Override
    public synchronized void relogin() throws CrmCallException {
        connection = null;
        connection();
    }

    @Override
    public long apiCalls() {
        return calls.get();
    }

    private synchronized PartnerConnection connection() throws CrmCallException {
        if (connection == null) {
            try {
                calls.addAndGet(login.usesOAuth() ? 2 : 1); // token + getUserInfo, or one SOAP login
                SalesforceLogin.Session session = login.open();
                connection = session.connection();
                userId = session.userId();
            } catch (ConnectionException e) {
                throw translate(e);
            } catch (SalesforceLogin.TokenException e) {
                throw e.httpStatus() == 0
                        ? new CrmCallException(CrmCallException.Kind.TRANSIENT, "CONNECTION", e.getMessage(), e)
                        : new CrmCallException(e.isTransient() ? CrmCallException.Kind.TRANSIENT
                                : CrmCallException.Kind.PERMANENT, "OAUTH_" + e.httpStatus(), e.getMessage(), e);
            }
        }
        return connection;
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

    static CrmCallException translate(ConnectionException e) {
        String code;
        String message;
        if (e instanceof ApiFault fault) {
            code = String.valueOf(fault.getExceptionCode());
            message = fault.getExceptionMessage();
        } else if (e instanceof SoapFaultException fault) {
            code = fault.getFaultCode() == null ? "SOAP_FAULT" : fault.getFaultCode().getLocalPart();
            message = fault.getMessage();
        } else {
            // Transport trouble: refused, dropped or timed-out connection, HTTP 5xx without a SOAP fault.
            return new CrmCallException(CrmCallException.Kind.TRANSIENT, "CONNECTION", String.valueOf(e.getMessage()), e);
        }
        String text = message == null ? "" : message;
        CrmCallException.Kind kind;
        if (SESSION_CODES.contains(code) || text.contains("Illegal Session") || text.contains("Session timed out")
                || text.contains("Session not found")) {
            kind = CrmCallException.Kind.SESSION_EXPIRED;
        } else if (LIMIT_CODES.contains(code)) {
            kind = CrmCallException.Kind.REQUEST_LIMIT;
        } else if (TRANSIENT_CODES.contains(code)) {
            kind = CrmCallException.Kind.TRANSIENT;
        } else {
            kind = CrmCallException.Kind.PERMANENT;
        }
        return new CrmCallException(kind, code, text, e);
    }
}
