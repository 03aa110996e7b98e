package dev.planbridge.emulator;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.DescribeGlobalSObjectResult;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.OwnerChangeOption;
import com.sforce.soap.partner.OwnerChangeOptionType;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact call sequence and headers of Salesforce Data Loader in batch mode (see the wire facts), replayed with the
 * real force-wsc client Data Loader itself is built on: https only, gzip, login at 64.0, describeSObject,
 * describeGlobal, upsert of a CSV by external id in 200-row batches (re-upsert reports updates), insert, and an
 * extract with query/queryMore including describeSObject of the lookup parent.
 */
class DataLoaderSequenceTest {

    private static final String CLIENT = "DataLoaderPartnerBatch/64.1.0";
    private static SalesforceEmulator emulator;
    private static PartnerConnection loader;

    @BeforeAll
    static void start() throws ConnectionException {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults());
        ConnectorConfig config = new ConnectorConfig();
        // Data Loader: sfdc.endpoint https://host:port, auth path /services/Soap/u/64.0/
        config.setAuthEndpoint(emulator.httpsBaseUrl() + "/services/Soap/u/64.0/");
        config.setUsername(EmulatorConfig.ADMIN_USERNAME);
        config.setPassword(EmulatorConfig.ADMIN_PASSWORD);
        config.setCompression(true);
        config.setSslContext(emulator.clientSslContext());
        loader = Connector.newConnection(config);
        loader.setCallOptions(CLIENT, null);
        loader.setAllowFieldTruncationHeader(false);
        loader.setDisableFeedTrackingHeader(false);
        loader.setDuplicateRuleHeader(true, false, false);
        OwnerChangeOption option = new OwnerChangeOption();
        option.setType(OwnerChangeOptionType.TransferOpenActivities);
        option.setExecute(false);
        loader.setOwnerChangeOptions(new OwnerChangeOption[]{option});
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /** A 450-row CSV as Data Loader maps it: External_Id__c, Name, Industry, NumberOfEmployees, BillingCountry. */
    private static List<String[]> csv(String namePrefix) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i <= 450; i++) {
            String line = String.format("DL-%05d,%s %d,Energy,%d,DE", i, namePrefix, i, 10 + i);
            rows.add(line.split(","));
        }
        return rows;
    }

    private static List<UpsertResult> upsertInBatches(List<String[]> rows) throws ConnectionException {
        List<UpsertResult> results = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += 200) {
            List<SObject> batch = new ArrayList<>();
            for (String[] row : rows.subList(from, Math.min(rows.size(), from + 200))) {
                SObject account = new SObject("Account");
                account.setField("External_Id__c", row[0]);
                account.setField("Name", row[1]);
                account.setField("Industry", row[2]);
                account.setField("NumberOfEmployees", row[3]);
                account.setField("BillingCountry", row[4]);
                batch.add(account);
            }
            results.addAll(Arrays.asList(loader.upsert("External_Id__c", batch.toArray(new SObject[0]))));
        }
        return results;
    }

    @Test
    void shouldServeDataLoadersUpsertInsertAndExtract() throws Exception {
        assertTrue(loader.getConfig().getServiceEndpoint().startsWith("https://"), "https only");

        // Upsert: describeSObject(Account), describeGlobal, then upsert x3 (200/200/50).
        DescribeSObjectResult account = loader.describeSObject("Account");
        for (Field field : account.getFields()) {
            assertNotNull(field.getSoapType(), "Data Loader fails on a field without soapType: " + field.getName());
        }
        Field externalId = Arrays.stream(account.getFields()).filter(f -> f.getName().equals("External_Id__c"))
                .findFirst().orElseThrow();
        assertTrue(externalId.isExternalId() && externalId.isIdLookup() && externalId.isCreateable());
        Set<String> objects = new HashSet<>();
        for (DescribeGlobalSObjectResult object : loader.describeGlobal().getSobjects()) {
            objects.add(object.getName());
            assertNotNull(object.getLabel());
        }
        assertTrue(objects.containsAll(List.of("Account", "User", "Opportunity")));

        List<UpsertResult> first = upsertInBatches(csv("Loader Co"));
        assertEquals(450, first.size());
        assertTrue(first.stream().allMatch(r -> r.isSuccess() && r.isCreated()));
        List<UpsertResult> again = upsertInBatches(csv("Loader Co Renamed"));
        assertTrue(again.stream().allMatch(r -> r.isSuccess() && !r.isCreated()), "a re-upsert reports updates");
        assertEquals(first.stream().map(UpsertResult::getId).toList(), again.stream().map(UpsertResult::getId).toList());

        // Insert: the same with create.
        SObject[] inserts = new SObject[200];
        for (int i = 0; i < inserts.length; i++) {
            inserts[i] = new SObject("Account");
            inserts[i].setField("Name", "Inserted " + i);
        }
        SaveResult[] inserted = loader.create(inserts);
        assertTrue(Arrays.stream(inserted).allMatch(SaveResult::isSuccess));

        // Extract: describeSObject(Account), describeGlobal, describeSObject of the lookup parent, query/queryMore.
        String parent = Arrays.stream(account.getFields()).filter(f -> f.getName().equals("OwnerId")).findFirst()
                .orElseThrow().getReferenceTo()[0];
        assertEquals("User", loader.describeSObject(parent).getName());
        loader.setQueryOptions(200);
        QueryResult page = loader.query("SELECT Id, Name, External_Id__c, Owner.Username FROM Account "
                + "WHERE BillingCountry = 'DE' ORDER BY External_Id__c");
        List<SObject> extracted = new ArrayList<>(Arrays.asList(page.getRecords()));
        while (!page.isDone()) {
            page = loader.queryMore(page.getQueryLocator());
            extracted.addAll(Arrays.asList(page.getRecords()));
        }
        assertEquals(450, extracted.size());
        assertEquals("DL-00001", extracted.get(0).getField("External_Id__c"));
        assertEquals("Loader Co Renamed 1", extracted.get(0).getField("Name"));
        assertEquals(EmulatorConfig.ADMIN_USERNAME,
                ((com.sforce.ws.bind.XmlObject) extracted.get(0).getField("Owner")).getField("Username"));

        Map<String, Long> byClient = emulator.counters().snapshot().callsByClient();
        assertTrue(byClient.getOrDefault(CLIENT, 0L) >= 10, "every call is counted for Data Loader's client id");
        assertFalse(byClient.isEmpty());
    }
}
