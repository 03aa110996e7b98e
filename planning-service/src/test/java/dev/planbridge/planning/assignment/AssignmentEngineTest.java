package dev.planbridge.planning.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.planning.assignment.RuleCriteria.Band;
import dev.planbridge.planning.assignment.RuleCriteria.PostalRange;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssignmentEngineTest {

    static AccountFacts account(String id, String country, String state, String postal, String industry,
                                Integer employees, long revenue, String segment) {
        return new AccountFacts(id, "Acme " + id, "005A", country, state, postal, industry, employees,
                BigDecimal.valueOf(revenue), segment, null);
    }

    static RuleCriteria countries(String... values) {
        return new RuleCriteria(List.of(values), null, null, null, null, null, null, null);
    }

    final AccountFacts californianBank = account("001A", "US", "CA", "94105", "Banking", 5000, 2_000_000_000L, "Enterprise");

    @Test
    void shouldPlaceAccountByFirstMatchingRuleInPositionOrder() {
        AssignmentEngine engine = new AssignmentEngine(List.of(
                new RuleDefinition(2, "all US", 20, "US_ALL", countries("US")),
                new RuleDefinition(1, "west", 10, "US_WEST",
                        new RuleCriteria(null, List.of("CA", "WA"), null, null, null, null, null, null))));

        Assignment result = engine.assign(californianBank, null, null, Set.of());

        assertEquals("US_WEST", result.territoryKey());
        assertEquals(Assignment.Source.RULE, result.source());
        assertEquals("rule:1", result.assignedBy());
    }

    @Test
    void shouldLetOverrideWinOverMatchingRules() {
        AssignmentEngine engine = new AssignmentEngine(List.of(new RuleDefinition(1, "all US", 1, "US_ALL", countries("US"))));

        Assignment result = engine.explain(californianBank, "STRATEGIC", "CEO relationship", Set.of());

        assertEquals("STRATEGIC", result.territoryKey());
        assertEquals("override:001A", result.assignedBy());
        assertEquals("CEO relationship", result.overrideReason());
        assertTrue(result.explanation().get(0).contains("CEO relationship"));
    }

    @Test
    void shouldSkipExcludedTerritoryAndFallThroughToNextRule() {
        AssignmentEngine engine = new AssignmentEngine(List.of(
                new RuleDefinition(1, "west", 1, "US_WEST", countries("US")),
                new RuleDefinition(2, "catch-all", 2, "US_ALL", countries("US"))));

        Assignment result = engine.explain(californianBank, null, null, Set.of("US_WEST"));

        assertEquals("US_ALL", result.territoryKey());
        assertTrue(result.explanation().get(0).contains("excluded"));
    }

    @Test
    void shouldReportUnmatchedAccountsAsUnassigned() {
        AssignmentEngine engine = new AssignmentEngine(List.of(new RuleDefinition(1, "DE", 1, "DACH", countries("DE"))));

        Assignment result = engine.explain(californianBank, null, null, Set.of());

        assertNull(result.territoryKey());
        assertEquals("unassigned", result.assignedBy());
        assertEquals(List.of("rule 1 'DE' does not match", "no rule matches"), result.explanation());
    }

    @Test
    void shouldRequireEveryCriterionAndAnyValueWithinOne() {
        RuleCriteria enterpriseWestBanks = new RuleCriteria(List.of("us"), List.of("CA", "OR"),
                List.of(new PostalRange("94000", "94999")), List.of("Banking", "Insurance"),
                new Band(BigDecimal.valueOf(1000), null), new Band(BigDecimal.valueOf(1_000_000_000L), null),
                List.of("Enterprise"), null);

        assertTrue(enterpriseWestBanks.matches(californianBank));
        assertEquals(false, enterpriseWestBanks.matches(account("001B", "US", "CA", "95014", "Banking", 5000,
                2_000_000_000L, "Enterprise")));
        assertEquals(false, enterpriseWestBanks.matches(account("001C", "US", "CA", "94105", "Banking", 999,
                2_000_000_000L, "Enterprise")));
        assertEquals(false, enterpriseWestBanks.matches(account("001D", "US", "CA", "94105", "Banking", null,
                2_000_000_000L, "Enterprise")));
    }

    @Test
    void shouldMatchPostalPrefixWhenRangeHasNoUpperBound() {
        RuleCriteria london = new RuleCriteria(null, null, List.of(new PostalRange("SW1", null)), null, null, null, null, null);

        assertTrue(london.matches(account("001E", "GB", null, "SW1A 1AA", null, 10, 1, null)));
        assertEquals(false, london.matches(account("001F", "GB", null, "EC1A 1BB", null, 10, 1, null)));
    }

    @Test
    void shouldMatchPostalRangeOnLeadingDigitsOfLongerCodes() {
        RuleCriteria range = new RuleCriteria(null, null, List.of(new PostalRange("100", "199")), null, null, null, null, null);

        assertTrue(range.matches(account("001G", "US", null, "10001", null, 1, 1, null)));
        assertEquals(false, range.matches(account("001H", "US", null, "20001", null, 1, 1, null)));
    }

    @Test
    void shouldMatchParentAccount() {
        RuleCriteria children = new RuleCriteria(null, null, null, null, null, null, null, List.of("001PARENT"));
        AccountFacts child = new AccountFacts("001K", "k", null, "US", null, null, null, null, null, null, "001PARENT");

        assertTrue(children.matches(child));
        assertEquals(false, children.matches(californianBank));
    }

    @Test
    void shouldExplainWhyRuleCanNeverMatch() {
        RuleCriteria impossible = new RuleCriteria(List.of(), null, List.of(new PostalRange("99999", "10000")), null,
                new Band(BigDecimal.TEN, BigDecimal.ONE), null, null, null);

        List<String> fields = impossible.neverMatchReasons().stream().map(e -> e.field()).toList();

        assertEquals(List.of("countries", "postalCodes", "employees"), fields);
    }
}
