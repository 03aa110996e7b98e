package dev.planbridge.changefeed.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.DeletedRecord;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.GetDeletedResult;
import com.sforce.soap.partner.GetUserInfoResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.SoapFaultException;
import com.sforce.ws.bind.XmlObject;
import dev.planbridge.changefeed.capture.CrmException;
import dev.planbridge.changefeed.capture.CrmSource;
import dev.planbridge.contracts.ContractsJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    private final Map<String, Map<String, String>> fieldTypes = new ConcurrentHashMap<>();
    private PartnerConnection connection;
    private CrmSession session;

    public WscCrmSource(SalesforceConfig config) {
        this.config = config;
        if (!config.loginUrl().contains("/services/Soap/u/")) {
            throw new IllegalArgumentException("salesforce.login-url must end in /services/Soap/u/<version>, got "
                    + config.loginUrl());
        }
        boolean oauth = config.clientId().isPresent() && config.clientSecret().isPresent();
        boolean password = config.username().isPresent() && config.password().isPresent();
        if (!oauth && !password) {
            throw new IllegalArgumentException("Salesforce credentials missing: set salesforce.username and "
                    + "salesforce.password, or salesforce.client-id and salesforce.client-secret");
        }
    }

    @Override
    public CrmSession login() {
        try {
            ConnectorConfig connector = new ConnectorConfig();
            connector.setCompression(true);
            connector.setReadTimeout(config.readTimeoutMillis());
            connector.setConnectionTimeout(10_000);
            if (config.clientId().isPresent() && config.clientSecret().isPresent()) {
                OAuthToken token = clientCredentialsToken();
                connector.setSessionId(token.accessToken());
                connector.setServiceEndpoint(token.instanceUrl() + "/services/Soap/u/" + config.apiVersion());
                connector.setAuthEndpoint(connector.getServiceEndpoint());
            } else {
                connector.setAuthEndpoint(config.loginUrl());
                connector.setServiceEndpoint(config.loginUrl());
                connector.setUsername(config.username().orElseThrow());
                connector.setPassword(config.password().orElseThrow());
            }
            connection = Connector.newConnection(connector);
            connection.setQueryOptions(config.queryBatchSize());
            GetUserInfoResult info = connection.getUserInfo();
            session = new CrmSession(info.getOrganizationId(), info.getUserId(), info.getUserName());
            LOG.log(System.Logger.Level.INFO, "Logged in to Salesforce org {0} as {1}", session.orgId(),
                    session.username());
            return session;
        } catch (ConnectionException e) {
            throw translate(e);
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

    private OAuthToken clientCredentialsToken() {
        URI login = URI.create(config.loginUrl());
        URI tokenUri = login.resolve("/services/oauth2/token");
        String form = "grant_type=client_credentials&client_id="
                + URLEncoder.encode(config.clientId().orElseThrow(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(config.clientSecret().orElseThrow(), StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(tokenUri)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // the body names the OAuth error; it never contains the secret
                throw new CrmException(CrmException.INVALID_LOGIN, "OAuth token request to " + tokenUri
                        + " failed with HTTP " + response.statusCode() + ": " + response.body());
            }
            JsonNode body = ContractsJson.mapper().readTree(response.body());
            String accessToken = body.path("access_token").asText(null);
            String instanceUrl = body.path("instance_url").asText(login.getScheme() + "://" + login.getAuthority());
            if (accessToken == null) {
                throw new CrmException(CrmException.INVALID_LOGIN, "OAuth token response without access_token");
            }
            return new OAuthToken(accessToken, instanceUrl.replaceAll("/+$", ""));
        } catch (IOException e) {
            throw new CrmException(CrmException.CONNECTION, "OAuth token request to " + tokenUri + " failed: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmException(CrmException.CONNECTION, "Interrupted during the OAuth token request", e);
        }
    }

    private record OAuthToken(String accessToken, String instanceUrl) {
    }
}
