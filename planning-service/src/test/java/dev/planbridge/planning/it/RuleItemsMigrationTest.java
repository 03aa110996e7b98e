package dev.planbridge.planning.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.planbridge.planning.assignment.PlanAssignmentData;
import dev.planbridge.planning.assignment.RuleCriteria;
import dev.planbridge.planning.assignment.RuleItem;
import dev.planbridge.testkit.JwtResource;
import dev.planbridge.testkit.KafkaResource;
import dev.planbridge.testkit.PostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** V7_1 turns the eight fixed criteria stored before it into items that match the same accounts. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
class RuleItemsMigrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldConvertStoredCriteriaToItemsWithAFilterWhereRangesNeedOne() throws Exception {
        UUID planId = UUID.fromString(PlanLifecycleTest.create("rule migration").path("id"));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            insert(c, planId, "geo", "{\"countries\":[\"US\"],\"states\":[\"CA\",\"WA\"],\"segments\":[\"SMB\"]}");
            insert(c, planId, "zips", "{\"postalCodes\":[{\"from\":\"94000\",\"to\":\"94999\"},{\"from\":\"SW1\"}],"
                    + "\"employees\":{\"min\":50},\"revenue\":{\"min\":1,\"max\":10}}");
            insert(c, planId, "all", "{}");
            try (Statement s = c.createStatement();
                 InputStream script = getClass().getResourceAsStream("/db/migration/V7_1__assignment_rule_items.sql")) {
                s.execute(new String(script.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(RuleCriteria.allOf(new RuleItem("BillingCountry", "within", "US"),
                    new RuleItem("BillingState", "within", "CA;WA"), new RuleItem("Segment__c", "within", "SMB")),
                    criteria(c, planId, "geo"));
            assertEquals(new RuleCriteria(List.of(new RuleItem("BillingPostalCode", "greaterOrEqual", "94000"),
                    new RuleItem("BillingPostalCode", "lessOrEqual", "94999"),
                    new RuleItem("BillingPostalCode", "startsWith", "SW1"),
                    new RuleItem("NumberOfEmployees", "greaterOrEqual", "50"),
                    new RuleItem("AnnualRevenue", "greaterOrEqual", "1"),
                    new RuleItem("AnnualRevenue", "lessOrEqual", "10")), "((1 AND 2) OR 3) AND 4 AND 5 AND 6"),
                    criteria(c, planId, "zips"));
            assertEquals(new RuleCriteria(List.of(), null), criteria(c, planId, "all"));
            c.rollback();
        }
    }

    private static void insert(Connection c, UUID planId, String name, String criteria) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO assignment_rule (plan_id, name, position, "
                + "territory_key, criteria) VALUES (?, ?, 1, 'none', ?)")) {
            s.setObject(1, planId);
            s.setString(2, name);
            s.setString(3, criteria);
            s.executeUpdate();
        }
    }

    private static RuleCriteria criteria(Connection c, UUID planId, String name) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT criteria FROM assignment_rule WHERE plan_id = ? AND name = ?")) {
            s.setObject(1, planId);
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return PlanAssignmentData.parseCriteria(rs.getString(1));
            }
        }
    }
}
