package dev.planbridge.planning.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import dev.planbridge.testkit.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Exports come from the features that own the data: a kind's query (territories) or a feature's computed export
 * (every account's effective territory, from the assignment feature), both found by the CSV resource through CDI.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class CsvExportTest {

    static final String PLANNER = TestTokens.planner();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldExportAKindsRowsAndEveryAccountsEffectiveTerritory() throws Exception {
        String prefix = "001EXP" + UUID.randomUUID().toString().substring(0, 6);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO crm_account (id, name, billing_country, system_modstamp) VALUES (?, ?, 'DE', now())")) {
            for (int i = 1; i <= 2; i++) {
                s.setString(1, prefix + i);
                s.setString(2, "Account " + i);
                s.addBatch();
            }
            s.executeBatch();
        }
        var created = PlanLifecycleTest.create("csv export");
        String base = "/api/v1/plans/" + created.path("id");
        String etag = created.header("ETag");
        etag = csv(base, etag, "territory-types", "key,label,priority\nGeo,Geography,1\n");
        etag = csv(base, etag, "territories", "key,name,typeKey,parentKey\nX,X,Geo,\nY,Y,Geo,X\n");
        etag = csv(base, etag, "rules", "name,position,territoryKey,field,operation,value,booleanFilter\n"
                + "Germany,1,Y,BillingCountry,equals,DE,1 OR 2\nGermany,1,Y,BillingPostalCode,startsWith,8,\n");
        csv(base, etag, "overrides", "accountId,territoryKey,reason\n" + prefix + "1,X,strategic\n");

        List<String> territories = export(base, "territories");
        assertEquals(List.of("key,name,typeKey,parentKey,headcountCapacity", "X,X,Geo,,", "Y,Y,Geo,X,"), territories);

        // one row per rule item, the filter on the rule's first row: the file imports back as it was
        assertEquals(List.of("name,position,territoryKey,field,operation,value,booleanFilter",
                "Germany,1,Y,BillingCountry,equals,DE,1 OR 2", "Germany,1,Y,BillingPostalCode,startsWith,8,"),
                export(base, "rules"));

        List<String> assignments = export(base, "assignments");
        assertEquals("accountId,accountName,territoryKey,assignedBy", assignments.get(0));
        assertTrue(assignments.contains(prefix + "1,Account 1,X,override:" + prefix + "1"), assignments.toString());
        assertTrue(assignments.stream().anyMatch(line -> line.matches(prefix + "2,Account 2,Y,rule:\\d+")),
                assignments.toString());

        given().auth().oauth2(PLANNER).get(base + "/exports/nonsense").then().statusCode(404)
                .body("detail", containsString("assignments")).body("detail", containsString("user-assignments"));
    }

    private static String csv(String base, String etag, String kind, String body) {
        return given().auth().oauth2(PLANNER).header("If-Match", etag).contentType("text/csv")
                .body(body.getBytes(StandardCharsets.UTF_8)).post(base + "/imports/" + kind).then().statusCode(200)
                .extract().header("ETag");
    }

    private static List<String> export(String base, String kind) {
        return given().auth().oauth2(PLANNER).get(base + "/exports/" + kind).then().statusCode(200)
                .extract().asString().lines().toList();
    }
}
