package dev.planbridge.planning.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.contracts.ContractsJson;
import dev.planbridge.contracts.Topics;
import dev.planbridge.contracts.plan.PlanApproved;
import dev.planbridge.contracts.plan.PlanElement;
import dev.planbridge.contracts.sync.PlanActivated;
import dev.planbridge.contracts.sync.PushOutcome;
import dev.planbridge.contracts.feed.Operation;
import dev.planbridge.contracts.sync.SyncCompleted;
import dev.planbridge.contracts.sync.SyncProgress;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaBroker;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The whole life of a plan against the real PostgreSQL and Kafka broker. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class PlanLifecycleTest {

    static final String PLANNER = TestTokens.planner();
    static final String APPROVER = TestTokens.approver();

    /** Seeds the CRM mirror with users, accounts and opportunities under a unique prefix; waits until visible. */
    static Fixture seed() {
        return seed("US");
    }

    /**
     * The same fixture with the five "US" accounts in {@code country} instead: tests that do not look at account
     * placement seed outside the US so they do not add accounts to the US territories other tests count.
     */
    static Fixture seed(String country) {
        String p = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        Fixture f = new Fixture("005" + p + "ANN", "005" + p + "BOB", "005" + p + "CAT", "001" + p);
        CrmFeed.send(CrmFeed.user(f.ann, "Ann Smith", t), CrmFeed.user(f.bob, "Bob Jones", t),
                CrmFeed.user(f.cat, "Cat Lee", t));
        String us = country;
        CrmFeed.send(
                CrmFeed.account(f.account(1), "West Bank", f.ann, us, "CA", "94105", "Banking", 5000, 900_000_000L, "Enterprise", t),
                CrmFeed.account(f.account(2), "West Shop", f.ann, us, "OR", "97201", "Retail", 40, 2_000_000L, "SMB", t),
                CrmFeed.account(f.account(3), "East Bank", f.bob, us, "NY", "10001", "Banking", 9000, 1_500_000_000L, "Enterprise", t),
                CrmFeed.account(f.account(4), "East Shop", f.bob, us, "MA", "02110", "Retail", 80, 4_000_000L, "SMB", t),
                CrmFeed.account(f.account(5), "Berlin GmbH", f.cat, "DE", null, "10115", "Manufacturing", 300, 50_000_000L, "Mid", t),
                CrmFeed.account(f.account(6), "Strategic Inc", f.bob, us, "CA", "94107", "Technology", 20000, 9_000_000_000L, "Enterprise", t));
        CrmFeed.send(CrmFeed.opportunity("006" + p + "1", f.account(1), f.ann, 250_000, false, t),
                CrmFeed.opportunity("006" + p + "2", f.account(6), f.bob, 1_000_000, false, t),
                CrmFeed.opportunity("006" + p + "3", f.account(6), f.bob, 5_000, true, t));
        Await.until(Duration.ofSeconds(60), () -> {
            given().auth().oauth2(PLANNER).get("/api/v1/crm/accounts/" + f.account(6)).then().statusCode(200);
            given().auth().oauth2(PLANNER).get("/api/v1/crm/accounts/" + f.account(1)).then().statusCode(200);
        });
        return f;
    }

    record Fixture(String ann, String bob, String cat, String accountPrefix) {
        String account(int n) {
            return accountPrefix + "A" + n;
        }
    }

    static Response create(String name) {
        return given().auth().oauth2(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("name", name, "fiscalYearStart", "2026-02-01"))
                .post("/api/v1/plans");
    }

    /** Performs an edit with the current ETag and returns the new one. */
    static String edit(String etag, String method, String path, Object body, int expected) {
        var request = given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        Response response = request.request(method, path);
        response.then().statusCode(expected);
        return response.header("ETag");
    }

    /** A small plan: NA > WEST, EAST; EMEA; rules, one override, people, quotas. Returns plan id and ETag. */
    static String[] buildPlan(Fixture f, String name) {
        Response created = create(name);
        created.then().statusCode(201).body("status", equalTo("DRAFT")).body("quarters.size()", equalTo(4));
        String id = created.path("id");
        String etag = created.header("ETag");
        String base = "/api/v1/plans/" + id;
        etag = edit(etag, "PUT", base + "/territory-types/Geo", Map.of("key", "Geo", "label", "Geography", "priority", 10), 200);
        etag = edit(etag, "POST", base + "/territories", Map.of("key", "NA", "name", "North America", "typeKey", "Geo"), 201);
        etag = edit(etag, "POST", base + "/territories", Map.of("key", "NA_WEST", "name", "West", "typeKey", "Geo",
                "parentKey", "NA", "headcountCapacity", 2), 201);
        etag = edit(etag, "POST", base + "/territories", Map.of("key", "NA_EAST", "name", "East", "typeKey", "Geo",
                "parentKey", "NA"), 201);
        etag = edit(etag, "POST", base + "/territories", Map.of("key", "EMEA", "name", "EMEA TBH", "typeKey", "Geo"), 201);
        etag = edit(etag, "POST", base + "/rules", Map.of("name", "west states", "position", 10, "territoryKey", "NA_WEST",
                "criteria", Map.of("items", List.of(Map.of("field", "BillingCountry", "operation", "equals", "value", "US"),
                        Map.of("field", "BillingState", "operation", "within", "value", "CA;OR;WA")))), 201);
        etag = edit(etag, "POST", base + "/rules", Map.of("name", "rest of US", "position", 20, "territoryKey", "NA_EAST",
                "criteria", Map.of("items", List.of(Map.of("field", "BillingCountry", "operation", "equals", "value", "US")))), 201);
        etag = edit(etag, "PUT", base + "/overrides/" + f.account(6), Map.of("territoryKey", "NA_EAST",
                "reason", "global account team sits in New York"), 200);
        etag = edit(etag, "POST", base + "/user-assignments", Map.of("territoryKey", "NA_WEST", "userId", f.ann,
                "role", "Owner", "startDate", "2026-02-01"), 201);
        etag = edit(etag, "POST", base + "/user-assignments", Map.of("territoryKey", "NA_EAST", "userId", f.bob,
                "role", "Owner", "startDate", "2026-02-01"), 201);
        etag = edit(etag, "POST", base + "/user-assignments", Map.of("territoryKey", "NA", "userId", f.cat,
                "role", "Manager", "startDate", "2026-02-01"), 201);
        etag = edit(etag, "POST", base + "/quotas", Map.of("territoryKey", "NA", "periodStart", "2026-02-01",
                "periodType", "Year", "amount", 1000000), 201);
        etag = edit(etag, "POST", base + "/quotas", Map.of("territoryKey", "NA_WEST", "userId", f.ann,
                "periodStart", "2026-02-01", "periodType", "Year", "amount", 600000), 201);
        etag = edit(etag, "POST", base + "/quotas", Map.of("territoryKey", "NA_EAST", "userId", f.bob,
                "periodStart", "2026-02-01", "periodType", "Year", "amount", 600000), 201);
        etag = edit(etag, "POST", base + "/quotas", Map.of("territoryKey", "NA_EAST", "userId", f.bob,
                "periodStart", "2026-05-01", "periodType", "Quarter", "amount", 100000, "rampProfile", "25/50/75/100",
                "rampStart", "2026-05-01"), 201);
        return new String[] {id, etag};
    }

    @Test
    void shouldTakePlanFromDraftThroughApprovalToSynced() throws Exception {
        Fixture f = seed();
        String[] built = buildPlan(f, "FY27 lifecycle");
        String id = built[0];
        String etag = built[1];
        String base = "/api/v1/plans/" + id;

        given().auth().oauth2(TestTokens.viewer()).get(base + "/accounts/" + f.account(1) + "/assignment").then()
                .statusCode(200).body("territoryKey", equalTo("NA_WEST")).body("source", equalTo("RULE"))
                .body("ruleName", equalTo("west states"));
        given().auth().oauth2(TestTokens.viewer()).get(base + "/accounts/" + f.account(6) + "/assignment").then()
                .statusCode(200).body("territoryKey", equalTo("NA_EAST")).body("source", equalTo("OVERRIDE"))
                .body("overrideReason", equalTo("global account team sits in New York"));
        given().auth().oauth2(TestTokens.viewer()).get(base + "/accounts/" + f.account(5) + "/assignment").then()
                .statusCode(200).body("source", equalTo("UNASSIGNED"));
        given().auth().oauth2(TestTokens.viewer()).get(base + "/reports/quota-rollup").then().statusCode(200)
                .body("kind", contains("OVER_ASSIGNED"));

        // CSV import (BOM, CRLF, quoting) moves two accounts; the same file again changes nothing
        String overridesCsv = "\uFEFFaccountId,territoryKey,reason\r\n" + f.account(2) + ",NA_EAST,\"moved, by CSV\"\r\n"
                + f.account(4) + ",NA_WEST,=HYPERLINK(\"x\")\r\n";
        etag = given().auth().oauth2(PLANNER).header("If-Match", etag).contentType("text/csv")
                .body(overridesCsv.getBytes(StandardCharsets.UTF_8)).post(base + "/imports/overrides")
                .then().statusCode(200).body("rows", equalTo(2)).extract().header("ETag");
        etag = given().auth().oauth2(PLANNER).header("If-Match", etag).contentType("text/csv")
                .body(overridesCsv.getBytes(StandardCharsets.UTF_8)).post(base + "/imports/overrides")
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(PLANNER).get(base + "/overrides").then().body("total", equalTo(3));
        String exported = given().auth().oauth2(PLANNER).get(base + "/exports/overrides").then().statusCode(200)
                .extract().asString();
        assertTrue(exported.contains("'=HYPERLINK"), exported);
        assertTrue(exported.contains("\"moved, by CSV\""), exported);

        // balancer: West has accounts 1 and 4, East 2, 3 and 6; EMEA is a TBH seat. The baseline holds every account
        // of the shared test mirror: other tests' accounts are outside the US, so they only add unassigned ones.
        int accounts = given().auth().oauth2(PLANNER).get(base + "/reports/balancer").then().statusCode(200)
                .extract().path("accounts");
        assertTrue(accounts >= 6, "the plan's baseline has the fixture's six accounts");
        given().auth().oauth2(PLANNER).get(base + "/reports/balancer").then().statusCode(200)
                .body("unassignedAccounts", equalTo(accounts - 5))
                .body("territories.find { it.key == 'NA_WEST' }.accounts", equalTo(2))
                .body("territories.find { it.key == 'NA_EAST' }.accounts", equalTo(3))
                .body("territories.find { it.key == 'NA_EAST' }.openPipeline", equalTo(1000000.0f))
                .body("territories.find { it.key == 'EMEA' }.flags", hasItem("TBH"));
        // one edit later the report follows without a rebuild
        etag = edit(etag, "PUT", base + "/overrides/" + f.account(3), Map.of("territoryKey", "NA_WEST",
                "reason", "balance the book"), 200);
        given().auth().oauth2(PLANNER).get(base + "/reports/balancer").then()
                .body("territories.find { it.key == 'NA_WEST' }.accounts", equalTo(3))
                .body("territories.find { it.key == 'NA_EAST' }.accounts", equalTo(2))
                .body("territories.find { it.key == 'NA_WEST' }.ownerNames", equalTo(List.of("Ann Smith")));
        given().auth().oauth2(PLANNER).get(base + "/reports/balancer?format=csv").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("NA_WEST"))
                .body(org.hamcrest.Matchers.containsString("," + f.ann() + ",Ann Smith,"));

        // chosen metrics: potential on employees, a count of banks; the balancer's columns follow the choice
        etag = edit(etag, "PUT", base + "/metrics", Map.of("potentialField", "NumberOfEmployees", "metrics", List.of(
                Map.of("label", "Accounts", "kind", "accountCount"),
                Map.of("label", "Banks", "kind", "countMatching", "filter", Map.of("items", List.of(
                        Map.of("field", "Industry", "operation", "equals", "value", "Banking")))))), 200);
        given().auth().oauth2(PLANNER).get(base + "/reports/balancer").then().statusCode(200)
                .body("potentialField", equalTo("NumberOfEmployees"))
                .body("metrics.label", equalTo(List.of("Accounts", "Banks")))
                .body("territories.find { it.key == 'NA_WEST' }.metrics", equalTo(List.of(3, 2)))
                .body("territories.find { it.key == 'NA_WEST' }.potential", equalTo(14080));
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("metrics", List.of(Map.of("label", "Avg", "kind", "average", "field", "Industry"))))
                .put(base + "/metrics").then().statusCode(400).body("errors[0].field", equalTo("metrics[1].field"));
        // plan health: the parts name what to fix; TBH seats and the unassigned accounts are counted
        int unassignedNow = given().auth().oauth2(PLANNER).get(base + "/reports/balancer").then().statusCode(200)
                .extract().path("unassignedAccounts");
        given().auth().oauth2(PLANNER).get(base + "/reports/health").then().statusCode(200)
                .body("parts.size()", equalTo(8))
                .body("fieldsRead", org.hamcrest.Matchers.hasItems("BillingCountry", "BillingState", "NumberOfEmployees",
                        "Industry"))
                // NA has only a Manager and EMEA nobody: both are seats to hire
                .body("parts.find { it.part == 'TBH_SEATS' }.offending", equalTo(2))
                .body("parts.find { it.part == 'TBH_SEATS' }.details", org.hamcrest.Matchers.hasItem(
                        "EMEA (EMEA TBH) has no Owner"))
                .body("parts.find { it.part == 'UNASSIGNED' }.offending", equalTo(unassignedNow))
                .body("score", org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                        .and(org.hamcrest.Matchers.lessThan(100)));
        given().auth().oauth2(PLANNER).get(base + "/reports/health?format=csv").then().statusCode(200)
                .body(org.hamcrest.Matchers.startsWith("part,id,name,problem"))
                .body(org.hamcrest.Matchers.containsString("UNASSIGNED,"));
        given().auth().oauth2(PLANNER).get(base + "/reports/health?staleMonths=0").then().statusCode(400)
                .body("errors[0].field", equalTo("staleMonths"));

        // disruption against the baseline: accounts 2 and 3 leave Bob... 3 goes to Ann, 2 goes to Bob (was Ann), 4 to Ann
        given().auth().oauth2(PLANNER).get(base + "/reports/disruption?against=baseline").then().statusCode(200)
                .body("moved", equalTo(3))
                .body("holders.find { it.holder == '" + f.bob() + "' }.lost", equalTo(2))
                .body("holders.find { it.holder == '" + f.ann() + "' }.lost", equalTo(1))
                .body("holders.find { it.holder == '" + f.bob() + "' }.name", equalTo("Bob Jones"));

        // fork and compare: the fork moves account 1 to the East
        Response forked = given().auth().oauth2(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("name", "FY27 what-if")).post(base + "/fork");
        forked.then().statusCode(201).body("forkedFrom", equalTo(id)).body("status", equalTo("DRAFT"));
        String forkId = forked.path("id");
        edit(forked.header("ETag"), "PUT", "/api/v1/plans/" + forkId + "/overrides/" + f.account(1),
                Map.of("territoryKey", "NA_EAST", "reason", "what-if"), 200);
        given().auth().oauth2(PLANNER).get("/api/v1/plans/" + forkId + "/compare?with=" + id).then().statusCode(200)
                .body("moved", equalTo(1)).body("holders.find { it.holder == 'NA_WEST' }.lost", equalTo(1))
                .body("holders.find { it.holder == 'NA_WEST' }.name", equalTo("West"));

        // submit; the author may not approve even with the approver role
        etag = given().auth().oauth2(PLANNER).header("If-Match", etag).post(base + "/submit").then().statusCode(200)
                .body("status", equalTo("IN_REVIEW")).extract().header("ETag");
        given().auth().oauth2(TestTokens.forUser("paula.planner", "approver")).header("If-Match", etag)
                .contentType(ContentType.JSON).body(Map.of("comment", "self")).post(base + "/approve").then()
                .statusCode(403);
        etag = given().auth().oauth2(APPROVER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("comment", "balanced")).post(base + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).extract().header("ETag");
        String checksum = given().auth().oauth2(PLANNER).get(base).then().extract().path("checksum");

        // approved plans are immutable
        edit(etag, "POST", base + "/territories", Map.of("key", "LATAM", "name", "LATAM", "typeKey", "Geo"), 409);

        // PlanApproved reaches Kafka exactly once
        List<PlanApproved> events = approvals(id, Duration.ofSeconds(20));
        assertEquals(1, events.size(), "exactly one PlanApproved for the plan");
        PlanApproved approved = events.get(0);
        assertEquals(checksum, approved.checksum());
        assertEquals("arthur.approver", approved.approvedBy());
        assertEquals("/api/v1/plans/" + id + "/desired-state", approved.desiredStateUrl());

        // the desired state: header first, elements in dependency order, checksum over the element lines
        String body = given().auth().oauth2(TestTokens.forUser("sync-service", "service")).get(base + "/desired-state")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        String[] lines = body.split("\n");
        PlanElement.Header header = (PlanElement.Header) ContractsJson.read(lines[0], PlanElement.class);
        assertEquals(checksum, header.checksum());
        assertEquals(4, header.territoryCount());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        List<String> kinds = new ArrayList<>();
        List<PlanElement> elements = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            digest.update((lines[i] + "\n").getBytes(StandardCharsets.UTF_8));
            PlanElement element = ContractsJson.read(lines[i], PlanElement.class);
            elements.add(element);
            String kind = element.getClass().getSimpleName();
            if (kinds.isEmpty() || !kinds.get(kinds.size() - 1).equals(kind)) {
                kinds.add(kind);
            }
        }
        assertEquals(checksum, HexFormat.of().formatHex(digest.digest()));
        assertEquals(List.of("TerritoryType", "Territory", "UserAssignment", "Account", "Quota"), kinds);
        List<String> territoryOrder = elements.stream().filter(e -> e instanceof PlanElement.Territory)
                .map(e -> ((PlanElement.Territory) e).key()).toList();
        assertTrue(territoryOrder.indexOf("NA") < territoryOrder.indexOf("NA_WEST"));
        PlanElement.Account strategic = elements.stream().filter(e -> e instanceof PlanElement.Account a
                && a.accountId().equals(f.account(6))).map(e -> (PlanElement.Account) e).findFirst().orElseThrow();
        assertEquals(List.of("NA_EAST"), strategic.territoryKeys());
        assertEquals(f.bob(), strategic.desiredOwnerId());
        assertEquals("override:" + f.account(6), strategic.assignedBy());
        PlanElement.Territory emea = elements.stream().filter(e -> e instanceof PlanElement.Territory t
                && t.key().equals("EMEA")).map(e -> (PlanElement.Territory) e).findFirst().orElseThrow();
        assertEquals(null, emea.ownerUserId(), "EMEA is an over-carved seat");
        PlanElement.Quota ramped = elements.stream().filter(e -> e instanceof PlanElement.Quota q
                && "Quarter".equals(q.periodType())).map(e -> (PlanElement.Quota) e).findFirst().orElseThrow();
        assertEquals(0, ramped.amount().compareTo(new java.math.BigDecimal("25000")));

        // a sync result moves the plan to SYNCED
        SyncCompleted completed = new SyncCompleted(SyncCompleted.SCHEMA_VERSION, UUID.randomUUID().toString(), "push-1",
                id, approved.version(), "apply", PushOutcome.SYNCED, 10, 10, 0, 0, 0, 2, Instant.now(), Instant.now());
        CrmFeed.sendRaw(Topics.SYNC_COMPLETED, id, ContractsJson.write(completed));
        Await.until(Duration.ofSeconds(30), () -> given().auth().oauth2(PLANNER).get(base).then()
                .body("status", equalTo("SYNCED")).body("lastPushId", equalTo("push-1")));

        given().auth().oauth2(TestTokens.viewer()).get(base + "/audit?size=200").then().statusCode(200)
                .body("items.action", hasItem("approve")).body("items.actor", hasItem("arthur.approver"));
    }

    @Test
    void shouldFollowSyncEventsAndLetANewerApprovalSupersedeTheOlder() throws Exception {
        Fixture f = seed("JP");
        // the CRM already carries a quota for Ann in NA_WEST: the plan's quota is drafted against it
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        String territoryId = "0MI" + f.accountPrefix().substring(3) + "W";
        String quotaId = "0J9" + f.accountPrefix().substring(3) + "Q";
        CrmFeed.send(CrmFeed.event("Territory2", territoryId, Operation.READ,
                Map.of("DeveloperName", "NA_WEST", "Name", "West"), t));
        CrmFeed.send(CrmFeed.event("ForecastingQuota", quotaId, Operation.READ, Map.of("QuotaOwnerId", f.ann(),
                "StartDate", "2026-02-01", "QuotaAmount", 550000, "ForecastingTypeId", "0DbTESTREVENUE01",
                "Territory2Id", territoryId), t));
        Await.until(Duration.ofSeconds(60), () -> assertEquals(2, mirrored(territoryId, quotaId)));

        String first = approve(buildPlan(f, "FY27 first"));
        String base = "/api/v1/plans/" + first;
        PlanElement.Quota annWest = desiredState(base).stream().filter(e -> e instanceof PlanElement.Quota q
                && f.ann().equals(q.ownerUserId()) && "NA_WEST".equals(q.territoryKey()))
                .map(e -> (PlanElement.Quota) e).findFirst().orElseThrow();
        assertEquals(0, annWest.baselineAmount().compareTo(new java.math.BigDecimal("550000")), "baseline from the CRM");
        assertEquals(0, annWest.amount().compareTo(new java.math.BigDecimal("600000")));
        PlanElement.Quota bobEast = desiredState(base).stream().filter(e -> e instanceof PlanElement.Quota q
                && f.bob().equals(q.ownerUserId())).map(e -> (PlanElement.Quota) e).findFirst().orElseThrow();
        assertEquals(null, bobEast.baselineAmount(), "the CRM had no quota for Bob");

        // a push starts writing, ends partially, a retry fails (the plan stays pushable), then succeeds
        CrmFeed.sendRaw(Topics.SYNC_PROGRESS, "push-a", ContractsJson.write(new SyncProgress(SyncProgress.SCHEMA_VERSION,
                "push-a", first, "WRITING", "Territory2", 1, 10, 1, 0, 0, 0, 1, Instant.now())));
        awaitStatus(base, "SYNCING");
        CrmFeed.sendRaw(Topics.SYNC_COMPLETED, first, ContractsJson.write(completed("push-a", first, PushOutcome.PARTIALLY_SYNCED)));
        awaitStatus(base, "PARTIALLY_SYNCED");
        CrmFeed.sendRaw(Topics.SYNC_COMPLETED, first, ContractsJson.write(completed("push-b", first, PushOutcome.FAILED)));
        awaitStatus(base, "APPROVED");

        // approving a newer plan of the same fiscal year supersedes the first; late results no longer move it
        String second = approve(buildPlan(f, "FY27 second"));
        given().auth().oauth2(PLANNER).get(base).then().statusCode(200).body("status", equalTo("SUPERSEDED"));
        CrmFeed.sendRaw(Topics.SYNC_COMPLETED, first, ContractsJson.write(completed("push-c", first, PushOutcome.SYNCED)));
        CrmFeed.sendRaw(Topics.SYNC_COMPLETED, second, ContractsJson.write(completed("push-d", second, PushOutcome.SYNCED)));
        awaitStatus("/api/v1/plans/" + second, "SYNCED");
        given().auth().oauth2(PLANNER).get(base).then().body("status", equalTo("SUPERSEDED"));
        // go-live: sync reports the second plan's model Active
        CrmFeed.sendRaw(Topics.SYNC_ACTIVATIONS, second, ContractsJson.write(new PlanActivated(
                PlanActivated.SCHEMA_VERSION, UUID.randomUUID().toString(), "act-1", second, "0MA000000000002AAA",
                "FY27_second", "0MA000000000001AAA", 4, 1, false, "arthur", Instant.now())));
        awaitStatus("/api/v1/plans/" + second, "ACTIVE");
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/plans/" + second + "/audit?size=200").then()
                .statusCode(200).body("items.action", hasItem("plan-activated"));
        given().auth().oauth2(TestTokens.viewer()).get(base + "/audit?size=200").then().statusCode(200)
                .body("items.action", hasItem("supersede")).body("items.action", hasItem("sync-started"));
    }

    @Inject
    AgroalDataSource dataSource;

    int mirrored(String... ids) {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT count(*) FROM crm_record WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", ids));
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Submits the built plan and has the approver approve it; returns the plan id. */
    static String approve(String[] built) {
        String base = "/api/v1/plans/" + built[0];
        String etag = given().auth().oauth2(PLANNER).header("If-Match", built[1]).post(base + "/submit").then()
                .statusCode(200).extract().header("ETag");
        given().auth().oauth2(APPROVER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("comment", "ok")).post(base + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED"));
        return built[0];
    }

    static List<PlanElement> desiredState(String base) {
        String body = given().auth().oauth2(TestTokens.forUser("sync-service", "service")).get(base + "/desired-state")
                .then().statusCode(200).extract().asString();
        List<PlanElement> elements = new ArrayList<>();
        for (String line : body.split("\n")) {
            elements.add(ContractsJson.read(line, PlanElement.class));
        }
        return elements;
    }

    static SyncCompleted completed(String pushId, String planId, PushOutcome outcome) {
        return new SyncCompleted(SyncCompleted.SCHEMA_VERSION, UUID.randomUUID().toString(), pushId, planId, 1, "apply",
                outcome, 10, 8, 1, 1, 0, 3, Instant.now(), Instant.now());
    }

    static void awaitStatus(String base, String status) {
        Await.until(Duration.ofSeconds(30), () -> given().auth().oauth2(PLANNER).get(base).then()
                .body("status", equalTo(status)));
    }

    /** Reads plan.events from the beginning with read_committed and returns this plan's PlanApproved events. */
    static List<PlanApproved> approvals(String planId, Duration wait) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<PlanApproved> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.PLAN_EVENTS));
            long deadline = System.nanoTime() + wait.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (planId.equals(record.key())) {
                        found.add(ContractsJson.read(record.value(), PlanApproved.class));
                        // keep reading a little longer to catch a duplicate
                        quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    }
                }
            }
        }
        return found;
    }
}
