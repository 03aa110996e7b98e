package dev.planbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.DeleteResult;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.GetDeletedResult;
import com.sforce.soap.partner.GetUpdatedResult;
import com.sforce.soap.partner.GetUserInfoResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.fault.InvalidFieldFault;
import com.sforce.soap.partner.fault.InvalidQueryLocatorFault;
import com.sforce.soap.partner.fault.InvalidSObjectFault;
import com.sforce.soap.partner.fault.LoginFault;
import com.sforce.soap.partner.fault.MalformedQueryFault;
import com.sforce.soap.partner.fault.UnexpectedErrorFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Partner API through the unmodified force-wsc PartnerConnection (login, describe, writes, queries, faults). */
class PartnerApiTest {

    private static SalesforceEmulator emulator;
    private static PartnerConnection connection;

    @BeforeAll
    static void start() throws ConnectionException {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults());
        connection = login(emulator.soapUrl("64.0"), EmulatorConfig.SYNC_USERNAME, EmulatorConfig.SYNC_PASSWORD);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static PartnerConnection login(String url, String username, String password) throws ConnectionException {
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(url);
        config.setServiceEndpoint(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setCompression(true);
        return Connector.newConnection(config);
    }

    @Test
    void loginOverHttpReturnsWhatClientsNeed() throws Exception {
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(emulator.soapUrl("64.0"));
        config.setUsername(EmulatorConfig.ADMIN_USERNAME);
        config.setPassword(EmulatorConfig.ADMIN_PASSWORD);
        PartnerConnection admin = Connector.newConnection(config);
        String serviceEndpoint = admin.getConfig().getServiceEndpoint();
        assertEquals(emulator.httpBaseUrl() + "/services/Soap/u/64.0/" + emulator.org().orgId().substring(0, 15),
                serviceEndpoint);
        GetUserInfoResult info = admin.getUserInfo();
        assertEquals(emulator.org().adminUserId(), info.getUserId());
        assertEquals(EmulatorConfig.ADMIN_USERNAME, info.getUserName());
        assertTrue(info.getSessionSecondsValid() > 0);
        assertEquals(emulator.org().orgId(), info.getOrganizationId());
        assertNotNull(admin.getServerTimestamp().getTimestamp());
        // The org-id form of the endpoint serves calls too, and logout ends the session.
        admin.logout();
        assertEquals(ExceptionCode.INVALID_SESSION_ID,
                assertThrows(UnexpectedErrorFault.class, admin::getUserInfo).getExceptionCode());
    }

    @Test
    void loginOverHttpsTrustingTheGeneratedCertificate() throws Exception {
        assertTrue(emulator.certificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(emulator.httpsSoapUrl("64.0"));
        config.setUsername(EmulatorConfig.ADMIN_USERNAME);
        config.setPassword(EmulatorConfig.ADMIN_PASSWORD);
        config.setSslContext(emulator.clientSslContext());
        PartnerConnection secure = Connector.newConnection(config);
        assertTrue(secure.getConfig().getServiceEndpoint().startsWith("https://127.0.0.1:"));
        assertEquals("Account", secure.describeSObject("Account").getName());
    }

    @Test
    void loginFailuresAreTypedFaults() {
        LoginFault badPassword = assertThrows(LoginFault.class,
                () -> login(emulator.soapUrl("64.0"), EmulatorConfig.ADMIN_USERNAME, "wrong"));
        assertEquals(ExceptionCode.INVALID_LOGIN, badPassword.getExceptionCode());
        UnexpectedErrorFault tooNew = assertThrows(UnexpectedErrorFault.class,
                () -> login(emulator.soapUrl("65.0"), EmulatorConfig.ADMIN_USERNAME, EmulatorConfig.ADMIN_PASSWORD));
        assertEquals(ExceptionCode.UNSUPPORTED_API_VERSION, tooNew.getExceptionCode());
    }

    @Test
    void oauthClientCredentialsTokenWorksAsSessionAt65() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulator.oauthTokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + EmulatorConfig.DEMO_CLIENT_ID + "&client_secret=" + EmulatorConfig.DEMO_CLIENT_SECRET))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode token = new ObjectMapper().readTree(response.body());
        assertEquals("Bearer", token.get("token_type").asText());
        assertNotNull(token.get("issued_at"));
        assertNotNull(token.get("id"));

