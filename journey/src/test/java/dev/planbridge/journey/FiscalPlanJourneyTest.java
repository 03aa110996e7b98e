package dev.planbridge.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.localstack.demo.DemoJourney;
import dev.planbridge.localstack.demo.SalesforceAdmin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's main job, end to end, on the real stack: the demo journey runs (CLI against the three services, the
 * emulator's simulator and real SOAP edits making conflicts), then the emulator's org is checked field by field
 * against the plan's desired state: every planned territory, user and account association, quota and owner is there;
 * each conflict was held back until resolved; nothing was written twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FiscalPlanJourneyTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private FullStack stack;
    private DemoJourney.Outcome outcome;
    private String printed;
    private PartnerConnection salesforce;
    /** The emulator's change-log position before the journey: other tests share the stack and may push too. */
    private long changesBefore;

    @BeforeAll
    void runTheJourney() throws Exception {
        stack = FullStack.shared();
        changesBefore = lastSequence();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
        DemoJourney journey = new DemoJourney(new DemoJourney.Endpoints(stack.planningUrl(), stack.changeFeedUrl(),
                stack.syncUrl(), stack.emulatorUrl(), stack.emulatorAdminToken(), stack.tokensDir(),
                FullStack.repositoryRoot().resolve("samples/fy27")),
                new SalesforceAdmin(stack.soapLoginUrl(), "admin@planbridge.demo", "planbridge-demo"), out);
        try {
            outcome = journey.run();
            journey.printNextSteps(outcome, false);
        } finally {
            printed = screen.toString(StandardCharsets.UTF_8);
            System.out.println(printed);
        }
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(stack.soapLoginUrl());
        config.setUsername("admin@planbridge.demo");
        config.setPassword("planbridge-demo");
        salesforce = Connector.newConnection(config);
    }

    @Test
    void shouldTellEveryStepOnScreen() {
        for (String expected : new String[] {"Step 1 · The sample Salesforce org", "$ planbridge plan import",
                "$ planbridge plan report balancer", "$ planbridge plan report disruption", "$ planbridge plan approve",
                "$ planbridge feed tail", "$ planbridge push apply", "$ planbridge conflicts resolve",
                "$ planbridge push follow-up", "Where to look next"}) {
            assertTrue(printed.contains(expected), "'" + expected + "' missing from the journey's output");
        }
        assertFalse(printed.contains("Exception"), "no stack trace on screen");
        assertEquals(8, outcome.pushExitCode(), "the first push ends PARTIALLY_SYNCED: conflicts are held");
    }

    @Test
    void shouldWriteEveryPlannedTerritoryUserAssignmentAndQuota() throws Exception {
        Desired desired = desiredState();
        String modelId = single("SELECT Id FROM Territory2Model WHERE DeveloperName = 'Planbridge_"
                + outcome.planId().replace("-", "_") + "'", "Territory2Model of the plan").getId();
        Map<String, SObject> territories = byField(query("SELECT Id, DeveloperName, Name, ParentTerritory2Id,"
                + " Territory2Type.DeveloperName FROM Territory2 WHERE Territory2ModelId = '" + modelId + "'"), "DeveloperName");
        Map<String, String> keyById = new HashMap<>();
        territories.values().forEach(t -> keyById.put(t.getId(), (String) t.getField("DeveloperName")));

        assertEquals(desired.territories.stream().map(PlanElement.Territory::key).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(territories.keySet()), "territories of the model");
        for (PlanElement.Territory planned : desired.territories) {
            SObject actual = territories.get(planned.key());
            assertEquals(planned.name(), actual.getField("Name"), planned.key() + " Name");
            assertEquals(planned.parentKey(), keyById.get((String) actual.getField("ParentTerritory2Id")),
                    planned.key() + " parent");
            assertEquals(planned.typeKey(), ((SObject) actual.getField("Territory2Type")).getField("DeveloperName"),
                    planned.key() + " type");
        }

        Set<String> users = new TreeSet<>();
        for (SObject a : query("SELECT UserId, Territory2Id, RoleInTerritory2 FROM UserTerritory2Association")) {
            String key = keyById.get((String) a.getField("Territory2Id"));
            if (key != null) {
                users.add(key + "|" + a.getField("UserId") + "|" + a.getField("RoleInTerritory2"));
            }
        }
        assertEquals(desired.userAssignments.stream().map(u -> u.territoryKey() + "|" + u.userId() + "|" + u.role())
                .collect(Collectors.toCollection(TreeSet::new)), users, "user assignments");

        Set<String> quotas = new TreeSet<>();
        for (SObject q : query("SELECT QuotaOwnerId, StartDate, Territory2Id, QuotaAmount FROM ForecastingQuota")) {
            String key = keyById.get((String) q.getField("Territory2Id"));
            if (key != null) {
                quotas.add(q.getField("QuotaOwnerId") + "|" + key + "|" + q.getField("StartDate") + "|"
                        + new BigDecimal((String) q.getField("QuotaAmount")).stripTrailingZeros().toPlainString());
            }
        }
        assertEquals(desired.quotas.stream().map(q -> q.ownerUserId() + "|" + q.territoryKey() + "|" + q.periodStart()
                        + "|" + q.amount().stripTrailingZeros().toPlainString())
                .collect(Collectors.toCollection(TreeSet::new)), quotas, "quotas (ramp applied)");
    }

    @Test
    void shouldAssociateEveryAccountAndHoldOwnerConflictsUntilResolved() throws Exception {
        Desired desired = desiredState();
        Map<String, String> keyById = new HashMap<>();
        String modelId = single("SELECT Id FROM Territory2Model WHERE DeveloperName = 'Planbridge_"
                + outcome.planId().replace("-", "_") + "'", "Territory2Model of the plan").getId();
        for (SObject t : query("SELECT Id, DeveloperName FROM Territory2 WHERE Territory2ModelId = '" + modelId + "'")) {
            keyById.put(t.getId(), (String) t.getField("DeveloperName"));
        }
        // Live accounts only: the activity simulator deletes a few accounts while the plan waits.
        Map<String, String> owners = new HashMap<>();
        for (SObject a : query("SELECT Id, OwnerId FROM Account")) {
            owners.put(a.getId(), (String) a.getField("OwnerId"));
        }
        Set<String> associations = new TreeSet<>();
        for (SObject a : query("SELECT ObjectId, Territory2Id, AssociationCause FROM ObjectTerritory2Association")) {
            String key = keyById.get((String) a.getField("Territory2Id"));
            if (key != null) {
                assertEquals("Territory2Manual", a.getField("AssociationCause"));
                associations.add(a.getField("ObjectId") + "|" + key);
            }
        }
        Set<String> planned = new TreeSet<>();
        desired.accounts.stream().filter(a -> owners.containsKey(a.accountId()))
                .forEach(a -> a.territoryKeys().forEach(k -> planned.add(a.accountId() + "|" + k)));
        assertEquals(planned, associations, "account associations of the model");

        JsonNode conflicts = syncGet("api/v1/pushes/" + outcome.pushId() + "/conflicts");
        Map<String, JsonNode> heldOwnerConflicts = new HashMap<>();
        for (JsonNode c : conflicts) {
            if ("OwnerId".equals(c.path("field").asText()) && c.path("resolution").isNull()) {
                heldOwnerConflicts.put(c.path("recordId").asText(), c);
            }
        }
        Set<String> changedByPeople = ownerChangesByPeople();
        int moved = 0;
        for (PlanElement.Account account : desired.accounts) {
            String actual = owners.get(account.accountId());
            if (actual == null) {
                continue; // deleted in the CRM meanwhile
            }
            if (account.desiredOwnerId() == null || account.desiredOwnerId().equals(actual)) {
                moved += account.desiredOwnerId() != null && !account.desiredOwnerId().equals(account.baselineOwnerId()) ? 1 : 0;
                continue;
            }
            JsonNode held = heldOwnerConflicts.get(account.accountId());
            if (held != null) {
                assertEquals(held.path("crmValue").asText(), actual, account.accountId() + ": a held conflict keeps the CRM value");
            } else {
                assertTrue(account.desiredOwnerId().equals(account.baselineOwnerId())
                                && changedByPeople.contains(account.accountId()),
                        account.accountId() + " has owner " + actual + ", the plan wants " + account.desiredOwnerId()
                                + " and no conflict explains it");
            }
        }
        assertTrue(moved > 1000, "the sample plan moves many accounts to new owners, moved " + moved);

        for (DemoJourney.CrmEdit edit : outcome.edits()) {
            String expected = edit.accountId().equals(outcome.resolvedAccountId()) ? edit.planOwnerId() : edit.crmOwnerId();
            assertEquals(expected, owners.get(edit.accountId()), edit.accountId() + " after the resolve and follow-up");
            if (!edit.accountId().equals(outcome.resolvedAccountId())) {
                assertTrue(heldOwnerConflicts.containsKey(edit.accountId()), edit.accountId() + " is still held");
            }
        }
    }

    @Test
    void shouldActivateThePushedModelArchiveThePreviousOneAndSaveItsQuotas() throws Exception {
        JsonNode activation = outcome.activation();
        assertEquals("ACTIVE", activation.path("status").asText(), activation.toString());
        assertTrue(activation.path("forced").asBoolean(), "the demo forces past the conflicts it leaves held");
        SObject model = single("SELECT Id, State, ActivatedDate FROM Territory2Model WHERE DeveloperName = 'Planbridge_"
                + outcome.planId().replace("-", "_") + "'", "Territory2Model of the plan");
        assertEquals("Active", model.getField("State"));
        assertNotNull(model.getField("ActivatedDate"));
        assertEquals(1, query("SELECT Id FROM Territory2Model WHERE State = 'Active'").size(), "one Active model");
        String archivedId = activation.path("archivedModelId").asText();
        assertFalse(archivedId.isEmpty(), "the sample org had an Active model before: " + activation);
        SObject archived = single("SELECT Id, State, DeactivatedDate FROM Territory2Model WHERE Id = '" + archivedId
                + "'", "the previous model");
        assertEquals("Archived", archived.getField("State"));
        assertNotNull(archived.getField("DeactivatedDate"));

        List<String> oldTerritories = query("SELECT Id FROM Territory2 WHERE Territory2ModelId = '" + archivedId + "'")
                .stream().map(SObject::getId).toList();
        assertFalse(oldTerritories.isEmpty(), "an archived model keeps its territories");
        assertEquals(0, query("SELECT Id FROM ForecastingQuota WHERE Territory2Id IN ('"
                + String.join("','", oldTerritories) + "')").size(), "Salesforce deleted the archived model's quotas");
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(stack.syncUrl().resolve(
                        "/api/v1/activations/archived-quotas.csv?planId=" + outcome.planId()))
                .header("Authorization", "Bearer " + stack.token("viewer")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().startsWith("activation_id,model_id,model_name,quota_id,"), csv.body());
        csv.body().lines().skip(1).forEach(row -> assertTrue(row.contains(archivedId), "saved from the archived model: " + row));

        HttpRequest plan = HttpRequest.newBuilder(stack.planningUrl().resolve("/api/v1/plans/" + outcome.planId()))
                .header("Authorization", "Bearer " + stack.token("viewer")).build();
        assertEquals("ACTIVE", ContractsJson.mapper().readTree(http.send(plan, HttpResponse.BodyHandlers.ofString())
                .body()).path("status").asText());
        assertTrue(printed.contains("$ planbridge plan activate"), "the go-live step is on screen");
    }

    @Test
    void shouldWriteNothingTwice() throws Exception {
        String syncUserId = single("SELECT Id FROM User WHERE Username = 'sync@planbridge.demo'", "sync user").getId();
        Map<String, Integer> writes = new HashMap<>();
        for (JsonNode change : changeLog()) {
            if (change.path("sequence").asLong() > changesBefore && syncUserId.equals(change.path("userId").asText())) {
                String key = change.path("object").asText() + " " + change.path("id").asText() + " "
                        + change.path("op").asText();
                if ("Territory2Model".equals(change.path("object").asText())) {
                    // Activation updates the model twice on purpose: the request (State → Activating) and Salesforce's
                    // job finishing it (State → Active, ActivatedDate), attributed to the user who asked.
                    key += " " + change.path("changedFields");
                }
                writes.merge(key, 1, Integer::sum);
            }
        }
        assertFalse(writes.isEmpty(), "the sync user wrote the plan");
        List<String> twice = writes.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertTrue(twice.isEmpty(), "written more than once: " + twice);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private record Desired(List<PlanElement.Territory> territories, List<PlanElement.UserAssignment> userAssignments,
                           List<PlanElement.Account> accounts, List<PlanElement.Quota> quotas) {
    }

    private Desired desiredState() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stack.planningUrl().resolve("/api/v1/plans/" + outcome.planId()
                        + "/desired-state")).header("Authorization", "Bearer " + stack.token("approver"))
                .header("Accept", "application/x-ndjson").timeout(Duration.ofMinutes(2)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Desired desired = new Desired(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        response.body().lines().filter(line -> !line.isBlank()).forEach(line -> {
            PlanElement element = ContractsJson.read(line, PlanElement.class);
            if (element instanceof PlanElement.Territory t) {
                desired.territories.add(t);
            } else if (element instanceof PlanElement.UserAssignment u) {
                desired.userAssignments.add(u);
            } else if (element instanceof PlanElement.Account a) {
                desired.accounts.add(a);
            } else if (element instanceof PlanElement.Quota q) {
                desired.quotas.add(q);
            }
        });
        return desired;
    }

    private JsonNode syncGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.syncUrl().resolve("/" + path))
                .header("Authorization", "Bearer " + stack.token("viewer")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return ContractsJson.mapper().readTree(response.body());
    }

    private long lastSequence() throws IOException, InterruptedException {
        long last = 0;
        for (JsonNode change : changeLog()) {
            last = Math.max(last, change.path("sequence").asLong());
        }
        return last;
    }

    /** Every change the emulator logged since the org was generated. */
    private List<JsonNode> changeLog() throws IOException, InterruptedException {
        List<JsonNode> changes = new ArrayList<>();
        long after = 0;
        while (true) {
            URI uri = stack.emulatorUrl().resolve("/emulator/changes?afterSequence=" + after + "&limit=10000");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + stack.emulatorAdminToken()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode page = ContractsJson.mapper().readTree(response.body());
            page.path("changes").forEach(changes::add);
            after = page.path("lastSequence").asLong();
            if (!page.path("hasMore").asBoolean()) {
                return changes;
            }
        }
    }

    /** Accounts whose owner someone other than the sync service changed (the simulator's users, the admin). */
    private Set<String> ownerChangesByPeople() throws Exception {
        String syncUserId = single("SELECT Id FROM User WHERE Username = 'sync@planbridge.demo'", "sync user").getId();
        Set<String> ids = new HashSet<>();
        for (JsonNode change : changeLog()) {
            boolean owner = false;
            for (JsonNode field : change.path("changedFields")) {
                owner |= "OwnerId".equals(field.asText());
            }
            if ("Account".equals(change.path("object").asText()) && owner
                    && !syncUserId.equals(change.path("userId").asText())) {
                ids.add(change.path("id").asText());
            }
        }
        return ids;
    }

    private List<SObject> query(String soql) throws ConnectionException {
        List<SObject> rows = new ArrayList<>();
        QueryResult result = salesforce.query(soql);
        while (true) {
            rows.addAll(List.of(result.getRecords()));
            if (result.isDone()) {
                return rows;
            }
            result = salesforce.queryMore(result.getQueryLocator());
        }
    }

    private SObject single(String soql, String what) throws ConnectionException {
        List<SObject> rows = query(soql);
        if (rows.size() != 1) {
            fail("Expected one " + what + ", found " + rows.size());
        }
        return rows.get(0);
    }

    private static Map<String, SObject> byField(List<SObject> rows, String field) {
        Map<String, SObject> map = new HashMap<>();
        rows.forEach(r -> map.put((String) r.getField(field), r));
        return map;
    }
}
