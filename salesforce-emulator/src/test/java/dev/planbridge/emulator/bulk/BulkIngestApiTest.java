package dev.planbridge.emulator.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planbridge.emulator.EmulatorConfig;
import dev.planbridge.emulator.FaultRule;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.org.ChangeLogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk API 2.0 ingest jobs driven over HTTP exactly as the developer guide documents the requests. */
class BulkIngestApiTest {

    private SalesforceEmulator emulator;
    private BulkClient bulk;

    @BeforeEach
    void start() throws Exception {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults().toBuilder().httpsPort(-1).build());
        bulk = BulkClient.clientCredentials(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void shouldUpsertByExternalIdAndReportEachRecord() throws Exception {
        String existing = emulator.org().insert(emulator.org().adminUserId(), "Account",
                Map.of("Name", "Old name", "External_Id__c", "EXT-1"));
        long sequenceBefore = emulator.org().changeLog().get(emulator.org().changeLog().size() - 1).sequence();

        String id = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"upsert\","
                        + "\"externalIdFieldName\":\"External_Id__c\",\"contentType\":\"CSV\",\"lineEnding\":\"LF\"}",
                "External_Id__c,Name,NumberOfEmployees\nEXT-1,New name,12\nEXT-2,\"Fresh, Inc.\",3\n"
                        + "EXT-3,Broken,not-a-number\n");
        JsonNode info = bulk.awaitTerminal("ingest", id);

        assertEquals("JobComplete", info.get("state").asText());
        assertEquals(3, info.get("numberRecordsProcessed").asInt());
        assertEquals(1, info.get("numberRecordsFailed").asInt());
        String successful = bulk.text("/jobs/ingest/" + id + "/successfulResults/");
        List<String> lines = successful.lines().toList();
        assertEquals("sf__Id,sf__Created,External_Id__c,Name,NumberOfEmployees", lines.get(0));
        assertEquals(existing + ",false,EXT-1,New name,12", lines.get(1));
        assertTrue(lines.get(2).endsWith(",true,EXT-2,\"Fresh, Inc.\",3"), lines.get(2));
        String failed = bulk.text("/jobs/ingest/" + id + "/failedResults/");
        assertTrue(failed.startsWith("sf__Id,sf__Error,External_Id__c,Name,NumberOfEmployees\n"), failed);
        assertTrue(failed.contains("NumberOfEmployees --,EXT-3,Broken,not-a-number"), failed);
        assertEquals("External_Id__c,Name,NumberOfEmployees\n",
                bulk.text("/jobs/ingest/" + id + "/unprocessedrecords/"));

        assertEquals("New name", emulator.org().get(existing).get("Name"));
        assertEquals(12, ((Number) emulator.org().get(existing).get("NumberOfEmployees")).intValue());
        List<ChangeLogEntry> changes = emulator.org().changeLogSince(sequenceBefore);
        assertEquals(List.of(ChangeLogEntry.Op.UPDATE, ChangeLogEntry.Op.CREATE),
                changes.stream().map(ChangeLogEntry::op).toList(), "one change per written record, as SOAP");
        assertEquals(emulator.org().find("User", "Username", EmulatorConfig.SYNC_USERNAME).get(0).get("Id"),
                changes.get(0).userId(), "written as the session's user");
    }

    @Test
    void shouldDeleteAndReportUnknownIdsAsFailures() throws Exception {
        String doomed = emulator.org().insert(emulator.org().adminUserId(), "Account", Map.of("Name", "Doomed"));
        String missing = "001Pb00000ZZZZZIAA";

        String id = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"delete\"}",
                "Id\n" + doomed + "\n" + missing + "\n");
        JsonNode info = bulk.awaitTerminal("ingest", id);

