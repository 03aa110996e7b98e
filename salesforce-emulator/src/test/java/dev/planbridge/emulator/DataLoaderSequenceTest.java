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
 * describeGlobal, the mapping check, upsert of an Account file with 34 standard fields (issue #17) by external id
 * in 200-row batches (re-upsert reports updates), insert, and an
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

    /** Data Loader's mapping step: every CSV column must be a createable field of the describe, else it stops. */
    private static void checkMapping(DescribeSObjectResult describe) {
        Set<String> createable = new HashSet<>();
        for (Field field : describe.getFields()) {
            if (field.isCreateable()) {
                createable.add(field.getName());
            }
        }
        for (String column : FullAccountFile.COLUMNS) {
            assertTrue(createable.contains(column), "Field mapping is invalid: " + column + " => " + column);
        }
    }

    private static List<UpsertResult> upsertInBatches(List<Map<String, String>> rows) throws ConnectionException {
        List<UpsertResult> results = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += 200) {
            SObject[] batch = rows.subList(from, Math.min(rows.size(), from + 200)).stream()
                    .map(FullAccountFile::toSObject).toArray(SObject[]::new);
            results.addAll(Arrays.asList(loader.upsert("External_Id__c", batch)));
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
        checkMapping(account);

        List<UpsertResult> first = upsertInBatches(FullAccountFile.rows(450, "Loader"));
        assertEquals(450, first.size());
        assertTrue(first.stream().allMatch(r -> r.isSuccess() && r.isCreated()));
        List<UpsertResult> again = upsertInBatches(FullAccountFile.rows(450, "Renamed"));
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
        QueryResult page = loader.query(FullAccountFile.selectAll().replace(" FROM", ", Owner.Username FROM")
                + " WHERE External_Id__c LIKE 'FULL-%' ORDER BY External_Id__c");
        List<SObject> extracted = new ArrayList<>(Arrays.asList(page.getRecords()));
        while (!page.isDone()) {
            page = loader.queryMore(page.getQueryLocator());
            extracted.addAll(Arrays.asList(page.getRecords()));
        }
        assertEquals(450, extracted.size());
        List<Map<String, String>> loaded = FullAccountFile.rows(450, "Renamed");
        for (int i = 0; i < extracted.size(); i++) {
            for (String column : FullAccountFile.COLUMNS) {
                Object value = extracted.get(i).getField(column);
                assertTrue(FullAccountFile.sameValue(column, loaded.get(i).get(column), value), column + ": " + value);
            }
        }
        assertEquals(EmulatorConfig.ADMIN_USERNAME,
                ((com.sforce.ws.bind.XmlObject) extracted.get(0).getField("Owner")).getField("Username"));

        Map<String, Long> byClient = emulator.counters().snapshot().callsByClient();
        assertTrue(byClient.getOrDefault(CLIENT, 0L) >= 10, "every call is counted for Data Loader's client id");
        assertFalse(byClient.isEmpty());
    }
}
