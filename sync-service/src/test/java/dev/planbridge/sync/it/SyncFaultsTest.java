package dev.planbridge.sync.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.emulator.FaultRule;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.sync.domain.PushOptions;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.SalesforceEmulatorResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's fault injection during an apply: locked rows, a request-limit window, an expired session, responses
 * lost after the write, and a planning-service outage. The push must end with zero failed records and no duplicate.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(SalesforceEmulatorResource.class)
@WithTestResource(PlanningStubResource.class)
class SyncFaultsTest {

    final SalesforceEmulator emulator = SalesforceEmulatorResource.emulator();

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
    }

    @Test
    void shouldCompleteWithoutFailuresOrDuplicatesUnderInjectedFaults() throws Exception {
        PlanFixture plan = new PlanFixture(0, 40, 902);
        // The planning service is down when the push starts: the push waits, then continues.
        PlanningStubResource.server().stubFor(get(urlEqualTo("/api/v1/plans/" + plan.planId + "/desired-state"))
                .willReturn(aResponse().withStatus(503)));
        emulator.faults().add(FaultRule.probability(FaultRule.Type.UNABLE_TO_LOCK_ROW, 0.2));
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.REQUEST_LIMIT_EXCEEDED, 2).forCall("create"));
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.INVALID_SESSION_ID, 1).forCall("update"));
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.DROP_CONNECTION, 3).forCall("create"));
        emulator.faults().add(FaultRule.nextCalls(FaultRule.Type.HTTP_503, 1).forCall("update"));

        String push = PushApi.start(TestTokens.approver(), plan.planId, "apply", SyncJourneyTest.ALL, Map.of());
        awaitStatus(push, "WAITING", Duration.ofSeconds(30));
        plan.serve();
        JsonPath done = PushApi.awaitFinished(TestTokens.approver(), push, Duration.ofSeconds(120));

        assertEquals("SYNCED", done.getString("outcome"), done.prettify());
        assertEquals(0, done.getInt("report.failed"), done.prettify());
        String modelId = (String) emulator.org().find("Territory2Model", "DeveloperName",
                PushOptions.modelNameFor(plan.planId)).get(0).get("Id");
        List<Map<String, Object>> territories = emulator.org().find("Territory2", "Territory2ModelId", modelId);
        assertEquals(3, territories.size(), "no territory created twice");
        Set<String> pairs = new HashSet<>();
        int associations = 0;
        for (Map<String, Object> territory : territories) {
            for (Map<String, Object> association : emulator.org().find("ObjectTerritory2Association", "Territory2Id",
                    territory.get("Id"))) {
                associations++;
                assertTrue(pairs.add(association.get("ObjectId") + "|" + territory.get("Id")), "duplicate association");
            }
            assertTrue(emulator.org().find("ForecastingQuota", "Territory2Id", territory.get("Id")).size() <= 1);
        }
        assertEquals(40, associations);
        for (int i = 0; i < plan.accounts.size(); i++) {
            assertEquals(plan.reps.get(i % 2 == 0 ? 0 : 1), emulator.org().get(plan.accounts.get(i)).get("OwnerId"));
        }
        JsonPath retried = given().auth().oauth2(TestTokens.viewer())
                .when().get("/api/v1/pushes/" + push + "/operations?status=SUCCEEDED&limit=5000")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(retried.getList("findAll { it.attempts > 1 }").size() > 0, "some records needed a retry");
    }

    static void awaitStatus(String pushId, String status, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String now = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/pushes/" + pushId)
                    .then().statusCode(200).extract().path("status");
            if (status.equals(now)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Push " + pushId + " never reached " + status);
    }
}
