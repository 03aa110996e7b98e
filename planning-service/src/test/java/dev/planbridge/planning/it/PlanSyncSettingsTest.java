package dev.planbridge.planning.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.plan.PlanApproved;
import dev.planbridge.contracts.sync.PushOutcome;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Per-plan auto-push carried into PlanApproved, and the plan's status following the plan-level sync outcome. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class PlanSyncSettingsTest {

    static final String PLANNER = TestTokens.planner();
    static final String APPROVER = TestTokens.approver();

    @Test
    void shouldCreateAPlanWithAutoPushAndShowIt() {
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("name", "FY27 auto", "fiscalYearStart", "2026-02-01", "autoPush", true))
                .post("/api/v1/plans").then().statusCode(201).body("autoPush", equalTo(true));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("name", "FY27 manual", "fiscalYearStart", "2026-02-01"))
                .post("/api/v1/plans").then().statusCode(201).body("autoPush", equalTo(false));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("name", "FY27 bad", "fiscalYearStart", "2026-02-01", "autoPush", "sometimes"))
                .post("/api/v1/plans").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldLetAPlanInReviewTurnOnAutoPushAndCarryItIntoPlanApproved() {
        PlanLifecycleTest.Fixture f = PlanLifecycleTest.seed("BR");
        String[] built = PlanLifecycleTest.buildPlan(f, "FY27 auto-push");
        String id = built[0];
        String base = "/api/v1/plans/" + id;
        String etag = given().auth().oauth2(PLANNER).header("If-Match", built[1]).post(base + "/submit").then()
                .statusCode(200).extract().header("ETag");

        // in review the content is frozen, but how the approved plan is executed may still change
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("name", "renamed in review", "autoPush", true)).patch(base)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("IN_REVIEW"));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(Map.of("autoPush", true)).patch(base)
                .then().statusCode(428);
        Response changed = given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("autoPush", true)).patch(base);
        changed.then().statusCode(200).body("autoPush", equalTo(true)).body("status", equalTo("IN_REVIEW"));
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("autoPush", false)).patch(base).then().statusCode(412);
        etag = changed.header("ETag");

        given().auth().oauth2(APPROVER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("comment", "ok")).post(base + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("autoPush", equalTo(true));
        List<PlanApproved> events = PlanLifecycleTest.approvals(id, Duration.ofSeconds(20));
        assertEquals(1, events.size());
        assertTrue(events.get(0).autoPush(), "the approval event asks the sync service to push");

        String approvedEtag = given().auth().oauth2(PLANNER).get(base).then().extract().header("ETag");
        given().auth().oauth2(PLANNER).header("If-Match", approvedEtag).contentType(ContentType.JSON)
                .body(Map.of("autoPush", false)).patch(base).then().statusCode(409)
                .body("detail", containsString("before approval"));
        given().auth().oauth2(TestTokens.viewer()).get(base + "/audit?size=200").then().statusCode(200)
                .body("items.action", hasItem("update"));
    }

    @Test
    void shouldStayPartiallySyncedWhileAFollowUpLeavesOtherConflictsOfThePlanOpen() {
        PlanLifecycleTest.Fixture f = PlanLifecycleTest.seed("IN");
        String id = PlanLifecycleTest.approve(PlanLifecycleTest.buildPlan(f, "FY27 conflicts"));
        String base = "/api/v1/plans/" + id;

        send(completed("push-1", id, PushOutcome.PARTIALLY_SYNCED, PushOutcome.PARTIALLY_SYNCED, 2L));
        PlanLifecycleTest.awaitStatus(base, "PARTIALLY_SYNCED");

        // a follow-up wrote its one resolved conflict (its own outcome SYNCED); the plan's other conflict is open
        send(completed("push-2", id, PushOutcome.SYNCED, PushOutcome.PARTIALLY_SYNCED, 1L));
        awaitLastPush(base, "push-2");
        given().auth().oauth2(PLANNER).get(base).then().body("status", equalTo("PARTIALLY_SYNCED"));

        send(completed("push-3", id, PushOutcome.SYNCED, PushOutcome.SYNCED, 0L));
        PlanLifecycleTest.awaitStatus(base, "SYNCED");
    }

    static void awaitLastPush(String base, String pushId) {
        Await.until(Duration.ofSeconds(30), () -> given().auth().oauth2(PLANNER).get(base).then()
                .body("lastPushId", equalTo(pushId)));
    }

    static SyncCompleted completed(String pushId, String planId, PushOutcome outcome, PushOutcome planOutcome,
                                   Long openConflicts) {
        return new SyncCompleted(SyncCompleted.SCHEMA_VERSION, UUID.randomUUID().toString(), pushId, planId, 1, "apply",
                outcome, 10, 8, 1, 1, 0, 3, Instant.now(), Instant.now(), planOutcome, openConflicts);
    }

    static void send(SyncCompleted event) {
        CrmFeed.sendRaw(Topics.SYNC_COMPLETED, event.planId(), ContractsJson.write(event));
    }
}
