package dev.planbridge.planning.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The streamed overrides/exclusions import (rows COPYed while the file is parsed, a plan's first file of a kind
 * straight into its table): escapes survive the COPY text format, a refused file (ragged row, repeats, unknown
 * references, clashes) cancels or undoes the COPY and writes nothing, and the connection is fine for the next import.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class CsvImportTest {

    static final String PLANNER = TestTokens.planner();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldStreamOverridesAndExclusionsAllOrNothing() throws Exception {
        String prefix = "001CSV" + UUID.randomUUID().toString().substring(0, 6);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO crm_account (id, name, billing_country, system_modstamp) VALUES (?, ?, 'DE', now())")) {
            for (int i = 1; i <= 3; i++) {
                s.setString(1, prefix + i);
                s.setString(2, "Account " + i);
                s.addBatch();
            }
            s.executeBatch();
        }
        var created = PlanLifecycleTest.create("csv streaming");
        String base = "/api/v1/plans/" + created.path("id");
        String etag = created.header("ETag");
        etag = csv(base, etag, "territory-types", "key,label,priority\nGeo,Geography,1\n").statusCode(200).extract().header("ETag");
        etag = csv(base, etag, "territories", "key,name,typeKey,parentKey\nX,X,Geo,\nY,Y,Geo,X\n").statusCode(200)
                .extract().header("ETag");

        // a plan's first overrides file goes straight into the table; when the checks of what was loaded find an
        // account outside the baseline or an unknown territory, that load is undone and every bad row is named
        csv(base, etag, "overrides", "accountId,territoryKey,reason\n" + prefix + "1,X,a\n001NOTINBASELINE,Y,b\n"
                + prefix + "2,Q,c\n").statusCode(400)
                .body("errors.row", contains(3, 4)).body("errors.field", contains("accountId", "territoryKey"))
                .body("errors[0].reason", equalTo("account 001NOTINBASELINE is not in the plan's baseline"))
                .body("errors[1].reason", equalTo("unknown territory 'Q'"));
        given().auth().oauth2(PLANNER).get(base + "/overrides").then().body("total", equalTo(0));
        given().auth().oauth2(PLANNER).get(base).then().header("ETag", etag);

        // BOM, CRLF, quoting; a reason with a backslash, a tab, a line break and non-ASCII text goes through COPY intact
        String reason = "Zürich \\ desk\tteam\nline two";
        String overrides = "\uFEFFaccountId,territoryKey,reason\r\n" + prefix + "1,X,\"" + reason + "\"\r\n"
                + prefix + "2, Y ,plain\r\n";
        etag = csv(base, etag, "overrides", overrides).statusCode(200).body("rows", equalTo(2)).extract().header("ETag");
        given().auth().oauth2(PLANNER).get(base + "/overrides").then().statusCode(200).body("total", equalTo(2))
                .body("items.find { it.accountId == '" + prefix + "1' }.reason", equalTo(reason))
                .body("items.find { it.accountId == '" + prefix + "2' }.territoryKey", equalTo("Y"));
        given().auth().oauth2(PLANNER).get(base + "/accounts/" + prefix + "1/assignment").then().statusCode(200)
                .body("territoryKey", equalTo("X"));

        // a ragged row refuses the whole file after the COPY had started; nothing changed, the next import works
        csv(base, etag, "overrides", "accountId,territoryKey,reason\n" + prefix + "3,X,fine\n" + prefix + "1,Y\n")
                .statusCode(400).body("errors[0].row", equalTo(3)).body("errors[0].reason", containsString("cells"));
        given().auth().oauth2(PLANNER).get(base).then().header("ETag", etag);

        // the same file again: accepted, nothing moves
        etag = csv(base, etag, "overrides", overrides).statusCode(200).extract().header("ETag");
        given().auth().oauth2(PLANNER).get(base + "/overrides").then().body("total", equalTo(2));

        // the first exclusions file: clean cells, no repeats, but a clash with an override — found after the straight
        // load, undone, named by row
        csv(base, etag, "exclusions", "accountId,territoryKey\n" + prefix + "3,Y\n" + prefix + "1,X\n").statusCode(400)
                .body("errors.row", contains(3))
                .body("errors[0].reason", equalTo("account " + prefix + "1 is overridden into X"));
        given().auth().oauth2(PLANNER).get(base + "/exclusions").then().body("total", equalTo(0));

        // exclusions: a repeat in the file and a clash with an override are named by row; nothing is written
        csv(base, etag, "exclusions", "accountId,territoryKey,reason\n" + prefix + "3,Y,a\n" + prefix + "3,Y,b\n"
                + prefix + "1,X,c\n").statusCode(400)
                .body("errors.row", contains(3, 4)).body("errors.field", contains("territoryKey", "territoryKey"))
                .body("errors[0].reason", equalTo("duplicate exclusion in this file (also on row 2)"))
                .body("errors[1].reason", equalTo("account " + prefix + "1 is overridden into X"));
        given().auth().oauth2(PLANNER).get(base + "/exclusions").then().body("total", equalTo(0));

        etag = csv(base, etag, "exclusions", "accountId,territoryKey\n" + prefix + "3,Y\n").statusCode(200)
                .body("rows", equalTo(1)).extract().header("ETag");
        given().auth().oauth2(PLANNER).get(base + "/exclusions").then().body("total", equalTo(1))
                .body("items[0].accountId", equalTo(prefix + "3"));
    }

    private static ValidatableResponse csv(String base, String etag, String kind, String body) {
        return given().auth().oauth2(PLANNER).header("If-Match", etag).contentType("text/csv")
                .body(body.getBytes(StandardCharsets.UTF_8)).post(base + "/imports/" + kind).then();
    }
}
