package dev.planbridge.sync.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.emulator.SalesforceEmulator;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.SalesforceEmulatorResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 25: after the plan's baseline an admin changed the owner of every account (a Data Loader mass update), so a
 * push of account owners is all conflicts. Before chunked saving, its plan (20,000 conflicts, their rows and
 * events) was stored in one transaction that the 60 s timeout aborted at every attempt: the push stayed QUEUED.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(SalesforceEmulatorResource.class)
@WithTestResource(PlanningStubResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManyConflictsTest {

    static final int ACCOUNTS = 20_000;
    /** Generous for a loaded shared machine; well under a minute on an idle one. */
    static final Duration WAIT = Duration.ofSeconds(Long.getLong("many-conflicts.wait-seconds", 240));
    static final List<String> OWNERS = List.of("account-owners");

    static final List<String> accounts = new ArrayList<>();
    static String baselineOwner;
    static String plannedOwner;
    static String adminsOwner;
    static String planId;

    final SalesforceEmulator emulator = SalesforceEmulatorResource.emulator();

    @Inject
    DataSource dataSource;

    /** 20,000 accounts of one owner at the baseline, all given to another by the admin afterwards; planned: a third. */
    synchronized void givenEveryOwnerChangedByTheAdminAfterTheBaseline() throws Exception {
        if (planId != null) {
            return;
        }
        List<String> reps = new ArrayList<>();
        for (Map<String, Object> user : emulator.org().records("User")) {
            String name = String.valueOf(user.get("Username"));
            if (Boolean.TRUE.equals(user.get("IsActive")) && !name.startsWith("sync@") && !name.startsWith("admin@")) {
                reps.add((String) user.get("Id"));
            }
        }
        baselineOwner = reps.get(3);
        plannedOwner = reps.get(4);
        adminsOwner = reps.get(5);
        String admin = emulator.org().adminUserId();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(emulator.org().insert(admin, "Account", Map.of("Name", "Mass " + tag + " " + i,
                    "OwnerId", baselineOwner)));
        }
        for (String account : accounts) {
            emulator.org().updateRecord(admin, account, Map.of("OwnerId", adminsOwner));
        }
        planId = serve(accounts);
    }

    static String serve(List<String> accountIds) throws Exception {
        String plan = "mass-" + UUID.randomUUID().toString().substring(0, 8);
        List<PlanElement> elements = new ArrayList<>();
        for (String id : accountIds) {
            elements.add(new PlanElement.Account(id, id, List.of(), plannedOwner, baselineOwner, null, "rule:mass"));
        }
        PlanFixture.serve(plan, elements, accountIds.size());
        return plan;
    }

    @Test
    @Order(1)
    void shouldHoldTwentyThousandConflictsWithFlagAndPageThroughThem() throws Exception {
        givenEveryOwnerChangedByTheAdminAfterTheBaseline();
        long creates = emulator.counters().calls("create");
        long updates = emulator.counters().calls("update");

        String push = PushApi.start(TestTokens.approver(), planId, "apply", OWNERS, Map.of());
        JsonPath done = PushApi.awaitFinished(TestTokens.approver(), push, WAIT);

        assertEquals("COMPLETED", done.getString("status"), done.getString("error"));
        assertEquals("PARTIALLY_SYNCED", done.getString("outcome"));
        assertEquals(ACCOUNTS, done.getInt("report.conflicts"));
        assertEquals(ACCOUNTS, done.getInt("report.heldConflicts"));
        assertEquals(0, done.getInt("report.written"));
        assertEquals(0, emulator.counters().calls("create") - creates, "nothing outside the scope is written");
        assertEquals(0, emulator.counters().calls("update") - updates, "held records are not written");

        Set<String> seen = new HashSet<>();
        int pages = 0;
        for (int offset = 0; ; offset += 5000) {
            Response page = given().auth().oauth2(TestTokens.viewer()).queryParam("offset", offset).queryParam("limit", 5000)
                    .when().get("/api/v1/pushes/" + push + "/conflicts").then().statusCode(200)
                    .header("X-Total-Count", String.valueOf(ACCOUNTS)).extract().response();
            List<Map<String, Object>> rows = page.jsonPath().getList("$");
            if (rows.isEmpty()) {
                break;
            }
            pages++;
            for (Map<String, Object> row : rows) {
                assertTrue(seen.add((String) row.get("id")), "conflict listed twice: " + row);
                assertEquals(adminsOwner, row.get("crmValue"));
                assertEquals(plannedOwner, row.get("planValue"));
            }
        }
        assertEquals(4, pages);
        assertEquals(ACCOUNTS, seen.size());
        assertStoredOnce(push);
        given().auth().oauth2(TestTokens.viewer()).queryParam("limit", 0)
                .when().get("/api/v1/pushes/" + push + "/conflicts").then().statusCode(400);
    }

    @Test
    @Order(2)
    void shouldResumeASaveStoppedBetweenChunksWithNoConflictLostOrDoubled() throws Exception {
        givenEveryOwnerChangedByTheAdminAfterTheBaseline();
        // Stopped once while storing the conflicts (half of them committed) and once while queueing their events.
        SaveCrashes.arm(planId, "conflicts", 2, false);
        SaveCrashes.arm(planId, "events", 2, false);

        String push = PushApi.start(TestTokens.approver(), planId, "apply", OWNERS, Map.of());
        JsonPath done = PushApi.awaitFinished(TestTokens.approver(), push, WAIT);

        assertEquals("COMPLETED", done.getString("status"), done.getString("error"));
        assertEquals("PARTIALLY_SYNCED", done.getString("outcome"));
        assertEquals(ACCOUNTS, done.getInt("report.heldConflicts"));
        List<SaveCrashes.Crash> crashes = SaveCrashes.of(planId);
        assertEquals(2, crashes.size(), crashes.toString());
        assertEquals(10_000, crashes.get(0).conflictRows(), "stopped with half of the conflicts committed");
        assertEquals(0, crashes.get(0).conflictEvents(), "no event before every row is stored");
        assertEquals(10_000, crashes.get(1).conflictEvents(), "stopped with half of the events queued");
        assertEquals(ACCOUNTS, crashes.get(1).conflictRows());
        assertStoredOnce(push);
    }

    @Test
    @Order(3)
    void shouldFailWithTheReasonWhenTheSameStepFailsAgainAndAgain() throws Exception {
        givenEveryOwnerChangedByTheAdminAfterTheBaseline();
        String small = serve(accounts.subList(0, 10));
        SaveCrashes.arm(small, "operations", 1, true);

        String push = PushApi.start(TestTokens.approver(), small, "apply", OWNERS, Map.of());
        JsonPath done = PushApi.awaitFinished(TestTokens.approver(), push, Duration.ofSeconds(60));

        assertEquals("FAILED", done.getString("status"));
        assertEquals("FAILED", done.getString("outcome"));
        String error = done.getString("error");
        assertTrue(error.startsWith("saving the plan failed 3 times in a row"), error);
        assertTrue(error.contains("simulated crash after operations chunk 1"), error);
        assertEquals(3, SaveCrashes.of(small).size(), "sync.max-step-attempts (3 in tests) attempts, then no more");
        Thread.sleep(1500); // a few worker polls: nothing runs it again
        assertEquals(3, SaveCrashes.of(small).size());
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE type = 'SyncCompleted' AND payload LIKE ?",
                "%\"pushId\":\"" + push + "\"%\"outcome\":\"FAILED\"%"), "SyncCompleted FAILED is announced");
    }

    @Test
    @Order(4)
    void shouldWriteThePlanOverTwentyThousandConflictsWithPlanWinsAndEndSynced() throws Exception {
        givenEveryOwnerChangedByTheAdminAfterTheBaseline();
        long creates = emulator.counters().calls("create");
        long updates = emulator.counters().calls("update");

        String push = PushApi.start(TestTokens.approver(), planId, "apply", OWNERS, Map.of("Account.OwnerId", "PLAN_WINS"));
        JsonPath done = PushApi.awaitFinished(TestTokens.approver(), push, WAIT);

        assertEquals("COMPLETED", done.getString("status"), done.getString("error"));
        assertEquals("SYNCED", done.getString("outcome"));
        assertEquals(ACCOUNTS, done.getInt("report.conflicts"), "PLAN_WINS still reports every conflict");
        assertEquals(ACCOUNTS, done.getInt("report.written"));
        assertEquals(ACCOUNTS / 200, emulator.counters().calls("update") - updates, "⌈20,000 / 200⌉ update calls");
        assertEquals(0, emulator.counters().calls("create") - creates, "nothing outside the scope is written");
        for (String account : accounts) {
            assertEquals(plannedOwner, emulator.org().get(account).get("OwnerId"));
        }
        assertStoredOnce(push);
    }

    /** Every conflict stored once, with its SyncConflict event queued once. */
    void assertStoredOnce(String push) throws Exception {
        assertEquals(ACCOUNTS, count("SELECT count(*) FROM push_conflict WHERE push_id = CAST(? AS uuid)", push));
        assertEquals(ACCOUNTS, count("SELECT count(DISTINCT natural_key) FROM push_conflict WHERE push_id = CAST(? AS uuid)", push));
        assertEquals(ACCOUNTS, count("SELECT count(*) FROM outbox_event WHERE type = 'SyncConflict' AND aggregateid = ?", push));
        assertEquals(ACCOUNTS, count("""
                SELECT count(*) FROM outbox_event e JOIN push_conflict c ON c.id = e.id
                 WHERE e.type = 'SyncConflict' AND c.push_id = CAST(? AS uuid)""", push), "one event per stored conflict");
    }

    long count(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
