package dev.planbridge.changefeed.salesforce;

import com.sforce.soap.partner.DeletedRecord;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.GetDeletedResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.SoapFaultException;
import com.sforce.ws.bind.XmlObject;
import dev.planbridge.changefeed.capture.CrmException;
import dev.planbridge.changefeed.capture.CrmSource;
import dev.planbridge.salesforce.SalesforceLogin;
import java.io.IOException;
import java.time.Duration;
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
 * {@link CrmSource} through the real Salesforce client, force-wsc's {@code PartnerConnection}: username/password
 * login (SOAP, API 64.0 and below) or an OAuth 2.0 client-credentials token. A fault saying the session is invalid
 * triggers one re-login and one retry. Not thread-safe: one instance per capture thread.
 */
public final class WscCrmSource implements CrmSource {

    private static final System.Logger LOG = System.getLogger(WscCrmSource.class.getName());
    private static final int IN_CHUNK = 200;

    private final SalesforceConfig config;
    private final SalesforceLogin login;
    private final Map<String, Map<String, String>> fieldTypes = new ConcurrentHashMap<>();
    private PartnerConnection connection;
    private CrmSession session;

    public WscCrmSource(SalesforceConfig config) {
        this.config = config;
        // Validates the URL and that one complete set of credentials is there, before the first call.
        this.login = new SalesforceLogin(config.loginUrl(), config.username().orElse(null),
                config.password().orElse(null), config.clientId().orElse(null), config.clientSecret().orElse(null),
                config.apiVersion(), Duration.ofSeconds(10), Duration.ofMillis(config.readTimeoutMillis()));
    }

    @Override
    public CrmSession login() {
        try {
            SalesforceLogin.Session opened = login.open();
            connection = opened.connection();
            connection.setQueryOptions(config.queryBatchSize());
            session = new CrmSession(opened.orgId(), opened.userId(), opened.username());
            LOG.log(System.Logger.Level.INFO, "Logged in to Salesforce org {0} as {1}", session.orgId(),
                    session.username());
            return session;
        } catch (ConnectionException e) {
            throw translate(e);
        } catch (SalesforceLogin.TokenException e) {
            throw new CrmException(e.isTransient() ? CrmException.CONNECTION : CrmException.INVALID_LOGIN,
                    e.getMessage(), e);
        }
    }

    @Override
    public ObjectDescription describe(String object) {
        DescribeSObjectResult result = call(() -> connection.describeSObject(Soql.identifier(object)));
        Map<String, String> types = new LinkedHashMap<>();
        for (Field field : result.getFields()) {
            String soapType = field.getSoapType() == null ? "xsd:anyType" : soapTypeName(field.getSoapType().name());
            types.put(field.getName(), soapType);
        }
        fieldTypes.put(object, types);
        return new ObjectDescription(result.getName(), types);
    }

    @Override
    public RecordPage changedSince(String object, List<String> fields, Instant from, boolean includeDeleted) {
        String soql = Soql.changedSince(object, fields, from);
        QueryResult result = call(() -> includeDeleted ? connection.queryAll(soql) : connection.query(soql));
        return page(object, fields, result);
    }

    @Override
    public RecordPage readAll(String object, List<String> fields) {
        String soql = Soql.all(object, fields);
        return page(object, fields, call(() -> connection.query(soql)));
    }

    @Override
    public RecordPage more(String queryLocator) {
        PendingQuery pending = pendingQueries.remove(queryLocator);
        if (pending == null) {
            throw new CrmException(CrmException.INVALID_QUERY_LOCATOR, "Unknown query locator " + queryLocator);
        }
        return page(pending.object(), pending.fields(), call(() -> connection.queryMore(queryLocator)));
    }

    private record PendingQuery(String object, List<String> fields) {
    }

    private final Map<String, PendingQuery> pendingQueries = new HashMap<>();

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
        GetDeletedResult result = call(() -> connection.getDeleted(Soql.identifier(object), calendar(start),
                calendar(end)));
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
        return call(() -> connection.getServerTimestamp()).getTimestamp().toInstant();
    }

    @Override
    public Map<String, String> userNames(Collection<String> userIds) {
        Map<String, String> names = new HashMap<>();
        List<String> ids = new ArrayList<>(userIds);
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
            String soql = Soql.whereIn("User", List.of("Id", "Name"), "Id", chunk);
            QueryResult result = call(() -> connection.query(soql));
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
        QueryResult result = call(() -> connection.query(soql));
        if (result.getRecords() == null || result.getRecords().length == 0) {
            return null;
        }
        SObject row = result.getRecords()[0];
        return row.getId() != null ? row.getId() : (String) row.getField("Id");
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface Call<T> {
        T run() throws ConnectionException;
    }

    private <T> T call(Call<T> call) {
        if (connection == null) {
            login();
        }
        try {
            return call.run();
        } catch (ConnectionException e) {
            CrmException failure = translate(e);
            if (!CrmException.INVALID_SESSION_ID.equals(failure.code())) {
                throw failure;
            }
            LOG.log(System.Logger.Level.INFO, "Salesforce session expired; logging in again");
            login();
            try {
                return call.run();
            } catch (ConnectionException again) {
                throw translate(again);
            }
        }
    }

    static CrmException translate(ConnectionException e) {
        if (e instanceof ApiFault fault) {
            String code = fault.getExceptionCode() == null ? "UNKNOWN_EXCEPTION" : fault.getExceptionCode().name();
            return new CrmException(code, String.valueOf(fault.getExceptionMessage()), e);
        }
        if (e instanceof SoapFaultException fault) {
            String code = fault.getFaultCode() == null ? "UNKNOWN_EXCEPTION" : fault.getFaultCode().getLocalPart();
            if (String.valueOf(fault.getMessage()).contains("Invalid Session")) {
                code = CrmException.INVALID_SESSION_ID;
            }
            return new CrmException(code, String.valueOf(fault.getMessage()), e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains(" 503")) {
            return new CrmException("HTTP_503", message, e);
        }
        Throwable cause = e.getCause();
        if (cause instanceof IOException || message.contains("Failed to send request")) {
            return new CrmException(CrmException.CONNECTION, message, e);
        }
        return new CrmException(CrmException.CONNECTION, e.getClass().getSimpleName() + ": " + message, e);
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
