package dev.planbridge.sync.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.emulator.org.Org;
import dev.planbridge.sync.domain.PushOptions;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.SalesforceEmulatorResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Go-live through the real stack (WSC client, PostgreSQL ledger, emulator): a pushed plan's model is activated at a
 * later instant; until then the org keeps its Active model; then the new model is Active, the old one Archived, the
 * quotas the archive deleted are in the plan's history (CSV) and re-created where the new model carries them.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(SalesforceEmulatorResource.class)
@WithTestResource(PlanningStubResource.class)
class ActivationJourneyTest {

    static final List<String> ALL = List.of("territories", "user-assignments", "account-assignments", "account-owners", "quotas");
    static final Duration WAIT = Duration.ofSeconds(90);

    final SalesforceEmulator emulator = SalesforceEmulatorResource.emulator();

    @Test
    void shouldActivateAtTheRequestedInstantArchiveThePreviousModelAndKeepItsQuotas() throws Exception {
        Org org = emulator.org();
        String admin = org.adminUserId();
        PlanFixture plan = new PlanFixture(140, 10, 907); // a Territory2Type priority of its own: priorities are unique per org
        plan.serve();
        JsonPath applied = PushApi.awaitFinished(TestTokens.approver(),
                PushApi.start(TestTokens.approver(), plan.planId, "apply", ALL, Map.of()), WAIT);
        assertEquals("SYNCED", applied.getString("outcome"), applied.prettify());
        Map<String, Object> model = org.find("Territory2Model", "DeveloperName", PushOptions.modelNameFor(plan.planId)).get(0);
        String modelId = (String) model.get("Id");
        Map<String, Object> west = org.find("Territory2", "Territory2ModelId", modelId).stream()
                .filter(t -> plan.west.equals(t.get("DeveloperName"))).findFirst().orElseThrow();

        // The org's current Active model, with a territory of the same name and two quotas the archive will delete:
        // one the new model carries (owner assigned to West there, period 2027-01-01 present), one it does not.
        String previous = activeModel(org);
        String oldWest = org.insert(admin, "Territory2", Map.of("Name", "West (old)", "DeveloperName", plan.west,
                "Territory2ModelId", previous, "Territory2TypeId", west.get("Territory2TypeId")));
        String units = org.insert(admin, "ForecastingType", Map.of("DeveloperName", "Units_" + plan.tag,
                "MasterLabel", "Units " + plan.tag));
        String carried = org.insert(admin, "ForecastingQuota", Map.of("QuotaOwnerId", plan.reps.get(1),
                "Territory2Id", oldWest, "StartDate", "2027-01-01", "QuotaQuantity", 40.0, "ForecastingTypeId", units));
        String dropped = org.insert(admin, "ForecastingQuota", Map.of("QuotaOwnerId", plan.reps.get(2),
                "Territory2Id", oldWest, "StartDate", "2027-01-01", "QuotaQuantity", 7.0, "ForecastingTypeId", units));

        given().auth().oauth2(TestTokens.planner()).contentType(ContentType.JSON).body(Map.of("planId", plan.planId))
                .when().post("/api/v1/activations").then().statusCode(403);
        given().auth().oauth2(TestTokens.approver()).contentType(ContentType.JSON)
                .body(Map.of("planId", plan.planId, "at", "next tuesday")).when().post("/api/v1/activations")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("at:"));

        JsonPath dryRun = given().auth().oauth2(TestTokens.approver()).contentType(ContentType.JSON)
                .body(Map.of("planId", plan.planId, "dryRun", true)).when().post("/api/v1/activations")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(previous, dryRun.getString("archivesModelId"), dryRun.prettify());
        List<String> listed = dryRun.getList("quotas.quotaId");
        assertTrue(listed.containsAll(List.of(carried, dropped)), dryRun.prettify());
        assertEquals("Planning", org.get(modelId).get("State"), "a dry run changes nothing");

        Instant at = Instant.now().plusSeconds(4);
        JsonPath scheduled = given().auth().oauth2(TestTokens.approver()).contentType(ContentType.JSON)
                .body(Map.of("planId", plan.planId, "at", at.toString())).when().post("/api/v1/activations")
                .then().statusCode(202).extract().jsonPath();
        String activationId = scheduled.getString("id");
        assertEquals("SCHEDULED", scheduled.getString("status"));
        given().auth().oauth2(TestTokens.approver()).contentType(ContentType.JSON)
                .body(Map.of("planId", plan.planId)).when().post("/api/v1/activations").then().statusCode(409);
        assertEquals("Active", org.get(previous).get("State"), "nothing changes before the instant");

        JsonPath done = awaitStatus(activationId, "ACTIVE");
        assertTrue(Instant.parse(done.getString("activatedAt")).isAfter(at.minusMillis(1)), done.prettify());
        assertEquals(1, done.getInt("recreatedQuotas"), done.prettify());
        Map<String, Object> active = org.get(modelId);
        assertEquals("Active", active.get("State"));
        assertNotNull(active.get("ActivatedDate"));
        assertEquals("Archived", org.get(previous).get("State"));
        assertNotNull(org.get(previous).get("DeactivatedDate"));
        assertEquals(Boolean.TRUE, org.get(carried).get("IsDeleted"), "Salesforce deleted the archived model's quotas");
        assertTrue(org.find("ForecastingQuota", "Territory2Id", west.get("Id")).stream()
                .anyMatch(q -> units.equals(q.get("ForecastingTypeId")) && plan.reps.get(1).equals(q.get("QuotaOwnerId"))),
                "the carried quota is in the new model");

        String csv = given().auth().oauth2(TestTokens.viewer()).queryParam("planId", plan.planId)
                .when().get("/api/v1/activations/archived-quotas.csv").then().statusCode(200).extract().asString();
        assertTrue(csv.lines().anyMatch(l -> l.contains(carried) && l.contains(",true,")), csv);
        assertTrue(csv.lines().anyMatch(l -> l.contains(dropped) && l.contains(",false,")), csv);
        long events = QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE type = 'PlanActivated' AND aggregateid = ?1")
                .setParameter(1, plan.planId).getSingleResult()).longValue());
        assertEquals(1, events, "PlanActivated is queued exactly once");
    }

    private static String activeModel(Org org) {
        List<Map<String, Object>> active = org.find("Territory2Model", "State", "Active");
        if (!active.isEmpty()) {
            return (String) active.get(0).get("Id");
        }
        return org.insert(org.adminUserId(), "Territory2Model", Map.of("Name", "FY26", "DeveloperName", "FY26_it",
                "State", "Active"));
    }

    private static JsonPath awaitStatus(String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            last = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/activations/" + id)
                    .then().statusCode(200).extract().jsonPath();
            if (status.equals(last.getString("status")) || "FAILED".equals(last.getString("status"))) {
                break;
            }
            Thread.sleep(250);
        }
        assertNotNull(last);
        assertEquals(status, last.getString("status"), last.prettify());
        return last;
    }
}
