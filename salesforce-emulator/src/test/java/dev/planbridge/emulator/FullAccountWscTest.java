package dev.planbridge.emulator;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.FieldType;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #17: unmodified force-wsc at API 64.0 creates, upserts, queries and describes Accounts with any standard
 * field; describeSObject("Account") lists the Field Reference's standard fields.
 */
class FullAccountWscTest {

    private static SalesforceEmulator emulator;
    private static PartnerConnection connection;

    @BeforeAll
    static void start() throws ConnectionException {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults());
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(emulator.soapUrl("64.0"));
        config.setUsername(EmulatorConfig.ADMIN_USERNAME);
        config.setPassword(EmulatorConfig.ADMIN_PASSWORD);
        connection = Connector.newConnection(config);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void shouldDescribeTheStandardAccountFieldsOfTheFieldReference() throws ConnectionException {
        DescribeSObjectResult account = connection.describeSObject("Account");
        Map<String, Field> fields = Arrays.stream(account.getFields())
                .collect(Collectors.toMap(Field::getName, Function.identity()));
        long standard = fields.values().stream().filter(f -> !f.isCustom()).count();
        // 59 standard fields (Field Reference, Account, API 64.0, without feature-dependent ones such as person
        // accounts, multi-currency or Einstein Activity Capture) plus the built-in org's External_Id__c, Segment__c.
        assertEquals(59, standard);
        assertEquals(61, fields.size());
        assertField(fields.get("Phone"), FieldType.phone, 40);
        assertField(fields.get("Fax"), FieldType.phone, 40);
        assertField(fields.get("Website"), FieldType.url, 255);
        assertField(fields.get("AccountNumber"), FieldType.string, 40);
        assertField(fields.get("Site"), FieldType.string, 80);
        assertField(fields.get("BillingCity"), FieldType.string, 40);
        assertField(fields.get("BillingStreet"), FieldType.textarea, 255);
        assertField(fields.get("BillingPostalCode"), FieldType.string, 20);
        assertField(fields.get("ShippingCountry"), FieldType.string, 80);
        assertField(fields.get("Description"), FieldType.textarea, 32000);
        assertField(fields.get("Rating"), FieldType.picklist, 255);
        assertField(fields.get("DunsNumber"), FieldType.string, 9);
        assertField(fields.get("NaicsCode"), FieldType.string, 8);
        assertEquals(FieldType.currency, fields.get("AnnualRevenue").getType());
        assertEquals(18, fields.get("BillingLatitude").getPrecision());
        assertEquals(15, fields.get("BillingLatitude").getScale());
        Field billingAddress = fields.get("BillingAddress");
        assertEquals(FieldType.address, billingAddress.getType());
        assertFalse(billingAddress.isCreateable() || billingAddress.isUpdateable(), "compound fields are read-only");
        assertEquals("BillingAddress", fields.get("BillingCity").getCompoundFieldName());
        assertTrue(fields.get("BillingCity").isCreateable() && fields.get("BillingCity").isUpdateable());
        assertFalse(fields.get("PhotoUrl").isCreateable(), "PhotoUrl is read-only in the reference");
        assertEquals(List.of("Hot", "Warm", "Cold"), Arrays.stream(fields.get("Rating").getPicklistValues())
                .map(p -> p.getValue()).toList());
    }

    @Test
    void shouldCreateUpsertAndQueryAccountsWithThirtyStandardFieldsIn200RecordCalls() throws ConnectionException {
        List<Map<String, String>> file = FullAccountFile.rows(400, "First");
        List<SObject> records = file.stream().map(FullAccountFile::toSObject).toList();
        SaveResult[] created = connection.create(records.subList(0, 200).toArray(new SObject[0]));
        assertTrue(Arrays.stream(created).allMatch(SaveResult::isSuccess), () -> Arrays.toString(created));
        UpsertResult[] upserted = connection.upsert("External_Id__c", records.subList(200, 400).toArray(new SObject[0]));
        assertTrue(Arrays.stream(upserted).allMatch(r -> r.isSuccess() && r.isCreated()));

        List<Map<String, String>> updatedFile = FullAccountFile.rows(400, "Second");
        List<UpsertResult> updates = new ArrayList<>();
        for (int from = 0; from < 400; from += 200) {
            updates.addAll(Arrays.asList(connection.upsert("External_Id__c", updatedFile.subList(from, from + 200)
                    .stream().map(FullAccountFile::toSObject).toArray(SObject[]::new))));
        }
        assertTrue(updates.stream().allMatch(r -> r.isSuccess() && !r.isCreated()), "a re-load updates");

        Map<String, SObject> read = new HashMap<>();
        connection.setQueryOptions(200);
        QueryResult page = connection.query(FullAccountFile.selectAll() + " WHERE External_Id__c LIKE 'FULL-%'");
        while (true) {
            for (SObject record : page.getRecords()) {
                read.put((String) record.getField("External_Id__c"), record);
            }
            if (page.isDone()) {
                break;
            }
            page = connection.queryMore(page.getQueryLocator());
        }
        assertEquals(400, read.size());
        for (Map<String, String> row : updatedFile) {
            SObject record = read.get(row.get("External_Id__c"));
            for (String column : FullAccountFile.COLUMNS) {
                assertTrue(FullAccountFile.sameValue(column, row.get(column), record.getField(column)),
                        column + " of " + row.get("External_Id__c") + ": " + record.getField(column));
            }
        }
    }

    @Test
    void shouldRefuseAWriteToTheCompoundAddress() throws ConnectionException {
        SObject account = new SObject("Account");
        account.setField("Name", "Compound Co");
        account.setField("BillingAddress", "1 Main Street");
        SaveResult result = connection.create(new SObject[]{account})[0];
        assertFalse(result.isSuccess());
        assertEquals("INVALID_FIELD_FOR_INSERT_UPDATE", result.getErrors()[0].getStatusCode().toString());
    }

    private static void assertField(Field field, FieldType type, int length) {
        assertEquals(type, field.getType(), field.getName());
        assertEquals(length, field.getLength(), field.getName() + " length");
    }
}
