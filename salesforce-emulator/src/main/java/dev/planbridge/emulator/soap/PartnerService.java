package dev.planbridge.emulator.soap;

import com.sforce.soap.partner.*;
import com.sforce.soap.partner.Error;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.bind.TypeMapper;
import com.sforce.ws.bind.XMLizable;
import com.sforce.ws.bind.XmlObject;
import com.sforce.ws.parser.XmlInputStream;
import dev.planbridge.emulator.ApiFaultException;
import dev.planbridge.emulator.FaultRule;
import dev.planbridge.emulator.FaultRules;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.Sessions;
import dev.planbridge.emulator.org.ObjectDef;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.emulator.org.ParentReference;
import dev.planbridge.emulator.org.RecordError;
import dev.planbridge.emulator.org.RecordInput;
import dev.planbridge.emulator.org.WriteOptions;
import dev.planbridge.emulator.org.WriteResult;
import dev.planbridge.emulator.soql.CompiledQuery;
import dev.planbridge.emulator.soql.QueryRows;
import dev.planbridge.emulator.soql.ResultRow;
import dev.planbridge.emulator.soql.SoqlException;

import javax.xml.namespace.QName;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * The Partner API calls: reads the request element with its WSC binding class, runs it against the org, and returns
 * the WSC response element to write. Call-level faults are {@link ApiFaultException}s.
 */
public final class PartnerService {

    /** Max records per create/update/upsert/delete/undelete call. */
    public static final int MAX_RECORDS_PER_CALL = 200;
    static final int MAX_DESCRIBE_TYPES = 100;
    static final int MAX_RETRIEVE_IDS = 2000;
    private static final ThreadLocal<TypeMapper> TYPE_MAPPER =
            ThreadLocal.withInitial(() -> new TypeMapper(null, null, false));

    private final SalesforceEmulator emulator;
    private final QueryCursors cursors;

    /** What to write back: the response element, and an injected transport fault to apply (or null). */
    record Outcome(QName responseName, XMLizable response, FaultRule.Type injected) {
    }

    PartnerService(SalesforceEmulator emulator, QueryCursors cursors) {
        this.emulator = emulator;
        this.cursors = cursors;
    }

    static TypeMapper typeMapper() {
        return TYPE_MAPPER.get();
    }

    /** Idle timeout of query locators. */
    public void setQueryLocatorIdleTimeout(java.time.Duration timeout) {
        cursors.setIdleTimeout(timeout);
    }

    /** Open query cursors (for the admin API and tests). */
    public int openQueryCursors() {
        return cursors.openCount();
    }

    /** Drops all query cursors (e.g. when the org is reset). */
    public void clearQueryCursors() {
        cursors.clear();
    }

    Outcome execute(SoapEndpoint.SoapRequest request) throws IOException {
        String call = request.call();
        XMLizable body = readBody(call, request.body());
        SoapEndpoint.Headers headers = request.headers();
        emulator.counters().recordCall(call, headers.client);
        Org org = emulator.org();
        String objectName = objectOf(body, org);

        if (call.equals("login")) {
            FaultRule.Type injected = applyCallFaults(call, objectName, false);
            if (injected == FaultRule.Type.HTTP_503) {
                return new Outcome(null, null, injected);
            }
            return new Outcome(qname("loginResponse"), login((Login_element) body, request), injected);
        }
        Sessions.Session session = emulator.sessions().require(headers.sessionId);
        long ticket = emulator.limits().begin();
        try {
            FaultRule.Type injected = applyCallFaults(call, objectName, true);
            if (injected == FaultRule.Type.HTTP_503) {
                return new Outcome(null, null, injected);
            }
            XMLizable response = run(call, body, request, session);
            return new Outcome(qname(call + "Response"), response, injected);
        } finally {
            emulator.limits().end(ticket);
        }
    }

