package dev.planbridge.sync.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.sync.domain.PushOptions;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.SalesforceEmulatorResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plan pushed into the emulator with the real WSC client, PostgreSQL ledger and Kafka: dry run, apply with a
 * conflict held, resolution and follow-up, a no-op re-push, and undo.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(SalesforceEmulatorResource.class)
@WithTestResource(PlanningStubResource.class)
class SyncJourneyTest {

    static final List<String> ALL = List.of("territories", "user-assignments", "account-assignments", "account-owners", "quotas");
    static final Duration WAIT = Duration.ofSeconds(60);

    final SalesforceEmulator emulator = SalesforceEmulatorResource.emulator();

    Map<String, Object> model(String planId) {
        List<Map<String, Object>> models = emulator.org().find("Territory2Model", "DeveloperName",
                PushOptions.modelNameFor(planId));
        return models.isEmpty() ? null : models.get(0);
    }

    Map<String, Object> territory(String modelId, String key) {
        return emulator.org().find("Territory2", "Territory2ModelId", modelId).stream()
                .filter(t -> key.equals(t.get("DeveloperName"))).findFirst().orElse(null);
    }

    long associations(String object, String field, String territoryId) {
        return emulator.org().find(object, "Territory2Id", territoryId).size();
    }

    @Test
    void shouldDryRunThenApplyFlagConflictsResolveFollowUpAndUndo() throws Exception {
        PlanFixture plan = new PlanFixture(100, 30, 901);
        plan.serve();
        String conflicted = plan.accounts.get(0);
        String originalOwner = (String) emulator.org().get(conflicted).get("OwnerId");
        // Someone reassigns an account after the plan's baseline: the push must hold it, not overwrite it.
        emulator.org().updateRecord(emulator.org().adminUserId(), conflicted, Map.of("OwnerId", plan.reps.get(2)));

        String dryRun = PushApi.start(TestTokens.planner(), plan.planId, "dry-run", ALL, Map.of());
        JsonPath report = PushApi.awaitFinished(TestTokens.planner(), dryRun, WAIT);
        assertEquals("COMPLETED", report.getString("status"), report.prettify());
        assertEquals(1, report.getInt("report.conflicts"));
        assertEquals(3, report.getInt("report.planned.'Territory2 CREATE'"));
        assertEquals(30, report.getInt("report.planned.'ObjectTerritory2Association CREATE'"));
        // model, type, two territory levels, user and account associations, account owners, quotas: one call each.
        assertTrue(report.getInt("report.estimatedWriteCallsTotal") >= 8, report.prettify());
        long moving = 0;
        for (int i = 1; i < plan.accounts.size(); i++) {
            moving += plan.baselineOwners.get(i).equals(plan.reps.get(i % 2 == 0 ? 0 : 1)) ? 0 : 1;
        }
        assertEquals(moving, ((Number) report.getMap("report.planned").getOrDefault("Account UPDATE", 0)).longValue(),
                "only accounts that move are written");
        assertNull(model(plan.planId), "a dry run writes nothing");

        given().auth().oauth2(TestTokens.planner()).contentType(ContentType.JSON)
                .body(Map.of("planId", plan.planId, "mode", "apply")).when().post("/api/v1/pushes")
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("approver"));

        String apply = PushApi.start(TestTokens.approver(), plan.planId, "apply", ALL, Map.of());
        JsonPath applied = PushApi.awaitFinished(TestTokens.approver(), apply, WAIT);
        assertEquals("PARTIALLY_SYNCED", applied.getString("outcome"), applied.prettify());
        assertEquals(0, applied.getInt("report.failed"), applied.prettify());

        Map<String, Object> model = model(plan.planId);
        assertNotNull(model);
        assertEquals("Planning", model.get("State"));
        String modelId = (String) model.get("Id");
        Map<String, Object> root = territory(modelId, plan.root);
        Map<String, Object> east = territory(modelId, plan.east);
        Map<String, Object> west = territory(modelId, plan.west);
        assertEquals(root.get("Id"), east.get("ParentTerritory2Id"));
        assertEquals(root.get("Id"), west.get("ParentTerritory2Id"));
        assertEquals(2, associations("UserTerritory2Association", "UserId", (String) east.get("Id")));
        assertEquals(15, associations("ObjectTerritory2Association", "ObjectId", (String) east.get("Id")));
        assertEquals(15, associations("ObjectTerritory2Association", "ObjectId", (String) west.get("Id")));
        for (int i = 1; i < plan.accounts.size(); i++) {
            assertEquals(plan.reps.get(i % 2 == 0 ? 0 : 1), emulator.org().get(plan.accounts.get(i)).get("OwnerId"));
        }
        assertEquals(plan.reps.get(2), emulator.org().get(conflicted).get("OwnerId"), "the conflict was held");
        List<Map<String, Object>> quotas = emulator.org().find("ForecastingQuota", "Territory2Id", east.get("Id"));
        assertEquals(1, quotas.size());
        assertEquals(0, new BigDecimal("250000").compareTo(new BigDecimal(String.valueOf(quotas.get(0).get("QuotaAmount")))));

        JsonPath conflicts = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/pushes/" + apply + "/conflicts")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, conflicts.getList("$").size());
        assertEquals(conflicted, conflicts.getString("[0].recordKey"));
        assertEquals(originalOwner, conflicts.getString("[0].baseValue"));
        assertEquals(plan.reps.get(2), conflicts.getString("[0].crmValue"));
        assertEquals(emulator.org().adminUserId().substring(0, 15), conflicts.getString("[0].changedById").substring(0, 15));
        String conflictId = conflicts.getString("[0].id");