        ConnectorConfig config = new ConnectorConfig();
        config.setServiceEndpoint(token.get("instance_url").asText() + "/services/Soap/u/65.0");
        config.setSessionId(token.get("access_token").asText());
        PartnerConnection oauth = new PartnerConnection(config);
        GetUserInfoResult info = oauth.getUserInfo();
        assertEquals(EmulatorConfig.SYNC_USERNAME, info.getUserName(), "the demo client runs as the sync user");
        assertTrue(oauth.query("SELECT Id FROM User").getSize() >= 2);

        HttpResponse<String> password = http.send(HttpRequest.newBuilder(URI.create(emulator.oauthTokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id="
                        + EmulatorConfig.DEMO_CLIENT_ID + "&client_secret=" + EmulatorConfig.DEMO_CLIENT_SECRET
                        + "&username=" + EmulatorConfig.ADMIN_USERNAME + "&password=wrong"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, password.statusCode());
        assertTrue(password.body().contains("invalid_grant"));
    }

    @Test
    void gzipRequestAndResponseBodies() throws Exception {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope "
                + "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:urn=\"urn:partner.soap.sforce.com\">"
                + "<soapenv:Header><urn:DisableFeedTrackingHeader><urn:disableFeedTracking>true</urn:disableFeedTracking>"
                + "</urn:DisableFeedTrackingHeader></soapenv:Header><soapenv:Body><urn:login>"
                + "<urn:username>" + EmulatorConfig.ADMIN_USERNAME + "</urn:username><urn:password>"
                + EmulatorConfig.ADMIN_PASSWORD + "</urn:password></urn:login></soapenv:Body></soapenv:Envelope>";
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(envelope.getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(emulator.soapUrl("64.0")))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "login")
                .header("Content-Encoding", "gzip").header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(null));
        String body = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(response.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(body.contains("<passwordExpired>false</passwordExpired>"), body);
        assertTrue(body.contains("<sessionId>"), body);
    }

