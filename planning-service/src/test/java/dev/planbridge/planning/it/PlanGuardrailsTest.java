package dev.planbridge.planning.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.planbridge.planning.security.CachingJwtParser;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Authorisation, optimistic locking and bad input: every refusal is problem+json and nothing is half-written. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class PlanGuardrailsTest {

    static final String PLANNER = TestTokens.planner();

    @Test
    void shouldEnforceRolesPerEndpoint() {
        given().get("/api/v1/plans").then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/plans").then().statusCode(200);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("name", "nope", "fiscalYearStart", "2026-02-01")).post("/api/v1/plans").then().statusCode(403);
        given().auth().oauth2(TestTokens.approver()).contentType(ContentType.JSON)
                .body(Map.of("name", "nope", "fiscalYearStart", "2026-02-01")).post("/api/v1/plans").then().statusCode(403);
        String id = PlanLifecycleTest.create("roles").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.forUser("sync", "service")).get("/api/v1/plans/" + id + "/desired-state")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.forUser("sync", "service")).get("/api/v1/plans").then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/plans/" + id + "/desired-state").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "by admin", "fiscalYearStart", "2026-02-01")).post("/api/v1/plans").then().statusCode(201);
    }

    @Inject
    JWTParser jwtParser;

    /** The verified-token cache sits in front of the real check: refusals are never cached, hits never skip exp. */
    @Test
    void shouldRefuseForgedExpiredAndTamperedTokensEvenAfterAGoodTokenWasCached() {
        assertInstanceOf(CachingJwtParser.class, jwtParser, "Quarkus' JWT authentication uses the caching parser");
        String good = TestTokens.forUser("cache.check", "viewer");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(good).get("/api/v1/plans").then().statusCode(200);
        }
        String forged = TestTokens.sign(TestTokens.generate().getPrivate(), TestTokens.ISSUER, "cache.check",
                Duration.ofHours(1), "viewer");
        given().auth().oauth2(forged).get("/api/v1/plans").then().statusCode(401);
        String expired = TestTokens.withLifetime(Duration.ofSeconds(-120), "cache.check", "viewer");
        given().auth().oauth2(expired).get("/api/v1/plans").then().statusCode(401);
        String[] parts = good.split("\\.");
        String tamperedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"viewer\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(parts[0] + "." + tamperedClaims + "." + parts[2]).get("/api/v1/plans")
                .then().statusCode(401);
        given().auth().oauth2(good).get("/api/v1/plans").then().statusCode(200);
    }

    @Test
    void shouldRefuseStaleAndUnconditionalEdits() {
        var created = PlanLifecycleTest.create("locking");
        String id = created.path("id");
        String etag = created.header("ETag");
        String first = PlanLifecycleTest.edit(etag, "PATCH", "/api/v1/plans/" + id, Map.of("name", "locking 2"), 200);
        // the second planner still holds the old ETag
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("name", "lost update")).patch("/api/v1/plans/" + id).then().statusCode(412)
                .contentType("application/problem+json").body("status", equalTo(412));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(Map.of("name", "no precondition"))
                .patch("/api/v1/plans/" + id).then().statusCode(428);
        given().auth().oauth2(PLANNER).get("/api/v1/plans/" + id).then().header("ETag", first)
                .body("name", equalTo("locking 2"));
    }

    @Test
    void shouldAnswerBadJsonWithProblemDetailsNamingTheField() {
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body("{\"name\": \"x\", ").post("/api/v1/plans")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "fiscalYearStart", "2026-02-01", "colour", "red")).post("/api/v1/plans")
                .then().statusCode(400).body("errors[0].reason", containsString("colour"));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "fiscalYearStart", "2026-02-15")).post("/api/v1/plans")
                .then().statusCode(400).body("errors[0].field", equalTo("fiscalYearStart"));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(Map.of("fiscalYearStart", "2026-02-01"))
                .post("/api/v1/plans").then().statusCode(400).body("errors.field", hasItem("name"));
    }

    @Test
    void shouldRejectInvalidElementsWithoutChangingThePlan() {
        var created = PlanLifecycleTest.create("bad elements");
        String id = created.path("id");
        String base = "/api/v1/plans/" + id;
        String etag = created.header("ETag");
        etag = PlanLifecycleTest.edit(etag, "PUT", base + "/territory-types/Geo",
                Map.of("key", "Geo", "label", "Geo", "priority", 1), 200);
        etag = PlanLifecycleTest.edit(etag, "POST", base + "/territories", Map.of("key", "A", "name", "A", "typeKey", "Geo"), 201);
        etag = PlanLifecycleTest.edit(etag, "POST", base + "/territories",
                Map.of("key", "B", "name", "B", "typeKey", "Geo", "parentKey", "A"), 201);

        // a cycle, an orphan, a duplicate
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("key", "A", "name", "A", "typeKey", "Geo", "parentKey", "B")).put(base + "/territories/A")
                .then().statusCode(400).body("errors[0].reason", containsString("cycle"));
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("key", "C", "name", "C", "typeKey", "Geo", "parentKey", "NOPE")).post(base + "/territories")
                .then().statusCode(400).body("errors[0].reason", containsString("unknown parent"));
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("key", "A", "name", "again", "typeKey", "Geo")).post(base + "/territories")
                .then().statusCode(400).body("errors[0].reason", containsString("duplicate"));
        // a rule on an unknown territory, an unknown field, a text value on a number and a filter naming item 4
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("name", "never", "position", 1, "territoryKey", "ZZ",
                        "criteria", Map.of("items", List.of(
                                Map.of("field", "Tier__c", "operation", "equals", "value", "A"),
                                Map.of("field", "AnnualRevenue", "operation", "greaterThan", "value", "lots"),
                                Map.of("field", "Segment__c", "operation", "equals", "value", "Giant")),
                                "booleanFilter", "(1 AND 2) OR 4")))
                .post(base + "/rules").then().statusCode(400)
                .body("errors.field", hasItem("territoryKey")).body("errors.field", hasItem("criteria.items[1].field"))
                .body("errors.field", hasItem("criteria.items[2].value"))
                .body("errors.field", hasItem("criteria.items[3].value"))
                .body("errors.field", hasItem("criteria.booleanFilter"));
        // negative, non-numeric and out-of-year quotas
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("territoryKey", "A", "periodStart", "2026-02-01", "periodType", "Year", "amount", -5))
                .post(base + "/quotas").then().statusCode(400).body("errors.field", hasItem("amount"));
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"territoryKey\":\"A\",\"periodStart\":\"2026-02-01\",\"periodType\":\"Year\",\"amount\":\"lots\"}")
                .post(base + "/quotas").then().statusCode(400).body("errors[0].field", equalTo("amount"));
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("territoryKey", "A", "periodStart", "2027-02-01", "periodType", "Quarter", "amount", 5))
                .post(base + "/quotas").then().statusCode(400)
                .body("errors[0].reason", containsString("outside the fiscal year"));
        // unknown user and account references
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("territoryKey", "A", "userId", "005NOBODY", "role", "Owner", "startDate", "2026-02-01"))
                .post(base + "/user-assignments").then().statusCode(400).body("errors[0].field", equalTo("userId"));
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("territoryKey", "A", "reason", "x")).put(base + "/overrides/001NOPE").then().statusCode(400)
                .body("errors[0].field", equalTo("accountId"));

        // nothing of the above was written: same version, two territories, no rules or quotas
        given().auth().oauth2(PLANNER).get(base).then().header("ETag", etag);
        given().auth().oauth2(PLANNER).get(base + "/territories").then().body("total", equalTo(2));
        given().auth().oauth2(PLANNER).get(base + "/rules").then().body("total", equalTo(0)).body("items.size()", equalTo(0));
        given().auth().oauth2(PLANNER).get(base + "/quotas").then().body("total", equalTo(0));
    }

    @Test
    void shouldRejectBadCsvAsAWholeWithFileRowAndColumn() {
        var created = PlanLifecycleTest.create("bad csv");
        String id = created.path("id");
        String base = "/api/v1/plans/" + id;
        String etag = PlanLifecycleTest.edit(created.header("ETag"), "PUT", base + "/territory-types/Geo",
                Map.of("key", "Geo", "label", "Geo", "priority", 1), 200);

        csv(base, etag, "territories", "key,name,colour\nA,A,red\n").statusCode(400)
                .body("errors.field", hasItem("colour")).body("errors.field", hasItem("typeKey"));
        csv(base, etag, "territories", "key,name,typeKey,parentKey\nA,A,Geo\n").statusCode(400)
                .body("errors[0].row", equalTo(2)).body("errors[0].reason", containsString("cells"));
        csv(base, etag, "territories", "key,name,typeKey,parentKey\nA,A,Geo,\nB,B,Geo,A\nC,C,Nope,A\nD,D,Geo,E\nE,E,Geo,D\n")
                .statusCode(400).body("errors[0].file", equalTo("territories.csv")).body("errors[0].row", equalTo(4))
                .body("errors[0].field", equalTo("typeKey"));
        csv(base, etag, "territories", "key,name,typeKey,parentKey\nA,A,Geo,\nD,D,Geo,E\nE,E,Geo,D\n")
                .statusCode(400).body("errors[0].reason", containsString("cycle"));
        byte[] latin1 = "key,name,typeKey\nA,Zürich,Geo\n".getBytes(StandardCharsets.ISO_8859_1);
        given().auth().oauth2(PLANNER).header("If-Match", etag).contentType("text/csv").body(latin1)
                .post(base + "/imports/territories").then().statusCode(400).body("errors[0].row", equalTo(2))
                .body("errors[0].reason", containsString("UTF-8"));
        csv(base, etag, "territories", "key,name,typeKey\nA,A,Geo\nB,B\0,Geo\n").statusCode(400)
                .body("errors[0].row", equalTo(3)).body("errors[0].reason", containsString("NUL character"));
        csv(base, etag, "territories", "key,name,typeKey\n" + "A,".repeat(1_100_000) + "\n").statusCode(413)
                .contentType("application/problem+json");
        csv(base, etag, "quotas", "territoryKey,periodStart,periodType,amount\nA,2026-02-01,Year,-1\n").statusCode(400);
        csv(base, etag, "nonsense", "a\n1\n").statusCode(404);

        // nothing was imported by any of the refused files, and the version did not move
        given().auth().oauth2(PLANNER).get(base + "/territories").then().body("total", equalTo(0));
        given().auth().oauth2(PLANNER).get(base).then().header("ETag", etag);

        // a good file goes in whole, and again without change
        String good = "key,name,typeKey,parentKey,headcountCapacity\r\nA,A,Geo,,3\r\nB,\"B, the second\",Geo,A,\r\n";
        String next = csv(base, etag, "territories", good).statusCode(200).body("rows", equalTo(2)).extract().header("ETag");
        next = csv(base, next, "territories", good).statusCode(200).extract().header("ETag");
        given().auth().oauth2(PLANNER).get(base + "/territories").then().body("total", equalTo(2))
                .body("items.find { it.key == 'B' }.name", equalTo("B, the second"));

        // overrides and exclusions are checked set-based in the database; every bad reference still names its
        // row and column, cell errors and reference errors come back in row order, and nothing is written
        csv(base, next, "overrides", "accountId,territoryKey,reason\n001NOPE1,A,x\n001NOPE2,ZZ,y\n001NOPE1,A,z\n001NOPE3,A,\n")
                .statusCode(400).body("errors.size()", equalTo(7)).body("errors.row", contains(2, 3, 3, 4, 4, 5, 5))
                .body("errors[0].field", equalTo("accountId"))
                .body("errors[0].reason", containsString("not in the plan's baseline"))
                .body("errors.reason", hasItem("unknown territory 'ZZ'"))
                .body("errors.reason", hasItem("account 001NOPE1 already overridden on row 2"))
                .body("errors.find { it.row == 5 && it.field == 'reason' }.reason", equalTo("is required"));
        csv(base, next, "exclusions", "accountId,territoryKey\n001NOPE1,QQ\n").statusCode(400)
                .body("errors.field", contains("accountId", "territoryKey"));
        given().auth().oauth2(PLANNER).get(base + "/overrides").then().body("total", equalTo(0));
        given().auth().oauth2(PLANNER).get(base + "/exclusions").then().body("total", equalTo(0));
        given().auth().oauth2(PLANNER).get(base).then().header("ETag", next);
    }

    private static io.restassured.response.ValidatableResponse csv(String base, String etag, String kind, String body) {
        return given().auth().oauth2(PLANNER).header("If-Match", etag).contentType("text/csv")
                .body(body.getBytes(StandardCharsets.UTF_8)).post(base + "/imports/" + kind).then();
    }
}
