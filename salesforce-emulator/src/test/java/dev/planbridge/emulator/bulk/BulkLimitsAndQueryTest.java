package dev.planbridge.emulator.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.SalesforceEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk API 2.0 allocations (lowered for the test) and query jobs paged by Sforce-Locator, over HTTP. */
class BulkLimitsAndQueryTest {

    private SalesforceEmulator emulator;
    private BulkClient bulk;

    @BeforeEach
    void start() throws Exception {
        BulkLimits limits = BulkLimits.documented().withDailyRecords(5).withMaxUploadBytes(400)
                .withDailyQueryJobs(3).withRecordsPerBatch(2);
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults().toBuilder().httpsPort(-1).bulkLimits(limits)
                .build());
        bulk = BulkClient.clientCredentials(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void shouldFailAJobThatExceedsTheRollingRecordAllocationAndLeaveItsRowsUnprocessed() throws Exception {
        String first = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"insert\"}", "Name\nA1\nA2\nA3\n");
        assertEquals("JobComplete", bulk.awaitTerminal("ingest", first).get("state").asText());

        String second = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"insert\"}", "Name\nB1\nB2\nB3\n");
        JsonNode info = bulk.awaitTerminal("ingest", second);

        assertEquals("Failed", info.get("state").asText());
        assertTrue(info.get("errorMessage").asText().startsWith("ExceededQuota : "), info.toString());
        assertEquals("Name\nB1\nB2\nB3\n", bulk.text("/jobs/ingest/" + second + "/unprocessedrecords/"));
        assertTrue(emulator.org().find("Account", "Name", "B1").isEmpty());
        assertEquals(3, emulator.bulk().recordsUsed());
    }

    @Test
    void shouldFailAJobThatNeedsMoreBatchesThanTheRollingAllocationLeaves() throws Exception {
        emulator.bulk().setLimits(emulator.bulk().limits().withDailyBatches(1));

        String id = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"insert\"}", "Name\nD1\nD2\nD3\n");
        JsonNode info = bulk.awaitTerminal("ingest", id);

        assertEquals("Failed", info.get("state").asText());
        assertTrue(info.get("errorMessage").asText().contains("2 batches"), info.toString());
        assertTrue(emulator.org().find("Account", "Name", "D1").isEmpty());
    }

    @Test
    void shouldProcessInInternalBatchesWithOneResultPerRecord() throws Exception {
        String id = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"insert\"}",
                "Name\nC1\nC2\nC3\nC4\nC5\n");
        JsonNode info = bulk.awaitTerminal("ingest", id);

        assertEquals("JobComplete", info.get("state").asText());
        assertEquals(5, info.get("numberRecordsProcessed").asInt());
        List<String> successful = bulk.text("/jobs/ingest/" + id + "/successfulResults/").lines().skip(1).toList();
        assertEquals(5, successful.size());
        assertEquals(5, successful.stream().map(line -> line.split(",")[0]).distinct().count());
    }

    @Test
    void shouldRefuseAnUploadAboveTheSizeLimitMeasuredInBase64() throws Exception {
        String id = bulk.json("POST", "/jobs/ingest", "{\"object\":\"Account\",\"operation\":\"insert\"}")
                .get("id").asText();
        String csv = "Name\n" + "x".repeat(299) + "\n"; // 305 bytes: 408 base64 characters

        HttpResponse<String> upload = bulk.send("PUT", "/jobs/ingest/" + id + "/batches", "text/csv", csv);

        assertEquals(413, upload.statusCode());
        assertEquals("EXCEEDED_MAX_SIZE", BulkClient.parse(upload.body()).get(0).get("errorCode").asText());
        assertEquals(201, bulk.send("PUT", "/jobs/ingest/" + id + "/batches", "text/csv",
                "Name\n" + "x".repeat(290) + "\n").statusCode(), "296 bytes: 396 base64 characters fit");
    }

    @Test
    void shouldPageQueryResultsWithLocatorsUntilTheNullLocator() throws Exception {
        for (int i = 0; i < 7; i++) {
            emulator.org().insert(emulator.org().adminUserId(), "Account", Map.of("Name", "Paged " + i));
        }
        String id = bulk.json("POST", "/jobs/query", "{\"operation\":\"query\",\"query\":"
                + "\"SELECT Id, Name, Owner.Username FROM Account WHERE Name LIKE 'Paged%' ORDER BY Name\"}")
                .get("id").asText();
        JsonNode info = bulk.awaitTerminal("query", id);
        assertEquals("JobComplete", info.get("state").asText());
        assertEquals(7, info.get("numberRecordsProcessed").asInt());

        List<String> names = new ArrayList<>();
        List<String> locators = new ArrayList<>();
        String locator = null;
        do {
            HttpResponse<String> page = bulk.send("GET", "/jobs/query/" + id + "/results?maxRecords=3"
                    + (locator == null ? "" : "&locator=" + locator), null, null);
            assertEquals(200, page.statusCode(), page.body());
            List<String> lines = page.body().lines().toList();
            assertEquals("Id,Name,Owner.Username", lines.get(0));
            assertEquals(Integer.toString(lines.size() - 1), page.headers().firstValue("Sforce-NumberOfRecords")
                    .orElseThrow());
            lines.stream().skip(1).forEach(line -> names.add(line.split(",")[1]));
            assertTrue(lines.stream().skip(1).allMatch(line -> line.endsWith("," + EmulatorConfig.ADMIN_USERNAME)));
            locator = page.headers().firstValue("Sforce-Locator").orElseThrow();
            locators.add(locator);
        } while (!locator.equals("null"));

        assertEquals(List.of("Paged 0", "Paged 1", "Paged 2", "Paged 3", "Paged 4", "Paged 5", "Paged 6"), names);
        assertEquals(3, locators.size());
        assertNotEquals(locators.get(0), locators.get(1));
        HttpResponse<String> again = bulk.send("GET", "/jobs/query/" + id + "/results?maxRecords=3&locator="
                + locators.get(0), null, null);
        assertTrue(again.body().contains("Paged 3"), "a locator can be read again while the job exists");
    }

    @Test
    void shouldIncludeDeletedRowsOnlyInQueryAllJobs() throws Exception {
        String gone = emulator.org().insert(emulator.org().adminUserId(), "Account", Map.of("Name", "Gone, \"really\""));
        emulator.org().deleteRecord(emulator.org().adminUserId(), gone);
        String soql = "{\"operation\":\"%s\",\"query\":\"SELECT Id, Name, IsDeleted FROM Account WHERE Name LIKE 'Gone%%'\"}";

        String query = bulk.json("POST", "/jobs/query", soql.formatted("query")).get("id").asText();
        String queryAll = bulk.json("POST", "/jobs/query", soql.formatted("queryAll")).get("id").asText();
        bulk.awaitTerminal("query", query);
        bulk.awaitTerminal("query", queryAll);

        assertEquals("Id,Name,IsDeleted\n", bulk.text("/jobs/query/" + query + "/results"));
        assertEquals("Id,Name,IsDeleted\n" + gone + ",\"Gone, \"\"really\"\"\",true\n",
                bulk.text("/jobs/query/" + queryAll + "/results"));
    }

    @Test
    void shouldRejectBadQueriesBadLocatorsAndQueryJobsAboveTheAllocation() throws Exception {
        HttpResponse<String> badField = bulk.send("POST", "/jobs/query", "application/json",
                "{\"operation\":\"query\",\"query\":\"SELECT Nope__c FROM Account\"}");
        assertEquals(400, badField.statusCode());
        assertEquals("INVALID_FIELD", BulkClient.parse(badField.body()).get(0).get("errorCode").asText());

        String id = bulk.json("POST", "/jobs/query", "{\"operation\":\"query\",\"query\":\"SELECT Id FROM User\"}")
                .get("id").asText();
        bulk.awaitTerminal("query", id);
        HttpResponse<String> badLocator = bulk.send("GET", "/jobs/query/" + id + "/results?locator=zzzz", null, null);
        assertEquals(400, badLocator.statusCode());
        HttpResponse<String> otherVersion = bulk.sendAt("63.0", "GET", "/jobs/query/" + id + "/results", null, null);
        assertEquals(409, otherVersion.statusCode(), "results are read with the job's API version");
        HttpResponse<String> tooOld = bulk.sendAt("46.0", "GET", "/jobs/query/" + id, null, null);
        assertEquals(404, tooOld.statusCode(), "query jobs exist from API 47.0");

        bulk.json("POST", "/jobs/query", "{\"operation\":\"queryAll\",\"query\":\"SELECT Id FROM User\"}");
        bulk.json("POST", "/jobs/query", "{\"operation\":\"query\",\"query\":\"SELECT Id FROM User\"}");
        HttpResponse<String> fourth = bulk.send("POST", "/jobs/query", "application/json",
                "{\"operation\":\"query\",\"query\":\"SELECT Id FROM User\"}");
        assertEquals(400, fourth.statusCode(), "three query jobs per rolling 24 hours in this test");
        assertEquals("EXCEEDEDQUOTA", BulkClient.parse(fourth.body()).get(0).get("errorCode").asText());
    }
}