    /** Sleeps for latency rules and throws for fault rules; returns a transport fault to apply later. */
    private FaultRule.Type applyCallFaults(String call, String objectName, boolean authenticated) {
        FaultRules rules = emulator.faults();
        List<FaultRule> fired = rules.fireForCall(call, objectName);
        FaultRule.Type transport = null;
        for (FaultRule rule : fired) {
            if (rule.type() == FaultRule.Type.LATENCY) {
                try {
                    Thread.sleep(rule.latency().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (FaultRule rule : fired) {
            switch (rule.type()) {
                case REQUEST_LIMIT_EXCEEDED -> throw ApiFaultException.unexpected("REQUEST_LIMIT_EXCEEDED",
                        "TotalRequests Limit exceeded.");
                case INVALID_SESSION_ID -> throw ApiFaultException.unexpected("INVALID_SESSION_ID",
                        Sessions.ILLEGAL_SESSION);
                case HTTP_503, DROP_CONNECTION -> transport = transport == null ? rule.type() : transport;
                default -> {
                }
            }
        }
        return transport;
    }

    private XMLizable run(String call, XMLizable body, SoapEndpoint.SoapRequest request, Sessions.Session session) {
        PartnerCall handler = PartnerCall.CALLS.get(call);
        if (handler == null) {
            throw ApiFaultException.unexpected("INVALID_OPERATION",
                    "The emulator does not implement the Partner API call '" + call + "'");
        }
        return handler.handle(new PartnerCall.Context(call, body, request, session, this, emulator));
    }

    // ------------------------------------------------------------------ body parsing

    private static final Map<String, java.util.function.Supplier<XMLizable>> REQUEST_TYPES = Map.ofEntries(
            Map.entry("login", Login_element::new),
            Map.entry("getUserInfo", GetUserInfo_element::new),
            Map.entry("logout", Logout_element::new),
            Map.entry("getServerTimestamp", GetServerTimestamp_element::new),
            Map.entry("describeGlobal", DescribeGlobal_element::new),
            Map.entry("describeSObject", DescribeSObject_element::new),
            Map.entry("describeSObjects", DescribeSObjects_element::new),
            Map.entry("query", Query_element::new),
            Map.entry("queryAll", QueryAll_element::new),
            Map.entry("queryMore", QueryMore_element::new),
            Map.entry("create", Create_element::new),
            Map.entry("update", Update_element::new),
            Map.entry("upsert", Upsert_element::new),
            Map.entry("delete", Delete_element::new),
            Map.entry("undelete", Undelete_element::new),
            Map.entry("retrieve", Retrieve_element::new),
            Map.entry("getUpdated", GetUpdated_element::new),
            Map.entry("getDeleted", GetDeleted_element::new));

    private static XMLizable readBody(String call, XmlInputStream xin) throws IOException {
        java.util.function.Supplier<XMLizable> type = REQUEST_TYPES.get(call);
        if (type == null) {
            throw ApiFaultException.unexpected("INVALID_OPERATION",
                    "The emulator does not implement the Partner API call '" + call + "'");
        }
        XMLizable element = type.get();
        try {
            element.load(xin, typeMapper());
        } catch (ConnectionException e) {
            throw new SoapEndpoint.ClientFault("Cannot read the " + call + " request: " + e.getMessage());
        }
        return element;
    }

    /** The sObject type a call is about (for fault rules), or null. */
    private static String objectOf(XMLizable body, Org org) {
        if (body instanceof Create_element e && e.getSObjects().length > 0) {
            return e.getSObjects()[0].getType();
        }
        if (body instanceof Update_element e && e.getSObjects().length > 0) {
            return e.getSObjects()[0].getType();
        }
        if (body instanceof Upsert_element e && e.getSObjects().length > 0) {
            return e.getSObjects()[0].getType();
        }
        if (body instanceof Delete_element e && e.getIds().length > 0) {
            ObjectDef object = org.schema().objectForId(e.getIds()[0]);
            return object == null ? null : object.name();
        }
        if (body instanceof Undelete_element e && e.getIds().length > 0) {
            ObjectDef object = org.schema().objectForId(e.getIds()[0]);
            return object == null ? null : object.name();
        }
        if (body instanceof Retrieve_element e) {
            return e.getSObjectType();
        }
        if (body instanceof DescribeSObject_element e) {
            return e.getSObjectType();
        }
        if (body instanceof GetUpdated_element e) {
            return e.getSObjectType();
        }
        if (body instanceof GetDeleted_element e) {
            return e.getSObjectType();
        }
        if (body instanceof Query_element e) {
            return fromObject(e.getQueryString());
        }
        if (body instanceof QueryAll_element e) {
            return fromObject(e.getQueryString());
        }
        return null;
    }

    /** Cheap FROM extraction for fault-rule matching only (the real parsing is the SOQL engine's). */
    private static String fromObject(String soql) {
        if (soql == null) {
            return null;
        }
        String[] tokens = soql.trim().split("\\s+");
        for (int i = 0; i < tokens.length - 1; i++) {
            if (tokens[i].equalsIgnoreCase("from")) {
                return tokens[i + 1].replaceAll("[^A-Za-z0-9_]", "");
            }
        }
        return null;
    }

    static List<RecordInput> inputs(SObject[] records) {
        requireRecordLimit(records.length);
        List<RecordInput> inputs = new ArrayList<>(records.length);
        for (SObject record : records) {
            Map<String, Object> values = new LinkedHashMap<>();
            Iterator<XmlObject> children = record.getChildren();
            while (children.hasNext()) {
                XmlObject child = children.next();
                String name = child.getName().getLocalPart();
                if (name.equals("type") || name.equals("fieldsToNull") || name.equals("Id")) {
                    continue;
                }
                values.put(name, child.hasChildren() ? parentReference(child) : child.getValue());
            }
            String[] toNull = record.getFieldsToNull();
            inputs.add(new RecordInput(record.getType(), record.getId(), values,
                    toNull == null ? List.of() : Arrays.asList(toNull)));
        }
        return inputs;
    }

    /**
     * A nested element in a record: a lookup by the parent's external id, {@code <Account><type>Account</type>
     * <External_Id__c>X</External_Id__c></Account>} (anything else is rejected by the org as a bad value).
     */
    private static Object parentReference(XmlObject element) {
        String type = null;
        String field = null;
        String value = null;
        int keys = 0;
        Iterator<XmlObject> children = element.getChildren();
        while (children.hasNext()) {
            XmlObject child = children.next();
            String name = child.getName().getLocalPart();
            if (name.equals("type")) {
                type = child.getValue() == null ? null : child.getValue().toString();
            } else if (!name.equals("fieldsToNull")) {
                field = name;
                value = child.getValue() == null ? null : child.getValue().toString();
                keys++;
            }
        }
        return keys == 1 ? new ParentReference(type, field, value) : element;
    }

    static void requireRecordLimit(int count) {
        if (count > MAX_RECORDS_PER_CALL) {
            throw ApiFaultException.unexpected("EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + MAX_RECORDS_PER_CALL + " records into this call");
        }
    }

    WriteOptions writeOptions(String call, SoapEndpoint.Headers headers, SObject[] records) {
        FaultRules rules = emulator.faults();
        return new WriteOptions(headers.allOrNone, headers.allowFieldTruncation,
                i -> rules.fireLockFailure(call, records[i].getType()), headers.apiVersion);
    }

    WriteOptions idWriteOptions(String call, SoapEndpoint.Headers headers, String[] ids) {
        FaultRules rules = emulator.faults();
        Org org = emulator.org();
        return new WriteOptions(headers.allOrNone, headers.allowFieldTruncation, i -> {
            ObjectDef object = org.schema().objectForId(ids[i]);
            return rules.fireLockFailure(call, object == null ? null : object.name());
        }, headers.apiVersion);
    }

    // ------------------------------------------------------------------ login and user info

    private LoginResponse_element login(Login_element login, SoapEndpoint.SoapRequest request) {
        if (request.apiVersion() >= 65.0) {
            throw ApiFaultException.unexpected("UNSUPPORTED_API_VERSION", "SOAP login() is not supported at API "
                    + "version " + request.apiVersion() + " and above; authenticate with OAuth 2.0 and send the "
                    + "access token in the SessionHeader");
        }
        Org org = emulator.org();
        String userId = org.authenticate(login.getUsername(), login.getPassword());
        if (userId == null) {
            throw new ApiFaultException(ApiFaultException.Kind.LOGIN, "INVALID_LOGIN",
                    "Invalid username, password, security token; or user locked out.");
        }
        Sessions.Session session = emulator.sessions().create(userId);
        String version = String.format(java.util.Locale.ROOT, "%.1f", request.apiVersion());
        String org15 = org.orgId().substring(0, 15);
        LoginResult result = new LoginResult();
        result.setMetadataServerUrl(request.baseUrl() + "/services/Soap/m/" + version + "/" + org15);
        result.setPasswordExpired(false);
        result.setSandbox(false);
        result.setServerUrl(request.baseUrl() + "/services/Soap/u/" + version + "/" + org15);
        result.setSessionId(session.id());
        result.setUserId(userId);
        result.setUserInfo(userInfo(userId));
        LoginResponse_element response = new LoginResponse_element();
        response.setResult(result);
        return response;
    }

    GetUserInfoResult userInfo(String userId) {
        Map<String, Object> user = emulator.org().get(userId);
        GetUserInfoResult info = new GetUserInfoResult();
        info.setAccessibilityMode(false);
        info.setChatterExternal(false);
        info.setCurrencySymbol("$");
        info.setOrgAttachmentFileSizeLimit(5_242_880);
        info.setOrgDefaultCurrencyIsoCode("USD");
        info.setOrgDefaultCurrencyLocale("en_US");
        info.setOrgDisallowHtmlAttachments(false);
        info.setOrgHasPersonAccounts(false);
        info.setOrganizationId(emulator.org().orgId());
        info.setOrganizationMultiCurrency(false);
        info.setOrganizationName("Planbridge Demo Org");
        info.setProfileId("00ePb0000000001IAA");
        info.setRoleId((String) user.get("UserRoleId"));
        info.setSessionSecondsValid(emulator.sessions().sessionSecondsValid());
        info.setUserDefaultCurrencyIsoCode(null);
        info.setUserEmail((String) user.get("Email"));
        info.setUserFullName((String) user.get("Name"));
        info.setUserId(userId);
        info.setUserLanguage("en_US");
        info.setUserLocale("en_US");
        info.setUserName((String) user.get("Username"));
        info.setUserTimeZone("GMT");
        info.setUserType("Standard");
        info.setUserUiSkin("Theme3");
        return info;
    }

    // ------------------------------------------------------------------ query

    QueryResult query(String soql, boolean includeDeleted, SoapEndpoint.Headers headers,
                              Sessions.Session session) {
        if (soql == null || soql.isBlank()) {
            throw new ApiFaultException(ApiFaultException.Kind.MALFORMED_QUERY, "MALFORMED_QUERY",
                    "The query string is empty");
        }
        Org org = emulator.org();
        QueryRows rows;
        CompiledQuery compiled;
        try {
            compiled = org.compile(soql);
            for (String field : compiled.referencedFields()) {
                int dot = field.indexOf('.');
                requireFieldAt(field.substring(0, dot), field.substring(dot + 1), headers.apiVersion);
            }
            rows = org.query(soql, includeDeleted);
        } catch (SoqlException e) {
            throw queryFault(e);
        }
        String call = includeDeleted ? "queryAll" : "query";
        QueryResult result = new QueryResult();
        if (compiled.isCount()) {
            result.setDone(true);
            result.setQueryLocator(null);
            result.setRecords(new SObject[0]);
            result.setSize(rows.size());
            return result;
        }
        int batch = batchSize(headers);
        List<ResultRow> all = rows.rows();
        List<ResultRow> first = all.subList(0, Math.min(batch, all.size()));
        result.setSize(all.size());
        result.setRecords(toSObjects(first));
        if (first.size() < all.size()) {
            String key = cursors.open(session.userId(), all);
            result.setDone(false);
            result.setQueryLocator(key + "-" + first.size());
        } else {
            result.setDone(true);
            result.setQueryLocator(null);
        }
        emulator.counters().recordRecords(call, first.size());
        return result;
    }

    QueryResult queryMore(String locator, SoapEndpoint.Headers headers, Sessions.Session session) {
        int dash = locator == null ? -1 : locator.lastIndexOf('-');
        QueryCursors.Cursor cursor = null;
        int position = -1;
        if (dash > 0) {
            try {
                position = Integer.parseInt(locator.substring(dash + 1));
                cursor = cursors.get(locator.substring(0, dash), session.userId());
            } catch (NumberFormatException e) {
                cursor = null;
            }
        }
        if (cursor == null || position < 0 || position > cursor.rows().size()) {
            throw new ApiFaultException(ApiFaultException.Kind.INVALID_QUERY_LOCATOR, "INVALID_QUERY_LOCATOR",
                    "invalid query locator");
        }
        List<ResultRow> all = cursor.rows();
        int end = Math.min(all.size(), position + batchSize(headers));
        QueryResult result = new QueryResult();
        result.setSize(all.size());
        result.setRecords(toSObjects(all.subList(position, end)));
        if (end < all.size()) {
            result.setDone(false);
            result.setQueryLocator(cursor.key() + "-" + end);
        } else {
            result.setDone(true);
            result.setQueryLocator(null);
            cursors.close(cursor.key());
        }
        emulator.counters().recordRecords("queryMore", end - position);
        return result;
    }

    /** INVALID_FIELD, as a real org answers, for a field introduced after the client's API version. */
    static void requireFieldAt(String objectName, String fieldName, double apiVersion) {
        if (!dev.planbridge.emulator.org.OrgSchema.fieldExistsAt(objectName, fieldName, apiVersion)) {
            throw new ApiFaultException(ApiFaultException.Kind.INVALID_FIELD, "INVALID_FIELD", "No such column '"
                    + fieldName + "' on entity '" + objectName + "'. If you are attempting to use a custom field, be "
                    + "sure to append the '__c' after the custom field name. Please reference your WSDL or the "
                    + "describe call for the appropriate names.");
        }
    }

    private static int batchSize(SoapEndpoint.Headers headers) {
        if (headers.batchSize == null || headers.batchSize <= 0) {
            return 2000;
        }
        return Math.max(200, Math.min(2000, headers.batchSize));
    }

    static ApiFaultException queryFault(SoqlException e) {
        String code = e.exceptionCode();
        ApiFaultException.Kind kind = switch (code) {
            case "MALFORMED_QUERY", "INVALID_QUERY_FILTER_OPERATOR" -> ApiFaultException.Kind.MALFORMED_QUERY;
            case "INVALID_FIELD" -> ApiFaultException.Kind.INVALID_FIELD;
            case "INVALID_TYPE" -> ApiFaultException.Kind.INVALID_SOBJECT;
            default -> ApiFaultException.Kind.UNEXPECTED_ERROR;
        };
        return new ApiFaultException(kind, code, e.getMessage());
    }

    static SObject[] toSObjects(List<ResultRow> rows) {
        SObject[] records = new SObject[rows.size()];
        for (int i = 0; i < records.length; i++) {
            records[i] = toSObject(rows.get(i));
        }
        return records;
    }

    /** A record as Salesforce writes it: type, Id, then the selected values as text (nested parents as sObjects). */
    static SObject toSObject(ResultRow row) {
        return new WireRecord(row);
    }

    // ------------------------------------------------------------------ results

    static SaveResult[] saveResults(List<WriteResult> results) {
        SaveResult[] saveResults = new SaveResult[results.size()];
        for (int i = 0; i < saveResults.length; i++) {
            WriteResult result = results.get(i);
            SaveResult saveResult = new SaveResult();
            saveResult.setErrors(errors(result.errors()));
            saveResult.setId(result.id());
            saveResult.setSuccess(result.success());
            saveResults[i] = saveResult;
        }
        return saveResults;
    }

    static Error[] errors(List<RecordError> errors) {
        Error[] out = new Error[errors.size()];
        for (int i = 0; i < out.length; i++) {
            RecordError error = errors.get(i);
            Error e = new Error();
            e.setFields(error.fields().toArray(new String[0]));
            e.setMessage(error.message());
            e.setStatusCode(StatusCode.valueOf(error.statusCode()));
            out[i] = e;
        }
        return out;
    }

    private static QName qname(String name) {
        return new QName(SoapEndpoint.PARTNER_NS, name);
    }

    static Calendar calendar(Instant instant) {
        if (instant == null) {
            return null;
        }
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("GMT"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }

    static Instant instant(Calendar calendar) {
        return calendar == null ? null : calendar.toInstant();
    }
}