        given().auth().oauth2(TestTokens.approver()).when().get("/api/v1/pushes/" + apply + "/problems.csv")
                .then().statusCode(200).body(containsString("conflict,Account," + conflicted));

        // The rep who got the account meanwhile opened a deal on it: it follows the account in the follow-up push.
        String openDeal = emulator.org().insert(plan.reps.get(2), "Opportunity", Map.of("Name", "Deal " + plan.planId,
                "AccountId", conflicted, "OwnerId", plan.reps.get(2), "StageName", "Prospecting",
                "CloseDate", java.time.LocalDate.of(2027, 3, 31)));
        String closedDeal = emulator.org().insert(plan.reps.get(2), "Opportunity", Map.of("Name", "Won " + plan.planId,
                "AccountId", conflicted, "OwnerId", plan.reps.get(2), "StageName", "Closed Won",
                "CloseDate", java.time.LocalDate.of(2026, 10, 31)));
        given().auth().oauth2(TestTokens.approver()).contentType(ContentType.JSON).body(Map.of("keep", "plan"))
                .when().post("/api/v1/pushes/" + apply + "/conflicts/" + conflictId + "/resolve")
                .then().statusCode(200).body("resolution", equalTo("plan"));
        String followUp = given().auth().oauth2(TestTokens.approver()).when().post("/api/v1/pushes/" + apply + "/follow-up")
                .then().statusCode(202).extract().path("id");
        JsonPath followed = PushApi.awaitFinished(TestTokens.approver(), followUp, WAIT);
        assertEquals("SYNCED", followed.getString("outcome"), followed.prettify());
        assertEquals(plan.reps.get(0), emulator.org().get(conflicted).get("OwnerId"));
        assertEquals(plan.reps.get(0), emulator.org().get(openDeal).get("OwnerId"), "the open deal follows the account");
        assertEquals(plan.reps.get(2), emulator.org().get(closedDeal).get("OwnerId"), "closed deals stay");
        assertEquals(1, followed.getInt("report.planned.'Opportunity UPDATE'"), followed.prettify());

        long callsBefore = emulator.counters().totalCalls();
        String again = PushApi.start(TestTokens.approver(), plan.planId, "apply", ALL, Map.of());
        JsonPath noop = PushApi.awaitFinished(TestTokens.approver(), again, WAIT);
        assertEquals("SYNCED", noop.getString("outcome"), noop.prettify());
        assertEquals(0, noop.getInt("report.written"));
        assertEquals(0, noop.getInt("report.conflicts"), "own earlier writes are not conflicts");
        assertTrue(emulator.counters().totalCalls() - callsBefore < 20, "a no-op push only reads");

        String undo = given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/pushes/" + apply + "/undo")
                .then().statusCode(202).extract().path("id");
        JsonPath undone = PushApi.awaitFinished(TestTokens.admin(), undo, WAIT);
        assertEquals("COMPLETED", undone.getString("status"), undone.prettify());
        assertEquals(0, undone.getInt("report.failed"), undone.prettify());
        assertNull(model(plan.planId), "the model the push created is gone");
        for (int i = 1; i < plan.accounts.size(); i++) {
            assertEquals(plan.baselineOwners.get(i), emulator.org().get(plan.accounts.get(i)).get("OwnerId"),
                    "undo restores the owner from before the push");
        }
    }

    @Test
    void shouldRejectBadRequestsAsProblems() {
        given().auth().oauth2(TestTokens.planner()).contentType(ContentType.JSON)
                .body(Map.of("planId", "p1", "mode", "overwrite")).when().post("/api/v1/pushes")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("dry-run or apply"));
        given().auth().oauth2(TestTokens.planner()).contentType(ContentType.JSON)
                .body(Map.of("planId", "p1", "policies", Map.of("Acount", "FLAG"))).when().post("/api/v1/pushes")
                .then().statusCode(400).body("detail", containsString("Acount"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("planId", "p1")).when().post("/api/v1/pushes").then().statusCode(403);
        given().when().get("/api/v1/pushes").then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/pushes/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldPushALaterPlanWithTheSameTerritoryKeysIntoItsOwnModelWithoutConflicts() throws Exception {
        PlanFixture first = new PlanFixture(170, 10, 906);
        first.serve();
        JsonPath one = PushApi.awaitFinished(TestTokens.approver(),
                PushApi.start(TestTokens.approver(), first.planId, "apply", ALL, Map.of()), WAIT);
        assertEquals(0, one.getInt("report.conflicts"), one.prettify());

        // Next year's plan keeps the territory names: its push goes into its own model, and the first plan's
        // territories (same DeveloperNames, other model) are neither its baseline nor conflicts.
        PlanFixture second = new PlanFixture(170, 10, 906, first);
        second.serve();
        JsonPath two = PushApi.awaitFinished(TestTokens.approver(),
                PushApi.start(TestTokens.approver(), second.planId, "apply", ALL, Map.of()), WAIT);
        assertEquals("COMPLETED", two.getString("status"), two.prettify());
        assertEquals(0, two.getInt("report.conflicts"), two.prettify());
        assertEquals(0, two.getInt("report.failed"), two.prettify());
        assertEquals(3, two.getInt("report.planned.'Territory2 CREATE'"), two.prettify());
        String firstModel = (String) model(first.planId).get("Id");
        String secondModel = (String) model(second.planId).get("Id");
        for (String key : List.of(first.root, first.east, first.west)) {
            assertNotNull(territory(firstModel, key), key + " stays in the first model");
            assertNotNull(territory(secondModel, key), key + " is created in the second model");
        }
        assertEquals(5, associations("ObjectTerritory2Association", "Territory2Id",
                (String) territory(secondModel, first.east).get("Id")));
    }
}