    @Test
    void describeGlobalAndDescribeSObject() throws Exception {
        Set<String> names = new HashSet<>();
        for (var sobject : connection.describeGlobal().getSobjects()) {
            names.add(sobject.getName());
        }
        assertTrue(names.containsAll(List.of("Account", "User", "Opportunity", "Territory2", "ForecastingQuota",
                "UserTerritory2Association", "ObjectTerritory2Association", "Period")), names.toString());
        DescribeSObjectResult account = connection.describeSObject("Account");
        assertEquals("001", account.getKeyPrefix());
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Field field : account.getFields()) {
            fields.put(field.getName(), field);
            assertNotNull(field.getSoapType(), field.getName());
            assertNotNull(field.getType(), field.getName());
            assertNotNull(field.getLabel(), field.getName());
        }
        assertEquals("Id", account.getFields()[0].getName());
        assertTrue(fields.get("External_Id__c").isExternalId());
        assertTrue(fields.get("External_Id__c").isIdLookup());
        assertTrue(fields.get("External_Id__c").isCustom());
        assertEquals("User", fields.get("OwnerId").getReferenceTo()[0]);
        assertEquals("Owner", fields.get("OwnerId").getRelationshipName());
        assertEquals(255, fields.get("Name").getLength());
        assertFalse(fields.get("Name").isNillable());
        assertFalse(fields.get("SystemModstamp").isCreateable());
        assertTrue(fields.get("Industry").getPicklistValues().length > 5);
        DescribeSObjectResult[] many = connection.describeSObjects(new String[]{"User", "Territory2"});
        assertEquals("Territory2", many[1].getName());
        assertEquals(ExceptionCode.INVALID_TYPE, assertThrows(InvalidSObjectFault.class,
                () -> connection.describeSObject("Acount")).getExceptionCode());
        String[] tooMany = new String[101];
        java.util.Arrays.fill(tooMany, "Account");
        assertThrows(ApiFault.class, () -> connection.describeSObjects(tooMany));
    }

    @Test
    void createUpsertUpdateDeleteInBatchesOf200() throws Exception {
        List<SObject> accounts = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            SObject account = new SObject("Account");
            account.setField("Name", "Batch " + i);
            account.setField("External_Id__c", "BATCH-" + i);
            account.setField("NumberOfEmployees", i);
            accounts.add(account);
        }
        List<String> ids = new ArrayList<>();
        for (List<SObject> batch : batches(accounts)) {
            for (SaveResult result : connection.create(batch.toArray(new SObject[0]))) {
                assertTrue(result.isSuccess(), () -> java.util.Arrays.toString(result.getErrors()));
                ids.add(result.getId());
            }
        }
        assertEquals(450, new HashSet<>(ids).size());

        // Re-upsert by external id: every record is found again (created=false), plus 10 new ones.
        for (int i = 450; i < 460; i++) {
            SObject account = new SObject("Account");
            account.setField("Name", "Batch " + i);
            account.setField("External_Id__c", "BATCH-" + i);
            accounts.add(account);
        }
        int created = 0;
        int updated = 0;
        for (List<SObject> batch : batches(accounts)) {
            for (SObject account : batch) {
                account.setField("Industry", "Energy");
            }
            for (UpsertResult result : connection.upsert("External_Id__c", batch.toArray(new SObject[0]))) {
                assertTrue(result.isSuccess(), () -> java.util.Arrays.toString(result.getErrors()));
                if (result.isCreated()) {
                    created++;
                } else {
                    updated++;
                }
            }
        }
        assertEquals(10, created);
        assertEquals(450, updated);

        List<SObject> updates = new ArrayList<>();
        for (String id : ids) {
            SObject account = new SObject("Account");
            account.setId(id);
            account.setField("BillingCountry", "DE");
            account.setFieldsToNull(new String[]{"NumberOfEmployees"});
            updates.add(account);
        }
        for (List<SObject> batch : batches(updates)) {
            for (SaveResult result : connection.update(batch.toArray(new SObject[0]))) {
                assertTrue(result.isSuccess());
            }
        }
        QueryResult germans = connection.query("SELECT COUNT() FROM Account WHERE BillingCountry = 'DE' "
                + "AND External_Id__c LIKE 'BATCH-%' AND NumberOfEmployees = null");
        assertEquals(450, germans.getSize());

        for (List<String> batch : batches(ids)) {
            for (DeleteResult result : connection.delete(batch.toArray(new String[0]))) {
                assertTrue(result.isSuccess());
            }
        }
        assertEquals(10, connection.query("SELECT COUNT() FROM Account WHERE External_Id__c LIKE 'BATCH-%'")
                .getSize());
        assertEquals(460, connection.queryAll("SELECT COUNT() FROM Account WHERE External_Id__c LIKE 'BATCH-%'")
                .getSize());
        Set<String> batchIds = new HashSet<>(ids);
        assertEquals(450, emulator.org().changeLog().stream()
                .filter(e -> e.op() == dev.planbridge.emulator.org.ChangeLogEntry.Op.DELETE)
                .filter(e -> batchIds.contains(e.id())).count());
        assertNull(connection.retrieve("Id, Name", "Account", new String[]{ids.get(1)})[0],
                "retrieve reports deleted records as null");
        assertTrue(connection.undelete(new String[]{ids.get(0)})[0].isSuccess());
        assertEquals(ids.get(0), connection.retrieve("Id, Name", "Account", new String[]{ids.get(0)})[0].getId());
    }

    @Test
    void upsertWithALookupByTheParentsExternalId() throws Exception {
        SObject parent = new SObject("Account");
        parent.setField("Name", "Lookup parent");
        parent.setField("External_Id__c", "LOOKUP-PARENT");
        String parentId = connection.upsert("External_Id__c", new SObject[]{parent})[0].getId();
        SObject reference = new SObject("Account");
        reference.setField("External_Id__c", "LOOKUP-PARENT");
        SObject child = new SObject("Account");
        child.setField("Name", "Lookup child");
        child.setField("External_Id__c", "LOOKUP-CHILD");
        child.setField("Parent", reference);
        UpsertResult result = connection.upsert("External_Id__c", new SObject[]{child})[0];
        assertTrue(result.isSuccess(), () -> java.util.Arrays.toString(result.getErrors()));
        assertEquals(parentId, emulator.org().get(result.getId()).get("ParentId"));
        QueryResult query = connection.query("SELECT Parent.External_Id__c FROM Account WHERE Id = '"
                + result.getId() + "'");
        assertEquals("LOOKUP-PARENT", query.getRecords()[0].getChild("Parent").getField("External_Id__c"));
    }

    @Test
    void moreThan200RecordsFailTheWholeCall() {
        SObject[] records = new SObject[201];
        for (int i = 0; i < records.length; i++) {
            records[i] = new SObject("Account");
            records[i].setField("Name", "Too many " + i);
        }
        UnexpectedErrorFault fault = assertThrows(UnexpectedErrorFault.class, () -> connection.create(records));
        assertEquals(ExceptionCode.EXCEEDED_ID_LIMIT, fault.getExceptionCode());
        assertTrue(emulator.org().find("Account", "Name", "Too many 0").isEmpty());
    }

    @Test
    void perRecordErrorsAndAllOrNoneRollback() throws Exception {
        SObject good = new SObject("Account");
        good.setField("Name", "Good one");
        SObject bad = new SObject("Account");
        bad.setField("BillingCountry", "FR");
        SaveResult[] results = connection.create(new SObject[]{good, bad});
        assertTrue(results[0].isSuccess());
        assertFalse(results[1].isSuccess());
        assertEquals(com.sforce.soap.partner.StatusCode.REQUIRED_FIELD_MISSING, results[1].getErrors()[0].getStatusCode());
        assertEquals("Name", results[1].getErrors()[0].getFields()[0]);

        SObject alsoGood = new SObject("Account");
        alsoGood.setField("Name", "All or none");
        connection.setAllOrNoneHeader(true);
        try {
            SaveResult[] rolledBack = connection.create(new SObject[]{alsoGood, bad});
            assertEquals(com.sforce.soap.partner.StatusCode.ALL_OR_NONE_OPERATION_ROLLED_BACK,
                    rolledBack[0].getErrors()[0].getStatusCode());
            assertFalse(rolledBack[1].isSuccess());
        } finally {
            connection.clearAllOrNoneHeader();
        }
        assertTrue(emulator.org().find("Account", "Name", "All or none").isEmpty());

        SObject longName = new SObject("Account");
        longName.setField("Name", "n".repeat(300));
        assertEquals(com.sforce.soap.partner.StatusCode.STRING_TOO_LONG,
                connection.create(new SObject[]{longName})[0].getErrors()[0].getStatusCode());
        connection.setAllowFieldTruncationHeader(true);
        try {
            assertTrue(connection.create(new SObject[]{longName})[0].isSuccess());
        } finally {
            connection.clearAllowFieldTruncationHeader();
        }
    }

    @Test
    void queryAndQueryMoreOver5000RowsWithBatchSizes200And2000() throws Exception {
        String admin = emulator.org().adminUserId();
        List<dev.planbridge.emulator.org.RecordInput> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(dev.planbridge.emulator.org.RecordInput.of("Account",
                    Map.of("Name", "Bulk " + i, "Segment__c", "SMB", "BillingState", "Bulk")));
            if (rows.size() == 200) {
                emulator.org().create(admin, rows, dev.planbridge.emulator.org.WriteOptions.DEFAULT);
                rows.clear();
            }
        }
        String soql = "SELECT Id, Name, Owner.Name, Parent.Name FROM Account WHERE BillingState = 'Bulk' ORDER BY Name";
        for (int batchSize : new int[]{200, 2000}) {
            connection.setQueryOptions(batchSize);
            try {
                Set<String> seen = new HashSet<>();
                QueryResult result = connection.query(soql);
                int calls = 1;
                assertEquals(5000, result.getSize());
                assertEquals(batchSize, result.getRecords().length);
                assertEquals("Admin User", result.getRecords()[0].getChild("Owner").getField("Name"));
                assertNull(result.getRecords()[0].getField("Parent"));
                collect(result, seen);
                while (!result.isDone()) {
                    result = connection.queryMore(result.getQueryLocator());
                    calls++;
                    collect(result, seen);
                }
                assertEquals(5000, seen.size());
                assertEquals((5000 + batchSize - 1) / batchSize, calls);
            } finally {
                connection.clearQueryOptions();
            }
        }
        connection.setQueryOptions(50);
        try {
            assertEquals(200, connection.query(soql).getRecords().length, "batch sizes are clamped to 200..2000");
        } finally {
            connection.clearQueryOptions();
        }
        assertEquals(2000, connection.query(soql).getRecords().length, "default batch size");
    }

    private static void collect(QueryResult result, Set<String> seen) {
        for (SObject record : result.getRecords()) {
            assertTrue(seen.add(record.getId()), "duplicate " + record.getId());
            assertEquals(record.getId(), record.getField("Id"), "Id is written twice, as Salesforce does");
        }
    }

    @Test
    void queryAllIncludesDeletedRows() throws Exception {
        SObject account = new SObject("Account");
        account.setField("Name", "Soon deleted");
        String id = connection.create(new SObject[]{account})[0].getId();
        connection.delete(new String[]{id});
        String soql = "SELECT Id, IsDeleted FROM Account WHERE Name = 'Soon deleted'";
        assertEquals(0, connection.query(soql).getSize());
        QueryResult all = connection.queryAll(soql);
        assertEquals(1, all.getSize());
        assertEquals("true", all.getRecords()[0].getField("IsDeleted"));
    }

    @Test
    void queryFaultsAreTyped() {
        assertEquals(ExceptionCode.MALFORMED_QUERY, assertThrows(MalformedQueryFault.class,
                () -> connection.query("SELECT Id FORM Account")).getExceptionCode());
        InvalidFieldFault field = assertThrows(InvalidFieldFault.class,
                () -> connection.query("SELECT Id, Nope FROM Account"));
        assertEquals(ExceptionCode.INVALID_FIELD, field.getExceptionCode());
        assertTrue(field.getExceptionMessage().contains("Nope"));
        assertEquals(ExceptionCode.INVALID_TYPE, assertThrows(InvalidSObjectFault.class,
                () -> connection.query("SELECT Id FROM Acount")).getExceptionCode());
        assertEquals(ExceptionCode.INVALID_QUERY_LOCATOR, assertThrows(InvalidQueryLocatorFault.class,
                () -> connection.queryMore("01gPb0000000zzzIAA-2000")).getExceptionCode());
        assertEquals(ExceptionCode.INVALID_FIELD, assertThrows(InvalidFieldFault.class,
                () -> connection.retrieve("Id, Nope", "Account", new String[]{"001Pb0000000001IAA"}))
                .getExceptionCode());
    }

    @Test
    void getUpdatedAndGetDeletedWindows() throws Exception {
        Calendar start = connection.getServerTimestamp().getTimestamp();
        SObject account = new SObject("Account");
        account.setField("Name", "Replicated");
        String id = connection.create(new SObject[]{account})[0].getId();
        SObject gone = new SObject("Account");
        gone.setField("Name", "Replicated then deleted");
        String goneId = connection.create(new SObject[]{gone})[0].getId();
        connection.delete(new String[]{goneId});
        SObject fence = new SObject("Account");
        fence.setField("Name", "Replication fence");
        connection.create(new SObject[]{fence});
        Calendar end = connection.getServerTimestamp().getTimestamp();
        end.add(Calendar.SECOND, 1);

        GetUpdatedResult updated = connection.getUpdated("Account", start, end);
        assertTrue(List.of(updated.getIds()).contains(id));
        assertFalse(List.of(updated.getIds()).contains(goneId));
        assertNotNull(updated.getLatestDateCovered());
        GetDeletedResult deleted = connection.getDeleted("Account", start, end);
        assertEquals(goneId, deleted.getDeletedRecords()[0].getId());
        assertNotNull(deleted.getDeletedRecords()[0].getDeletedDate());
        assertNotNull(deleted.getEarliestDateAvailable());

        Calendar tooOld = (Calendar) start.clone();
        tooOld.add(Calendar.DAY_OF_MONTH, -31);
        assertEquals(ExceptionCode.INVALID_REPLICATION_DATE, assertThrows(ApiFault.class,
                () -> connection.getUpdated("Account", tooOld, end)).getExceptionCode());
        assertEquals(ExceptionCode.INVALID_REPLICATION_DATE, assertThrows(ApiFault.class,
                () -> connection.getDeleted("Account", end, start)).getExceptionCode());
        assertEquals(ExceptionCode.INVALID_TYPE, assertThrows(ApiFault.class,
                () -> connection.getUpdated("UserTerritory2Association", start, end)).getExceptionCode());
    }

    @Test
    void territoryAndQuotaRulesThroughTheApi() throws Exception {
        SObject model = new SObject("Territory2Model");
        model.setField("Name", "API model");
        model.setField("DeveloperName", "API_model");
        String modelId = connection.create(new SObject[]{model})[0].getId();
        SObject type = new SObject("Territory2Type");
        type.setField("MasterLabel", "API type");
        type.setField("DeveloperName", "API_type");
        type.setField("Priority", 77);
        String typeId = connection.create(new SObject[]{type})[0].getId();
        SObject territory = new SObject("Territory2");
        territory.setField("Name", "API territory");
        territory.setField("DeveloperName", "API_territory");
        territory.setField("Territory2ModelId", modelId);
        territory.setField("Territory2TypeId", typeId);
        String territoryId = connection.create(new SObject[]{territory})[0].getId();
        String me = connection.getUserInfo().getUserId();
        SObject association = new SObject("UserTerritory2Association");
        association.setField("UserId", me);
        association.setField("Territory2Id", territoryId);
        assertTrue(connection.create(new SObject[]{association})[0].isSuccess());
        SaveResult duplicate = connection.create(new SObject[]{association})[0];
        assertEquals(com.sforce.soap.partner.StatusCode.DUPLICATE_VALUE, duplicate.getErrors()[0].getStatusCode());

        SObject forecastType = new SObject("ForecastingType");
        forecastType.setField("DeveloperName", "API_revenue");
        forecastType.setField("MasterLabel", "API revenue");
        String forecastTypeId = connection.create(new SObject[]{forecastType})[0].getId();
        SObject quota = new SObject("ForecastingQuota");
        quota.setField("QuotaOwnerId", me);
        quota.setField("StartDate", "2026-12-01");
        quota.setField("QuotaAmount", 5000.0);
        quota.setField("ForecastingTypeId", forecastTypeId);
        SaveResult own = connection.create(new SObject[]{quota})[0];
        assertEquals(com.sforce.soap.partner.StatusCode.INSUFFICIENT_ACCESS_OR_READONLY,
                own.getErrors()[0].getStatusCode());
        quota.setField("QuotaOwnerId", emulator.org().adminUserId());
        assertTrue(connection.create(new SObject[]{quota})[0].isSuccess());
    }

    private static <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 200) {
            batches.add(items.subList(i, Math.min(items.size(), i + 200)));
        }
        return batches;
    }
}