        assertEquals("JobComplete", info.get("state").asText());
        assertEquals(1, info.get("numberRecordsFailed").asInt());
        assertTrue(bulk.text("/jobs/ingest/" + id + "/successfulResults/").contains(doomed + ",false," + doomed));
        String failed = bulk.text("/jobs/ingest/" + id + "/failedResults/");
        assertTrue(failed.lines().skip(1).findFirst().orElseThrow().startsWith(missing + ","), failed);
        assertTrue(emulator.org().records("Account").stream().noneMatch(r -> r.get("Id").equals(doomed)));
    }

    @Test
    void shouldResolveARelationshipColumnThroughTheParentsIdLookupField() throws Exception {
        String syncUser = (String) emulator.org().find("User", "Username", EmulatorConfig.SYNC_USERNAME).get(0).get("Id");

        String id = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"insert\"}",
                "Name,Owner.Username\nOwned,sync@planbridge.demo\nOrphan,nobody@planbridge.demo\n");
        JsonNode info = bulk.awaitTerminal("ingest", id);

        assertEquals(1, info.get("numberRecordsFailed").asInt(), info.toString());
        assertEquals(syncUser, emulator.org().find("Account", "Name", "Owned").get(0).get("OwnerId"));
        assertTrue(bulk.text("/jobs/ingest/" + id + "/failedResults/").contains(",Orphan,nobody@planbridge.demo"));
    }

    @Test
    void shouldFailLockedRecordsWithUnableToLockRow() throws Exception {
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.UNABLE_TO_LOCK_ROW, 1).forCall("insert"));

        String id = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"insert\"}", "Name\nLocked\nFree\n");
        JsonNode info = bulk.awaitTerminal("ingest", id);

        assertEquals(1, info.get("numberRecordsFailed").asInt());
        assertTrue(bulk.text("/jobs/ingest/" + id + "/failedResults/").contains("UNABLE_TO_LOCK_ROW:"));
        assertEquals(1, emulator.org().find("Account", "Name", "Free").size());
        assertTrue(emulator.org().find("Account", "Name", "Locked").isEmpty());
    }

    @Test
    void shouldReadSemicolonDelimitedCrlfDataWithQuotedLineBreaks() throws Exception {
        String id = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"insert\",\"columnDelimiter\":"
                + "\"SEMICOLON\",\"lineEnding\":\"CRLF\"}", "Name;Description\r\nSemi;\"two\nlines; \"\"quoted\"\"\"\r\n");
        JsonNode info = bulk.awaitTerminal("ingest", id);

        assertEquals("JobComplete", info.get("state").asText(), info.toString());
        assertEquals("two\nlines; \"quoted\"", emulator.org().find("Account", "Name", "Semi").get(0).get("Description"));
    }

    @Test
    void shouldFailTheJobWhenTheDataUsesAnotherLineEnding() throws Exception {
        String id = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"insert\"}", "Name\r\nWindows\r\n");
        JsonNode info = bulk.awaitTerminal("ingest", id);

        assertEquals("Failed", info.get("state").asText());
        assertEquals("ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF",
                info.get("errorMessage").asText());
        assertTrue(emulator.org().find("Account", "Name", "Windows").isEmpty());
    }

    @Test
    void shouldFailTheJobOnAnUnknownColumn() throws Exception {
        String id = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"insert\"}", "Name,Bogus__c\nA,b\n");
        JsonNode info = bulk.awaitTerminal("ingest", id);

        assertEquals("Failed", info.get("state").asText());
        assertEquals("InvalidBatch : Field name not found : Bogus__c", info.get("errorMessage").asText());
    }

    @Test
    void shouldAbortAnOpenJobAndRefuseFurtherUploads() throws Exception {
        String id = bulk.json("POST", "/jobs/ingest", "{\"object\":\"Account\",\"operation\":\"insert\"}")
                .get("id").asText();

        JsonNode aborted = bulk.json("PATCH", "/jobs/ingest/" + id, "{\"state\":\"Aborted\"}");
        HttpResponse<String> upload = bulk.send("PUT", "/jobs/ingest/" + id + "/batches", "text/csv", "Name\nX\n");

        assertEquals("Aborted", aborted.get("state").asText());
        assertEquals(409, upload.statusCode());
        assertEquals("INVALIDJOBSTATE", BulkClient.parse(upload.body()).get(0).get("errorCode").asText());
        assertEquals(204, bulk.send("DELETE", "/jobs/ingest/" + id, null, null).statusCode());
        assertEquals(404, bulk.send("GET", "/jobs/ingest/" + id, null, null).statusCode());
    }

    @Test
    void shouldListTheUploadAsUnprocessedWhenAbortedBeforeUploadComplete() throws Exception {
        String id = bulk.json("POST", "/jobs/ingest", "{\"object\":\"Account\",\"operation\":\"insert\"}")
                .get("id").asText();
        bulk.send("PUT", "/jobs/ingest/" + id + "/batches", "text/csv", "Name\nNever1\nNever2\n");

        bulk.json("PATCH", "/jobs/ingest/" + id, "{\"state\":\"Aborted\"}");

        assertEquals("Name\nNever1\nNever2\n", bulk.text("/jobs/ingest/" + id + "/unprocessedrecords/"));
        assertEquals("sf__Id,sf__Created,Name\n", bulk.text("/jobs/ingest/" + id + "/successfulResults/"));
        assertTrue(emulator.org().find("Account", "Name", "Never1").isEmpty());
    }

    @Test
    void shouldFailDeleteRowsWhoseIdBelongsToAnotherObject() throws Exception {
        String contact = emulator.org().insert(emulator.org().adminUserId(), "Contact", Map.of("LastName", "Kept"));

        String id = bulk.submitIngest("{\"object\":\"Account\",\"operation\":\"delete\"}", "Id\n" + contact + "\n");
        JsonNode info = bulk.awaitTerminal("ingest", id);

        assertEquals(1, info.get("numberRecordsFailed").asInt());
        assertTrue(bulk.text("/jobs/ingest/" + id + "/failedResults/").contains("MALFORMED_ID:"));
        assertEquals(1, emulator.org().find("Contact", "LastName", "Kept").size(), "an Account job deletes no Contact");
    }

    @Test
    void shouldRefuseASecondUploadToTheSameJob() throws Exception {
        String id = bulk.json("POST", "/jobs/ingest", "{\"object\":\"Account\",\"operation\":\"insert\"}")
                .get("id").asText();
        assertEquals(201, bulk.send("PUT", "/jobs/ingest/" + id + "/batches", "text/csv", "Name\nA\n").statusCode());

        HttpResponse<String> second = bulk.send("PUT", "/jobs/ingest/" + id + "/batches", "text/csv", "Name\nB\n");

        assertEquals(400, second.statusCode());
        assertEquals("BULK_API_ERROR", BulkClient.parse(second.body()).get(0).get("errorCode").asText());
    }

    @Test
    void shouldRejectBadJobRequestsWithTheDocumentedErrors() throws Exception {
        HttpResponse<String> unknownObject = bulk.send("POST", "/jobs/ingest", "application/json",
                "{\"object\":\"Nope__c\",\"operation\":\"insert\"}");
        HttpResponse<String> badDelimiter = bulk.send("POST", "/jobs/ingest", "application/json",
                "{\"object\":\"Account\",\"operation\":\"insert\",\"columnDelimiter\":\"COLON\"}");
        HttpResponse<String> notAnExternalId = bulk.send("POST", "/jobs/ingest", "application/json",
                "{\"object\":\"Account\",\"operation\":\"upsert\",\"externalIdFieldName\":\"Name\"}");
        HttpResponse<String> hardDelete = bulk.send("POST", "/jobs/ingest", "application/json",
                "{\"object\":\"Account\",\"operation\":\"hardDelete\"}");

        for (HttpResponse<String> response : List.of(unknownObject, badDelimiter, notAnExternalId)) {
            assertEquals(400, response.statusCode(), response.body());
            assertEquals("INVALIDJOB", BulkClient.parse(response.body()).get(0).get("errorCode").asText());
        }
        assertEquals(400, hardDelete.statusCode(), "the sync user lacks the Bulk API Hard Delete permission");
        assertEquals("FEATURENOTENABLED", BulkClient.parse(hardDelete.body()).get(0).get("errorCode").asText());
    }

    @Test
    void shouldHardDeleteForTheAdminWhoHoldsThePermission() throws Exception {
        String doomed = emulator.org().insert(emulator.org().adminUserId(), "Account", Map.of("Name", "Purged"));

        String id = BulkClient.admin(emulator).submitIngest("{\"object\":\"Account\",\"operation\":\"hardDelete\"}",
                "Id\n" + doomed + "\n");
        JsonNode info = BulkClient.admin(emulator).awaitTerminal("ingest", id);

        assertEquals("JobComplete", info.get("state").asText());
        assertEquals("hardDelete", info.get("operation").asText());
        assertTrue(emulator.org().find("Account", "Name", "Purged").isEmpty());
    }

    @Test
    void shouldAcceptTheSessionOfASoapLoginAndRefuseItOnceExpired() throws Exception {
        com.sforce.ws.ConnectorConfig config = new com.sforce.ws.ConnectorConfig();
        config.setAuthEndpoint(emulator.soapUrl("64.0"));
        config.setUsername(EmulatorConfig.ADMIN_USERNAME);
        config.setPassword(EmulatorConfig.ADMIN_PASSWORD);
        com.sforce.soap.partner.Connector.newConnection(config);
        BulkClient soapSession = BulkClient.withToken(emulator, config.getSessionId());

        assertEquals(200, soapSession.send("GET", "/jobs/ingest", null, null).statusCode());
        emulator.sessions().expireAll();
        HttpResponse<String> expired = soapSession.send("GET", "/jobs/ingest", null, null);
        assertEquals(401, expired.statusCode());
        assertEquals("INVALID_SESSION_ID", BulkClient.parse(expired.body()).get(0).get("errorCode").asText());
    }

    @Test
    void shouldAnswer403WhenTheDailyApiAllocationIsUsedUp() throws Exception {
        emulator.limits().setDailyAllocation(emulator.limits().used());

        HttpResponse<String> response = bulk.send("GET", "/jobs/ingest", null, null);

        assertEquals(403, response.statusCode());
        assertEquals("REQUEST_LIMIT_EXCEEDED", BulkClient.parse(response.body()).get(0).get("errorCode").asText());
    }

    @Test
    void shouldAnswer401ForAnUnknownSession() throws Exception {
        HttpResponse<String> response = BulkClient.withToken(emulator, "00Dbogus!session")
                .send("GET", "/jobs/ingest", null, null);

        assertEquals(401, response.statusCode());
        JsonNode error = BulkClient.parse(response.body()).get(0);
        assertEquals("INVALID_SESSION_ID", error.get("errorCode").asText());
        assertEquals("Session expired or invalid", error.get("message").asText());
    }

    @Test
    void shouldListJobsAndShowContentUrlOnlyWhileOpen() throws Exception {
        JsonNode created = bulk.json("POST", "/jobs/ingest", "{\"object\":\"Account\",\"operation\":\"insert\"}");
        String id = created.get("id").asText();

        assertEquals("Open", created.get("state").asText());
        assertEquals("services/data/v64.0/jobs/ingest/" + id + "/batches", created.get("contentUrl").asText());
        assertTrue(id.startsWith("750"));
        JsonNode listing = bulk.json("GET", "/jobs/ingest", null);
        assertTrue(listing.get("done").asBoolean());
        assertEquals(id, listing.get("records").get(0).get("id").asText());
        bulk.send("PUT", "/jobs/ingest/" + id + "/batches", "text/csv", "Name\nListed\n");
        JsonNode closed = bulk.json("PATCH", "/jobs/ingest/" + id, "{\"state\":\"UploadComplete\"}");
        assertNull(closed.get("contentUrl"));
        assertFalse(closed.get("state").asText().equals("Open"));
    }
}
