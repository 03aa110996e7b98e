package dev.planbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.DescribeGlobalSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.FieldType;
import com.sforce.soap.partner.GetDeletedResult;
import com.sforce.soap.partner.GetUpdatedResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.fault.InvalidFieldFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.bind.XmlObject;
import dev.planbridge.emulator.admin.AdminApi;
import dev.planbridge.emulator.org.SchemaDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An org started with {@code --schema samples/schema} (Account.Tier__c picklist, Bookings_Potential__c currency, the
 * custom object Region__c) describes, queries, writes and replicates them through unmodified force-wsc at 64.0; the
 * admin schema API adds and removes fields while clients run.
 */
class CustomSchemaTest {

    private static final String TOKEN = "schema-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SalesforceEmulator emulator;
    private static AdminApi admin;
    private static PartnerConnection connection;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws ConnectionException {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults().toBuilder().httpsPort(-1)
                .schema(SchemaDirectory.load(Path.of("..", "samples", "schema"))).build());
        admin = AdminApi.install(emulator, TOKEN);
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(emulator.soapUrl("64.0"));
        config.setUsername(EmulatorConfig.ADMIN_USERNAME);
        config.setPassword(EmulatorConfig.ADMIN_PASSWORD);
        connection = Connector.newConnection(config);
    }

    @AfterAll
    static void stop() {
        admin.close();
        emulator.close();
    }

    @Test
    void shouldDescribeTheCustomFieldsAndTheCustomObject() throws ConnectionException {
        Map<String, Field> account = fields("Account");
        assertEquals(FieldType.picklist, account.get("Tier__c").getType());
        assertEquals(List.of("Tier 1", "Tier 2", "Tier 3"), Arrays.stream(account.get("Tier__c").getPicklistValues())
                .map(p -> p.getValue()).toList());
        assertTrue(account.get("Tier__c").isCustom());
        assertEquals(FieldType.currency, account.get("Bookings_Potential__c").getType());
        assertEquals(16, account.get("Bookings_Potential__c").getPrecision());
        DescribeGlobalSObjectResult region = Arrays.stream(connection.describeGlobal().getSobjects())
                .filter(o -> o.getName().equals("Region__c")).findFirst().orElseThrow();
        assertTrue(region.isCustom() && region.isReplicateable());
        assertTrue(fields("Region__c").get("Code__c").isExternalId());
    }

    @Test
    void shouldWriteQueryAndReplicateCustomFieldsAndRecords() throws ConnectionException {
        Calendar start = connection.getServerTimestamp().getTimestamp();
        SObject emea = new SObject("Region__c");
        emea.setField("Name", "EMEA");
        emea.setField("Code__c", "EMEA");
        emea.setField("Target__c", "2500000");
        UpsertResult region = connection.upsert("Code__c", new SObject[]{emea})[0];
        assertTrue(region.isSuccess() && region.isCreated(), () -> Arrays.toString(region.getErrors()));
        assertTrue(region.getId().startsWith("a00"));

        SObject account = new SObject("Account");
        account.setField("Name", "Custom Fields Co");
        account.setField("Tier__c", "Tier 1");
        account.setField("Bookings_Potential__c", "125000.50");
        account.setField("Sales_Region__c", region.getId());
        SaveResult created = connection.create(new SObject[]{account})[0];
        assertTrue(created.isSuccess(), () -> Arrays.toString(created.getErrors()));

        QueryResult result = connection.query("SELECT Name, Tier__c, Bookings_Potential__c, Sales_Region__r.Name "
                + "FROM Account WHERE Tier__c = 'Tier 1' AND Bookings_Potential__c > 100000");
        assertEquals(1, result.getSize());
        SObject read = result.getRecords()[0];
        assertEquals("Custom Fields Co", read.getField("Name"));
        assertEquals(0, new BigDecimal("125000.50").compareTo(new BigDecimal((String) read.getField(
                "Bookings_Potential__c"))));
        assertEquals("EMEA", ((XmlObject) read.getField("Sales_Region__r")).getField("Name"));

        SObject gone = new SObject("Region__c");
        gone.setField("Name", "Closed region");
        String goneId = connection.create(new SObject[]{gone})[0].getId();
        assertTrue(connection.delete(new String[]{goneId})[0].isSuccess());
        Calendar end = connection.getServerTimestamp().getTimestamp();
        end.add(Calendar.SECOND, 1);
        GetUpdatedResult updated = connection.getUpdated("Region__c", start, end);
        assertTrue(List.of(updated.getIds()).contains(region.getId()));
        assertTrue(List.of(connection.getUpdated("Account", start, end).getIds()).contains(created.getId()));
        GetDeletedResult deleted = connection.getDeleted("Region__c", start, end);
        assertEquals(goneId, deleted.getDeletedRecords()[0].getId());
    }

    @Test
    void shouldAddAFieldAtRuntimeAndFailWithInvalidFieldOnceItIsRemoved() throws Exception {
        HttpResponse<String> added = admin("POST", "/emulator/schema/Account/fields", """
                {"name": "Vertical_Score__c", "label": "Vertical Score", "type": "double", "precision": 5,
                 "scale": 1, "custom": true}
                """);
        assertEquals(200, added.statusCode(), added.body());
        assertEquals("Vertical_Score__c", JSON.readTree(added.body()).get("name").asText());
        assertTrue(fields("Account").containsKey("Vertical_Score__c"), "describe follows at once");
        SObject account = new SObject("Account");
        account.setField("Name", "Scored Co");
        account.setField("Vertical_Score__c", "42.5");
        assertTrue(connection.create(new SObject[]{account})[0].isSuccess());
        QueryResult scored = connection.query("SELECT Vertical_Score__c FROM Account WHERE Name = 'Scored Co'");
        assertEquals(0, new BigDecimal("42.5").compareTo(new BigDecimal(
                (String) scored.getRecords()[0].getField("Vertical_Score__c"))));

        HttpResponse<String> removed = admin("DELETE", "/emulator/schema/Account/fields/Vertical_Score__c", null);
        assertEquals(200, removed.statusCode(), removed.body());
        assertFalse(fields("Account").containsKey("Vertical_Score__c"));
        InvalidFieldFault fault = assertThrows(InvalidFieldFault.class,
                () -> connection.query("SELECT Vertical_Score__c FROM Account"));
        assertTrue(fault.getExceptionMessage().contains("Vertical_Score__c"), fault.getExceptionMessage());
        SaveResult write = connection.create(new SObject[]{account})[0];
        assertFalse(write.isSuccess());
        assertEquals("INVALID_FIELD", write.getErrors()[0].getStatusCode().toString());
    }

    @Test
    void shouldRefuseABadRuntimeFieldWithProblemDetailsAndLeaveTheOrgUnchanged() throws Exception {
        int before = fields("Account").size();
        for (String body : List.of("{\"name\": \"NoSuffix\", \"type\": \"string\"}",
                "{\"name\": \"Kind__c\", \"type\": \"picklist\", \"picklistValues\": []}",
                "{\"name\": \"Owner2__c\", \"type\": \"reference\", \"referenceTo\": [\"Nope__c\"]}",
                "{\"name\": \"Odd__c\", \"type\": \"money\"}",
                "{\"name\": \"Phone__c\", \"type\": \"phone\", \"nillable\": false}",
                "{\"name\": \"Tier__c\", \"type\": \"string\"}",
                "not json")) {
            HttpResponse<String> response = admin("POST", "/emulator/schema/Account/fields", body);
            assertEquals(400, response.statusCode(), body + " -> " + response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
            JsonNode problem = JSON.readTree(response.body());
            assertEquals(400, problem.get("status").asInt());
            assertFalse(problem.get("detail").asText().isBlank());
        }
        assertEquals(before, fields("Account").size());
        assertEquals(404, admin("POST", "/emulator/schema/Nope__c/fields", "{}").statusCode());
        assertEquals(400, admin("DELETE", "/emulator/schema/Account/fields/Phone", null).statusCode(),
                "standard fields stay");
    }

    private static Map<String, Field> fields(String object) throws ConnectionException {
        return Arrays.stream(connection.describeSObject(object).getFields())
                .collect(Collectors.toMap(Field::getName, Function.identity()));
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.httpBaseUrl() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
